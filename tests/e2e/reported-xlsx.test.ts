/**
 * The reported measures' import takes the .xlsx the region's BI system exports (issue 13), in the
 * browser (ExcelJS loaded on first use): a file with a bad row is refused whole, the row named as
 * Excel numbers it; the corrected file is imported after the columns are matched; the next file
 * is imported with the remembered columns and replaces the cell it names; the grid shows it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, uiLogin } from './harness';

const env = useAppUnderTest();
const month = () => new Date().toISOString().slice(0, 7);

async function xlsxFile(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Inhyrd personal');
  ws.addRow(['Enhet', 'Period', 'Täljare', 'Nämnare']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-xlsx-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('importing reported values from Excel', () => {
  it('refuses a file with a bad row whole, imports the corrected one, re-imports with the remembered columns', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await uiLogin(page, env.server.url, 'divisionschef');
    await page.goto(`${env.server.url}/#/mal/rapportera`);
    await expect.poll(() => page.getByRole('combobox', { name: /^Mått/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('combobox', { name: /^Mått/ }).selectOption({ label: 'Andel kostnad inhyrd personal' });
    const input = page.getByTestId('reported-file');
    const importButton = page.getByRole('button', { name: 'Importera med de här kolumnerna' });

    // Row 3 (as Excel numbers it) names a unit that does not exist: nothing is imported.
    await input.setInputFiles(await xlsxFile('inhyrd-fel.xlsx', [['avd-21', month(), 120000, 2400000], ['Avdelning 99', month(), 1, 2]]));
    await importButton.click();
    await expect.poll(() => page.getByTestId('import-errors').textContent(), { timeout: 10_000 }).toBe('Rad 3: okänd enhet (”Enhet”: ”Avdelning 99”)');
    expect(await page.getByText('Filen importerades inte – inget sparades.', { exact: false }).isVisible()).toBe(true);

    // The corrected file: both rows, after the columns are confirmed.
    await input.setInputFiles(await xlsxFile('inhyrd.xlsx', [['Avdelning 21 Medicin', month(), 120000, 2400000], ['avd-22', month(), 90000, 1800000]]));
    await importButton.click();
    await expect.poll(() => page.getByText('2 värden importerade. De synkas.').isVisible(), { timeout: 10_000 }).toBe(true);

    // Next file: the columns are remembered, the import runs at once and replaces the cell.
    await input.setInputFiles(await xlsxFile('inhyrd-rattad.xlsx', [['avd-21', month(), 60000, 2400000]]));
    await expect.poll(() => page.getByText('1 värde importerat. Det synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await importButton.count()).toBe(0);

    await page.goto(`${env.server.url}/#/mal/rapportera?unit=avd-21`);
    await expect.poll(() => page.getByTestId('reported-grid').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('combobox', { name: /^Mått/ }).selectOption({ label: 'Andel kostnad inhyrd personal' });
    await expect.poll(() => page.getByLabel(`${month()} Täljare`, { exact: true }).inputValue(), { timeout: 10_000 }).toBe('60000');
    expect(await page.getByLabel(`${month()} Nämnare`, { exact: true }).inputValue()).toBe('2400000');
    await ctx.close();
  });
});
