/**
 * Mål och resultat on a phone (390×844), the way the division manager reads it on the train: the
 * division's indicators with value, target and status for this month → one indicator's trend
 * chart → drill-down to a VO → to a unit; the pulse view and the printable page; then the network
 * is cut (context offline + API requests aborted), the app is reloaded, and the same list and
 * trend still show, computed on the device, with "Data från …". Also looked at on a 1280×800 tablet.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest, uiLogin } from './harness';

const env = useAppUnderTest();

const login = (page: Page, username: string) => uiLogin(page, env.server.url, username);

const rows = (page: Page) => page.getByTestId('indicator-row');
const STATUS = /uppfyllt|delvis|ej uppfyllt|ej mätbart/;

/** Per indicator row: "name | value | status word", to compare the server's and the device's figures. */
async function rowSummary(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((els) =>
    els.map((el) => [el.querySelector('.ind-name')?.firstChild?.textContent, el.querySelector('.ind-value')?.textContent, el.querySelector('.ind-status-text')?.textContent].join(' | ')),
  );
}

/** Nothing widens the page sideways on the phone (wide tables scroll inside their own box). */
async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function chartDrawn(page: Page) {
  // The chart is replaced when the level changes: wait for the new one to be drawn at full width.
  await expect.poll(() => page.getByTestId('indicator-chart').locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await page.getByTestId('indicator-chart').boundingBox())?.width ?? 0, { timeout: 20_000 }).toBeGreaterThan(300);
}

describe('indicators on a phone', () => {
  it('list → trend → drill-down to a unit; pulse view; the same offline after a reload', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await login(phone, 'divisionschef');
    // Mål och resultat is a manager's home screen.
    await phone.goto(`${env.server.url}/#/mal`);
    await expect.poll(() => rows(phone).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    expect(await phone.getByRole('heading', { name: 'Mål och resultat' }).isVisible()).toBe(true);
    expect(await phone.getByTestId('data-from').textContent()).toMatch(/^Data från \d{2}:\d{2}$/);
    const bhk = rows(phone).filter({ hasText: 'BHK total följsamhet' });
    expect(await bhk.textContent()).toMatch(STATUS);
    expect(await bhk.textContent()).toMatch(/mål ≥ \d+\s%/);
    expect(await bhk.textContent()).toMatch(/\d+ av 11 enheter/);
    const online = await rowSummary(phone);
    await noSideScroll(phone);
    await shot(phone, 'e2e-indicators-phone-list');

    // The pulse view: units × indicators, worst first.
    await phone.getByRole('link', { name: 'Pulsvy' }).click();
    const pulse = phone.getByTestId('pulse-table');
    await expect.poll(() => pulse.locator('tbody tr').count(), { timeout: 30_000 }).toBe(11);
    const worst = await pulse.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td.ind-notMet').length));
    expect(worst).toEqual([...worst].sort((a, b) => b - a));
    await noSideScroll(phone);
    await shot(phone, 'e2e-indicators-phone-pulse');

    // Tap an indicator: its trend chart, the signals in words and the table of points.
    await phone.getByRole('link', { name: 'Indikatorer' }).click();
    await rows(phone).filter({ hasText: 'BHK total följsamhet' }).click();
    await chartDrawn(phone);
    expect(await phone.getByTestId('signals').textContent()).toMatch(/Signaler i serien/);
    expect(await phone.getByRole('table', { name: 'Utfall per period' }).locator('tbody tr').count()).toBe(24);
    await noSideScroll(phone);
    await shot(phone, 'e2e-indicators-phone-trend');

    // Drill down: division → VO Medicin → Avdelning 21, the same indicator all the way.
    await phone.getByTestId('child-row').filter({ hasText: 'VO Medicin' }).click();
    await expect.poll(() => phone.getByRole('navigation', { name: 'Nivåer' }).textContent(), { timeout: 30_000 }).toContain('Division Länssjukvård');
    await expect.poll(() => phone.getByTestId('child-row').filter({ hasText: 'Avdelning 21 Medicin' }).count(), { timeout: 30_000 }).toBe(1);
    await phone.getByTestId('child-row').filter({ hasText: 'Avdelning 21 Medicin' }).click();
    await expect.poll(() => phone.getByRole('navigation', { name: 'Nivåer' }).textContent(), { timeout: 30_000 }).toContain('VO Medicin');
    await chartDrawn(phone);
    expect(await phone.getByRole('heading', { name: 'BHK total följsamhet' }).isVisible()).toBe(true);
    await shot(phone, 'e2e-indicators-phone-unit');

    // The train: no network, and the app reloaded from the service worker.
    await ctx.setOffline(true);
    await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await phone.goto(`${env.server.url}/#/mal`);
    await phone.reload();
    await expect.poll(() => rows(phone).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    expect(await phone.getByTestId('data-from').textContent()).toMatch(/^Data från \d{2}:\d{2}beräknat på enheten$/);
    expect(await rowSummary(phone)).toEqual(online);
    await shot(phone, 'e2e-indicators-phone-offline-list');
    await rows(phone).filter({ hasText: 'BHK total följsamhet' }).click();
    await chartDrawn(phone);
    expect(await phone.getByTestId('data-from').textContent()).toContain('beräknat på enheten');
    await phone.getByTestId('child-row').filter({ hasText: 'VO Medicin' }).click();
    await expect.poll(() => phone.getByTestId('child-row').filter({ hasText: 'Avdelning 21 Medicin' }).count(), { timeout: 30_000 }).toBe(1);
    await shot(phone, 'e2e-indicators-phone-offline-trend');

    // Off the train: once a sync gets through, the screen asks the server again on its own.
    await ctx.unroute('**/api/**');
    await ctx.setOffline(false);
    await expect.poll(() => phone.getByTestId('data-from').textContent(), { timeout: 30_000 }).not.toContain('beräknat på enheten');
    await ctx.close();
  });

  it('on a tablet: the list in two columns, the pulse view and the printable page', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await login(page, 'divisionschef');
    await page.goto(`${env.server.url}/#/mal`);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    await shot(page, 'e2e-indicators-tablet-list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner CSV' }).click()]);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Enhet;/);
    expect(lines.some((l) => l.includes('Division Länssjukvård') && l.includes('BHK total följsamhet'))).toBe(true);
    await page.goto(`${env.server.url}/#/mal/puls`);
    await expect.poll(() => page.getByTestId('pulse-table').locator('tbody tr').count(), { timeout: 30_000 }).toBe(11);
    await shot(page, 'e2e-indicators-tablet-pulse');
    await page.getByRole('link', { name: 'Utskrift' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Skriv ut' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('.ind-print-table tbody tr').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    await shot(page, 'e2e-indicators-print');
    // The table prints on A4 landscape (its own named @page: other screens' prints stay portrait).
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));
    await page.emulateMedia({ media: 'screen' });

    // The catalogue: a manager may change the division's target, not the name; errors at the field.
    await page.goto(`${env.server.url}/#/mal/katalog`);
    await page.getByRole('button', { name: 'Ändra: BHK total följsamhet' }).click();
    expect(await page.getByLabel('Namn (svenska)').isDisabled()).toBe(true);
    const value = page.getByLabel('Målvärde', { exact: true });
    expect(await value.inputValue()).toBe('90');
    await value.fill('nittio');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByText('Ange ett tal.').isVisible()).toBe(true);
    expect(await page.getByText('Rätta det markerade. Inget sparades.').isVisible()).toBe(true);
    await shot(page, 'e2e-indicators-catalogue-error');
    await value.fill('85');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByText('Sparat. Ändringen synkas.').isVisible()).toBe(true);
    const row = page.getByTestId('catalogue-row').filter({ hasText: 'BHK total följsamhet' });
    await expect.poll(() => row.textContent()).toMatch(/mål ≥ 85\s%.*satt här/);
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('link', { name: 'Indikatorer' }).click();
    await expect.poll(() => rows(page).filter({ hasText: 'BHK total följsamhet' }).textContent(), { timeout: 30_000 }).toMatch(/mål ≥ 85\s%/);
    await ctx.close();
  });
});
