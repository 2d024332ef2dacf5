/**
 * Reading a CSV export (the HR system's sick-leave report) into a table, without trusting it:
 * the bytes must be UTF-8 (a Latin-1 "å" is refused with the line it is on, never turned into
 * "�"), the delimiter is `;` (Swedish Excel) or `,` taken from the header line, fields may be
 * quoted ("8,6" in a comma file), and every row must have the header's number of columns.
 * Line numbers are the file's own (1 = header), so a manager can find the row in Excel.
 */

export type CsvDelimiter = ';' | ',';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  rows: CsvRow[];
}

export type HrCsvErrorCode =
  | 'not-utf8'
  /** An .xlsx file that cannot be read as a workbook (sheet-table.ts). */
  | 'not-xlsx'
  | 'empty'
  | 'delimiter'
  | 'quote'
  | 'column-count'
  | 'too-many-rows'
  | 'missing-column'
  | 'required'
  | 'number'
  | 'range'
  | 'korttid-over-total'
  | 'month'
  | 'future-month'
  | 'unknown-unit'
  | 'ambiguous-unit'
  | 'unit-closed'
  | 'duplicate';

/** One problem, with what a person needs to fix it: the line, the column and the value. */
export interface HrCsvError {
  line: number;
  code: HrCsvErrorCode;
  column?: string;
  value?: string;
  /** column-count: the header's count and the row's. */
  expected?: number;
  got?: number;
  /** duplicate: the line that named the same unit and month first. */
  firstLine?: number;
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; errors: HrCsvError[] };

/** Far above any organisation's units × months; a bigger file is not an HR month report. */
export const MAX_CSV_ROWS = 10_000;

/** Decodes strict UTF-8 (BOM dropped) or names the first line holding bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  // A UTF-16 export starts with its byte-order mark; it is not UTF-8 either.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, line: 1 };
  }
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return { ok: false, line };
        }
        line += 1;
        start = i + 1;
      }
    }
    return { ok: false, line: 1 };
  }
}

/** Splits one line at `delimiter` outside double quotes; "" inside quotes is one quote. */
function splitLine(text: string, delimiter: CsvDelimiter): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** `;` if the header has one outside quotes, else `,`, else null (one column: wrong delimiter). */
function detectDelimiter(header: string): CsvDelimiter | null {
  const bare = header.replace(/"[^"]*"/g, '');
  if (bare.includes(';')) return ';';
  if (bare.includes(',')) return ',';
  return null;
}

export function readCsv(bytes: Uint8Array): CsvResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, errors: [{ line: decoded.line, code: 'not-utf8' }] };
  const lines = decoded.text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { ok: false, errors: [{ line: 1, code: 'empty' }] };
  const headerLine = lines[headerIndex] as string;
  const delimiter = detectDelimiter(headerLine);
  if (delimiter === null) return { ok: false, errors: [{ line: headerIndex + 1, code: 'delimiter', value: headerLine.slice(0, 60) }] };
  const header = splitLine(headerLine, delimiter);
  if (header === null) return { ok: false, errors: [{ line: headerIndex + 1, code: 'quote' }] };

  const rows: CsvRow[] = [];
  const errors: HrCsvError[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const text = lines[i] as string;
    const line = i + 1;
    const cells = splitLine(text, delimiter);
    if (cells === null) {
      errors.push({ line, code: 'quote' });
      continue;
    }
    // Blank lines and Excel's trailing ";;;;" rows are not data.
    if (cells.every((c) => c === '')) continue;
    if (cells.length !== header.length) {
      errors.push({ line, code: 'column-count', expected: header.length, got: cells.length });
      continue;
    }
    rows.push({ line, cells });
  }
  if (rows.length > MAX_CSV_ROWS) return { ok: false, errors: [{ line: 1, code: 'too-many-rows', got: rows.length }] };
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [{ line: headerIndex + 2, code: 'empty' }] };
  return { ok: true, table: { delimiter, header, rows } };
}
