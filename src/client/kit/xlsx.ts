/**
 * "Ladda ner Excel" on the device: the Workbook (shared/export/sheet.ts) written as .xlsx by
 * write-excel-file, which is loaded only when a file is asked for (the first load does not grow)
 * and then works offline like the CSV. Nothing leaves the device.
 */
import type { Workbook } from '../../shared/export/sheet';
import { saveBlob } from './download';

export async function downloadWorkbook(wb: Workbook): Promise<void> {
  const [{ default: writeXlsxFile }, { toXlsxSheets, xlsxFilename }] = await Promise.all([import('write-excel-file/browser'), import('../../shared/export/xlsx-data')]);
  saveBlob(xlsxFilename(wb.filename), await writeXlsxFile(toXlsxSheets(wb) as never).toBlob());
}

/** A file the server made (`{filename, base64}`, the JSON form of an .xlsx export). */
export function downloadBase64(file: { filename: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  saveBlob(file.filename, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}
