/**
 * Excel files from the server (issue 16): a Workbook (shared/export/sheet.ts) written as .xlsx by
 * write-excel-file, the same writer and the same cell mapping (shared/export/xlsx-data.ts) the
 * device uses, so a file is the same wherever it is made.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Workbook } from '../../shared/export/sheet';
import { toXlsxSheets, xlsxFilename } from '../../shared/export/xlsx-data';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function xlsxFile(wb: Workbook): Promise<{ filename: string; bytes: Buffer }> {
  const bytes = await writeXlsxFile(toXlsxSheets(wb) as never).toBuffer();
  return { filename: xlsxFilename(wb.filename), bytes };
}
