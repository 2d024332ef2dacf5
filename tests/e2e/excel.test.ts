/**
 * "Ladda ner Excel" (issue 16) in Chromium: a ward tablet downloads its BHK board and a division
 * manager the indicator report; each .xlsx is read back with a second library (ExcelJS, not the
 * writer) and holds the numbers the screen shows, typed as numbers (percentages formatted, dates
 * as dates), with the header row frozen and the columns sized.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiJson, apiLogin, useAppUnderTest } from './harness';

const env = useAppUnderTest();

async function workbookOf(page: Page, button: string): Promise<{ name: string; wb: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  return { name: download.suggestedFilename(), wb };
}

function expectFrozenSizedHeader(ws: ExcelJS.Worksheet) {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
  for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(3);
}

/** "87 %" / "87 %" → 87. */
const pctOf = (text: string | null) => Number((text ?? '').replace(/[^\d,]/g, '').replace(',', '.'));

describe('Ladda ner Excel', () => {
  it('from a ward tablet\'s BHK board: the board\'s figures as typed numbers, the observations with dates', async () => {
    const manager = await apiLogin(env.server.url, 'avdchef21');
    const { code } = await apiJson<{ code: string }>(env.server.url, manager, 'POST', '/api/enrol-codes', { unitId: 'avd-21' });
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const tablet = await ctx.newPage();
    await tablet.goto(env.server.url);
    await tablet.getByRole('button', { name: 'Registrera surfplatta' }).click();
    await tablet.getByLabel('Registreringskod').fill(code);
    await tablet.getByRole('button', { name: 'Registrera surfplattan' }).click();
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    // Two observations of its own this month (the demo's may not reach into it): one all correct, one not.
    for (const wrong of [null, 'Håret uppsatt']) {
      await tablet.getByRole('link', { name: 'Ny observation' }).click();
      await tablet.getByRole('button', { name: /Läkare/ }).click();
      await tablet.getByRole('button', { name: /Allt korrekt/ }).click();
      if (wrong) await tablet.getByRole('button', { name: new RegExp(`^${wrong}:`) }).click();
      await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
      await expect.poll(() => tablet.getByText('Sparad. Siffran nedan är uppdaterad.').first().isVisible(), { timeout: 15_000 }).toBe(true);
    }
    const figure = tablet.getByTestId('figure').first();
    await expect.poll(() => figure.locator('.figure-n').last().textContent(), { timeout: 30_000 }).toMatch(/n = [1-9]\d*/);
    const screenN = Number(/n = (\d+)/.exec((await figure.locator('.figure-n').last().textContent()) ?? '')?.[1]);
    const screenPct = pctOf(await figure.locator('.figure-value').textContent());
    expect(screenN).toBeGreaterThan(0);

    const { name, wb } = await workbookOf(tablet, 'Ladda ner Excel');
    expect(name).toMatch(/^bhk-avdelning-21-medicin-\d{4}-\d{2}\.xlsx$/);
    const summary = wb.getWorksheet('Sammanställning')!;
    expectFrozenSizedHeader(summary);
    const total = summary.getRow(2);
    expect(total.getCell(3).value).toBe('Alla steg korrekta');
    expect(typeof total.getCell(4).value).toBe('number');
    expect(total.getCell(4).numFmt).toContain('%');
    expect(Math.round((total.getCell(4).value as number) * 100)).toBe(screenPct);
    expect(total.getCell(6).value).toBe(screenN);
    const obs = wb.getWorksheet('Observationer')!;
    expectFrozenSizedHeader(obs);
    expect(obs.getRow(1).getCell(1).value).toBe('Datum');
    expect(obs.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(obs.rowCount - 1).toBe(screenN);
    await ctx.close();
  });

  it('from the indicator report: each row\'s result is the number on the screen', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(env.server.url);
    await page.getByLabel('Användarnamn').fill('divisionschef');
    await page.getByLabel('Lösenord').fill('pulstavlan');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.goto(`${env.server.url}/#/mal`);
    const rows = page.getByTestId('indicator-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    const bhkRow = rows.filter({ hasText: 'BHK total följsamhet' }).first();
    const screen = pctOf(await bhkRow.locator('.ind-value').textContent());

    const { name, wb } = await workbookOf(page, 'Ladda ner Excel');
    expect(name).toMatch(/^indikatorer-.*\.xlsx$/);
    const ws = wb.worksheets[0]!;
    expectFrozenSizedHeader(ws);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(col('Utfall')).toBeGreaterThan(0);
    let found = false;
    ws.eachRow((row, i) => {
      if (i === 1 || row.getCell(col('Enhet')).value !== 'Division Länssjukvård' || row.getCell(col('Indikator')).value !== 'BHK total följsamhet') return;
      found = true;
      const value = row.getCell(col('Utfall')).value as number;
      expect(typeof value).toBe('number');
      expect(Math.round(value)).toBe(Math.round(screen));
      expect(row.getCell(col('Andel')).numFmt).toContain('%');
      expect(typeof row.getCell(col('n')).value).toBe('number');
      expect(row.getCell(col('Nämnare')).value).toBe(row.getCell(col('n')).value);
    });
    expect(found).toBe(true);
    await ctx.close();
  });

  it('from the division\'s hygiene overview: the server\'s file holds the figure on the screen', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(env.server.url);
    await page.getByLabel('Användarnamn').fill('divisionschef');
    await page.getByLabel('Lösenord').fill('pulstavlan');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Hygienöversikt' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.goto(`${env.server.url}/#/oversikt`);
    await page.getByRole('link', { name: 'Tertial' }).click();
    // A click returns before the screen follows it: the month's figure is still drawn until the
    // tab is current (period() drives both the tab and the figure's request).
    await expect.poll(() => page.getByRole('link', { name: 'Tertial' }).getAttribute('aria-current'), { timeout: 30_000 }).toBe('page');
    const figure = page.getByTestId('figure').first();
    await expect.poll(() => figure.locator('.figure-n').last().textContent(), { timeout: 30_000 }).toMatch(/n = [1-9]/);
    const screenN = Number(/n = (\d+)/.exec((await figure.locator('.figure-n').last().textContent()) ?? '')?.[1]);
    const screenPct = pctOf(await figure.locator('.figure-value').textContent());
    const { name, wb } = await workbookOf(page, 'Ladda ner Excel');
    expect(name).toMatch(/^bhk-division-lanssjukvard-\d{4}-T[123]\.xlsx$/);
    const total = wb.getWorksheet('Sammanställning')!.getRow(2);
    expect(total.getCell(6).value).toBe(screenN);
    expect(Math.round((total.getCell(4).value as number) * 100)).toBe(screenPct);
    await ctx.close();
  });
});
