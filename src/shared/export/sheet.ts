/**
 * A table as every download writes it: the one model behind "Ladda ner CSV" and "Ladda ner Excel"
 * (issue 16) and the tertial report's sheets (issue 13). Columns carry a type, so a spreadsheet
 * gets numbers as numbers, dates as dates and percentages formatted; CSV writes the same cells as
 * Swedish text. The writers live where their library may run: the server's and the client's
 * (loaded lazily there); this file holds only the shape.
 */
export type CellType = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'month';

export interface SheetColumn {
  /** Header text, already in the user's language. */
  readonly header: string;
  readonly type: CellType;
  /** Decimals shown for number and percent columns (default 1). */
  readonly decimals?: number;
  /** Width in characters; writers size from the content when absent. */
  readonly width?: number;
}

/**
 * One cell: text for text columns; a number (percent: 0–100, as the figures are) for numeric
 * columns; `YYYY-MM-DD` for date and `YYYY-MM` for month columns; null for an empty cell.
 */
export type SheetCell = string | number | null;

export interface Sheet {
  /** Sheet name (Excel allows 31 characters, no []:*?/\). */
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly SheetCell[])[];
}

/** A workbook to download: one or more sheets, and the file name without extension. */
export interface Workbook {
  readonly filename: string;
  readonly sheets: readonly Sheet[];
}
