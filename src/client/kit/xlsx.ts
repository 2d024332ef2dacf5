/**
 * "Ladda ner Excel" on the device: the Workbook (shared/export/sheet.ts) written as .xlsx by
 * write-excel-file, which is loaded only when a file is asked for (the first load does not grow)
 * and then works offline like the CSV. Nothing leaves the device.
 */
import type { Workbook } from '../../shared/export/sheet';

export async function downloadWorkbook(wb: Workbook): Promise<void> {
  const [{ default: writeXlsxFile }, { toXlsxSheets, xlsxFilename }] = await Promise.all([import('write-excel-file/browser'), import('../../shared/export/xlsx-data')]);
  const blob = await writeXlsxFile(toXlsxSheets(wb) as never).toBlob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = xlsxFilename(wb.filename);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
