/**
 * A Workbook (sheet.ts) as the cells an .xlsx writer takes (write-excel-file's sheet data, the same
 * shape on the server and in the browser): a bold header row that stays in view (frozen), typed
 * cells (numbers as numbers with their decimals, percentages as fractions formatted 0.0 %, dates as
 * dates, months as text "YYYY-MM"), and columns sized from their content. Pure: no writer here.
 */
import type { CellType, Sheet, SheetCell, SheetColumn, Workbook } from './sheet';

/** A cell as write-excel-file takes it (its CellObject, structurally). */
export interface XlsxCell {
  value?: string | number | Date | boolean;
  type?: StringConstructor | NumberConstructor | DateConstructor;
  format?: string;
  fontWeight?: 'bold';
}
export interface XlsxSheet {
  sheet: string;
  data: (XlsxCell | null)[][];
  columns: { width: number }[];
  stickyRowsCount: number;
}

const formatOf = (c: SheetColumn): string | undefined => {
  const d = c.decimals ?? 1;
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  if (c.type === 'integer') return '0';
  if (c.type === 'number') return `0${frac}`;
  if (c.type === 'percent') return `0${frac}%`;
  if (c.type === 'date') return 'yyyy-mm-dd';
  return undefined;
};

function cell(type: CellType, column: SheetColumn, value: SheetCell): XlsxCell | null {
  if (value === null || value === '') return null;
  const format = formatOf(column);
  if (type === 'integer' || type === 'number' || type === 'percent') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return { value: String(value), type: String };
    return { value: type === 'percent' ? n / 100 : n, type: Number, ...(format ? { format } : {}) };
  }
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
  }
  return { value: String(value), type: String };
}

/** Shown length of a cell, for the column width. */
const shown = (type: CellType, v: SheetCell): number => (v === null ? 0 : type === 'percent' ? String(v).length + 3 : type === 'date' ? 10 : String(v).length);

/** Excel's sheet names: at most 31 characters, none of []:*?/\. */
export const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Blad';

export function toXlsxSheet(s: Sheet): XlsxSheet {
  const header: (XlsxCell | null)[] = s.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
  const rows = s.rows.map((r) => s.columns.map((c, i) => cell(c.type, c, r[i] ?? null)));
  const columns = s.columns.map((c, i) => ({
    width: c.width ?? Math.min(60, Math.max(c.header.length, ...s.rows.map((r) => shown(c.type, r[i] ?? null))) + 2),
  }));
  return { sheet: sheetName(s.name), data: [header, ...rows], columns, stickyRowsCount: 1 };
}

export const toXlsxSheets = (wb: Workbook): XlsxSheet[] => wb.sheets.map(toXlsxSheet);

/** "indikatorer-vo-medicin-2026-03.csv" → "indikatorer-vo-medicin-2026-03.xlsx". */
export const xlsxFilename = (filename: string): string => `${filename.replace(/\.(csv|xlsx)$/i, '')}.xlsx`;
