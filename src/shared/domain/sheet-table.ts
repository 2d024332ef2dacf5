/**
 * A worksheet of an .xlsx export turned into the same table the CSV reader yields (hr-csv.ts
 * CsvTable), so an Excel file goes through the CSV path's mapping and checks unchanged (one
 * pipeline: reported-import.ts). The client reads the workbook (ExcelJS, loaded on first use)
 * and hands over the rows as Excel numbers them; this decides what a cell says and what the table is:
 *  - line numbers are the sheet's row numbers, as Excel shows them (1 = the first row);
 *  - the header is the first row with anything in it; columns after its last filled cell are not part
 *    of the table, and a data row with a value there is refused (column-count), as in a CSV;
 *  - empty rows are not data; more than MAX_CSV_ROWS rows, or none, refuse the file;
 *  - a number is written as JavaScript writes it (the CSV parser reads "8.6" as well as "8,6"),
 *    a date as its day ("2026-03-01", a month's period for the parser), a formula as its result,
 *    rich text as its text, a hyperlink as its text, an error cell as the error ("#N/A").
 */
import { type CsvResult, type CsvRow, type HrCsvError, MAX_CSV_ROWS } from './hr-csv';

export interface SheetRow {
  /** The row's number in the sheet (1-based, as Excel shows it). */
  line: number;
  /** The cells' values from column A on, as ExcelJS gives them (holes for empty cells). */
  values: readonly unknown[];
}

/** An .xlsx (a zip) starts with "PK\x03\x04"; a CSV never does (its first bytes are the header's text). */
export const looksLikeXlsx = (bytes: Uint8Array): boolean => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const pad = (n: number) => String(n).padStart(2, '0');

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // No exponent for the CSV parser: a huge number is a whole one, a tiny one has its decimals.
  return Math.abs(n) >= 1 ? BigInt(n).toString() : n.toFixed(20).replace(/\.?0+$/, '');
}

/** What a cell says, as text a CSV export would hold. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r) => cellText((r as { text?: unknown }).text)).join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return cellText(o.error);
  }
  return '';
}

export function sheetTable(rows: Iterable<SheetRow>): CsvResult {
  let header: string[] | null = null;
  let headerLine = 0;
  const out: CsvRow[] = [];
  const errors: HrCsvError[] = [];
  for (const row of rows) {
    const cells = Array.from({ length: row.values.length }, (_, i) => cellText(row.values[i]).trim());
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === '') last--;
    if (last < 0) continue;
    if (header === null) {
      header = cells.slice(0, last + 1);
      headerLine = row.line;
      continue;
    }
    if (last >= header.length) {
      errors.push({ line: row.line, code: 'column-count', expected: header.length, got: last + 1 });
      continue;
    }
    out.push({ line: row.line, cells: Array.from({ length: header.length }, (_, i) => cells[i] ?? '') });
  }
  if (header === null) return { ok: false, errors: [{ line: 1, code: 'empty' }] };
  if (out.length > MAX_CSV_ROWS) return { ok: false, errors: [{ line: 1, code: 'too-many-rows', got: out.length }] };
  if (errors.length > 0) return { ok: false, errors };
  if (out.length === 0) return { ok: false, errors: [{ line: headerLine + 1, code: 'empty' }] };
  return { ok: true, table: { delimiter: ';', header, rows: out } };
}
