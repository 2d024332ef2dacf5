/**
 * The division's tertial report written in the app (issue 13), on a tablet: the division manager
 * enters two reported measures with K/M for Avdelning 21 in the grid, imports a third from a CSV
 * file (columns mapped once), opens Tertialrapport, writes an analysis, follows up a strategic
 * action, prints the report (A4 PDF) and downloads the .docx, which a second library (jszip) opens:
 * it holds the same outcomes as the screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest, uiLogin } from './harness';

const env = useAppUnderTest();

const login = (page: Page, username: string) => uiLogin(page, env.server.url, username);

const month = () => new Date().toISOString().slice(0, 7);

async function enter(page: Page, measure: string, values: Record<string, string>) {
  await page.getByRole('combobox', { name: /^Mått/ }).selectOption({ label: measure });
  for (const [field, v] of Object.entries(values)) await page.getByLabel(`${month()} ${field}`, { exact: true }).fill(v);
  await page.getByRole('button', { name: 'Spara värdena' }).click();
  await expect.poll(() => page.getByText('Värdena är sparade och synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
}

describe('the tertial report', () => {
  it('enter, import, analyse, follow up, print and download', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await login(page, 'divisionschef');

    // Two reported measures with K/M for Avdelning 21, this month.
    await page.goto(`${env.server.url}/#/mal/rapportera?unit=avd-21`);
    await expect.poll(() => page.getByTestId('reported-grid').isVisible(), { timeout: 30_000 }).toBe(true);
    await enter(page, 'Väntat ≤ 90 dagar till första besök', { Täljare: '60', Nämnare: '100', K: '30', 'K nämnare': '50', M: '30', 'M nämnare': '50' });
    await enter(page, 'Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre', { Täljare: '9', Nämnare: '60', K: '4', 'K nämnare': '30', M: '5', 'M nämnare': '30' });
    await shot(page, 'e2e-reported-grid');

    // A third from the BI system's CSV, for two units of the division, imported at the division.
    await page.goto(`${env.server.url}/#/mal/rapportera`);
    await page.getByRole('combobox', { name: /^Mått/ }).selectOption({ label: 'Andel kostnad inhyrd personal' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-csv-')), 'inhyrd.csv');
    fs.writeFileSync(file, `Enhet;Period;Kostnad inhyrd;Total personalkostnad\nAvdelning 21 Medicin;${month()};120000;2400000\navd-22;${month()};90000;1800000\n`);
    await page.getByTestId('reported-file').setInputFiles(file);
    // The mapping's selects, in field order: unit, period, value/numerator, denominator, K, …
    const map = page.locator('.ind-rep-map select');
    await map.nth(2).selectOption({ label: 'Kostnad inhyrd' });
    await map.nth(3).selectOption({ label: 'Total personalkostnad' });
    await page.getByRole('button', { name: 'Importera med de här kolumnerna' }).click();
    await expect.poll(() => page.getByText('2 värden importerade. De synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);

    // The report: the division, this year's report period.
    await page.goto(`${env.server.url}/#/mal/rapport`);
    const report = page.getByTestId('tertial-report');
    await expect.poll(() => report.getByTestId('goal-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    expect(await report.textContent()).toContain('Bilaga produktion och måluppfyllelse');
    expect(await report.textContent()).toContain('Data saknas');
    expect(await report.textContent()).toContain('Informationsunderlag till styrmåttet saknas');
    expect(await report.textContent()).toMatch(/K: [\d,]+ % M: [\d,]+ %/);

    await page.getByRole('button', { name: 'Skriv analys: Vårdtillfällen med utskrivningsklar > 1 dygn' }).click();
    const analysis = page.getByLabel('Kommentar/analys: Vårdtillfällen med utskrivningsklar > 1 dygn');
    // A sync while she writes (it replaces the device's org tree) leaves her text where it is.
    await analysis.fill('Samordningen med kommunerna');
    await page.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await analysis.inputValue()).toBe('Samordningen med kommunerna');
    // A personnummer is refused, and the text stays in the editor to be mended.
    await analysis.fill('Samordningen med kommunerna, se 19121212-1212.');
    await page.getByRole('button', { name: 'Spara analysen' }).click();
    await expect.poll(() => page.locator('.banner').first().textContent(), { timeout: 10_000 }).toMatch(/personnummer/i);
    expect(await analysis.inputValue()).toBe('Samordningen med kommunerna, se 19121212-1212.');
    await analysis.fill('Samordningen med kommunerna har förbättrats under perioden.');
    await page.getByRole('button', { name: 'Spara analysen' }).click();
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('Samordningen med kommunerna har förbättrats under perioden.');

    await page.getByRole('button', { name: 'Följ upp: Hälsofrämjande arbetsplatser' }).click();
    await page.getByRole('combobox', { name: /^Status/ }).selectOption({ label: 'Klar' });
    await page.getByLabel('Kommentar', { exact: true }).fill('Genomfört i alla VO.');
    await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await expect.poll(() => page.getByTestId('action-row').filter({ hasText: 'Hälsofrämjande arbetsplatser' }).textContent(), { timeout: 20_000 }).toContain('Genomfört i alla VO.');
    await shot(page, 'e2e-tertial-report');

    const outcomes = await report.getByTestId('goal-row').evaluateAll((trs) => trs.map((tr) => tr.children[4]?.textContent ?? ''));
    expect(outcomes.length).toBeGreaterThanOrEqual(8);

    // Print: the navigation is gone and the page is an A4 PDF.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    // The .docx, opened by a second library: the same outcomes, the analysis and the follow-up.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Ladda ner Word (.docx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tertialrapport-division-lanssjukvard-\d{4}-(DA04|DA08|AR)\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const texts = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
    for (const o of outcomes) expect(texts).toContain(o.replace(/\u00a0/g, '\u00a0'));
    expect(texts).toContain('Samordningen med kommunerna har förbättrats under perioden.');
    expect(texts).toContain('Genomfört i alla VO.');

    // The same report as .xlsx, read back by a second library (ExcelJS): the outcomes shown on the
    // screen are in its sheets, one per perspective, and the actions' sheet is there.
    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Ladda ner Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^tertialrapport-division-lanssjukvard-\d{4}-(DA04|DA08|AR)\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Strategiska åtgärder');
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
    for (const o of outcomes) expect(cells).toContain(o);
    await ctx.close();
  });
});
