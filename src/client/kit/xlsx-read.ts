/**
 * Reads an .xlsx file (the region's BI or HR export saved from Excel) into the table the CSV
 * reader yields, so an import's mapping and checks are its CSV path's (shared/domain/sheet-table.ts);
 * in kit, so any import screen can use it. ExcelJS is loaded on first use, in its own chunk. The
 * first worksheet with anything in it is read; its rows keep the numbers Excel shows, so every
 * error names the row a person finds in Excel.
 */
import type { CsvResult } from '../../shared/domain/hr-csv';
import { sheetTable, type SheetRow } from '../../shared/domain/sheet-table';

export async function readXlsx(bytes: Uint8Array): Promise<CsvResult> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ line: 1, code: 'not-xlsx' }] };
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0) ?? wb.worksheets[0];
  if (sheet === undefined) return { ok: false, errors: [{ line: 1, code: 'empty' }] };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(row.getCell(c).value);
    rows.push({ line, values });
  });
  return sheetTable(rows);
}
