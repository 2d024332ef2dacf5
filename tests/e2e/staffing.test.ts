/**
 * The staffing board in Chromium: at the morning pulse meeting a nurse on the ward tablet
 * (1280×800) enters today's three shifts with the steppers, is stopped by a wrong count, saves,
 * sees the day's figure and the trend chart draw today's point, and the entry survives a reload.
 * The division manager then finds the unit's figures on a phone (390×844). A VO manager imports
 * last month's HR file: a Latin-1 file and a file with bad rows are refused whole, the corrected
 * one (columns remembered) replaces the month, and the phone shows both figures for the unit.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiJson, apiLogin, useAppUnderTest, shot, uiLogin } from './harness';

const env = useAppUnderTest();

const login = (page: Page, username: string) => uiLogin(page, env.server.url, username, { worker: false });

const card = (page: Page, shift: string): Locator => page.getByRole('region', { name: shift, exact: true });
const plus = (c: Locator, what: string) => c.getByRole('button', { name: `Öka ${what}` });
const minus = (c: Locator, what: string) => c.getByRole('button', { name: `Minska ${what}` });
const field = (c: Locator, what: string) => c.getByRole('textbox', { name: what, exact: true });

describe('staffing board', () => {
  it('a morning entry of three shifts, its figure and its trend; the manager sees it on a phone', async () => {
    const todayIso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const tabletCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tablet = await tabletCtx.newPage();
    await login(tablet, 'personal21');
    await tablet.getByRole('link', { name: 'Bemanning' }).click();
    await expect.poll(() => tablet.getByText(/\(idag\)/).isVisible(), { timeout: 15_000 }).toBe(true);

    // The demo leaves today empty on Avdelning 21: every shift offers the last planned numbers.
    for (const s of ['Dag', 'Kväll', 'Natt']) {
      await expect.poll(() => card(tablet, s).locator('.shift-state').textContent()).toBe('↺ Förslag från igår – kontrollera');
    }
    await shot(tablet, 'e2e-staffing-tablet-before');

    // Planned staffing typed, absences tapped: dag 9 (2 sick, 1 VAB), kväll 7 (1 sick), natt 4.
    const dag = card(tablet, 'Dag');
    const kvall = card(tablet, 'Kväll');
    const natt = card(tablet, 'Natt');
    await field(dag, 'Planerad bemanning').fill('9');
    await plus(dag, 'Sjukfrånvarande').click();
    await plus(dag, 'Sjukfrånvarande').click();
    await plus(dag, 'VAB').click();
    await plus(dag, 'Ersatta (extra/inhyrd)').click();
    await field(kvall, 'Planerad bemanning').fill('7');
    await plus(kvall, 'Sjukfrånvarande').click();
    await field(natt, 'Planerad bemanning').fill('4');

    // A covered count with nobody absent is refused at the field, and nothing is saved.
    await plus(natt, 'Ersatta (extra/inhyrd)').click();
    await expect.poll(() => natt.getByRole('alert').textContent()).toContain('Fler ersatta än frånvarande.');
    await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => tablet.getByText('Rätta det markerade först. Inget sparades.').isVisible()).toBe(true);
    await shot(tablet, 'e2e-staffing-tablet-error');
    await minus(natt, 'Ersatta (extra/inhyrd)').click();
    expect(await natt.getByRole('alert').count()).toBe(0);

    await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => tablet.getByText(/^Sparat: 3 pass för /).isVisible()).toBe(true);
    for (const s of [dag, kvall, natt]) await expect.poll(() => s.locator('.shift-state').textContent()).toBe('✓ Sparat');

    // The day's figure: 3 sick of 20 planned staff-shifts = 15,0 %.
    const todayFigure = tablet.getByTestId('staffing-figure').first();
    await expect.poll(() => todayFigure.textContent()).toContain('15,0');
    expect(await todayFigure.textContent()).toContain('3 sjuka av 20 planerade pass');
    expect(await todayFigure.textContent()).toContain('VAB 1 · övrig frånvaro 0 · ersatta 1 av 4');

    // The trend chart is drawn, and its last day is today's share.
    const chart = tablet.getByTestId('trend-chart');
    await expect.poll(() => chart.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const box = await chart.locator('.u-over').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await chart.locator('.u-over').hover({ position: { x: (box?.width ?? 1) - 1, y: (box?.height ?? 2) / 2 } });
    const perDay = chart.locator('.u-legend .u-series').filter({ hasText: 'Per dag' }).locator('.u-value');
    await expect.poll(() => perDay.textContent()).toMatch(/^15,0\s%$/);
    await shot(tablet, 'e2e-staffing-tablet-saved');

    // Synced, and still there after a reload.
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await tablet.reload();
    await expect.poll(() => card(tablet, 'Dag').locator('.shift-state').textContent(), { timeout: 15_000 }).toBe('✓ Sparat');
    expect(await field(card(tablet, 'Dag'), 'Planerad bemanning').inputValue()).toBe('9');

    // The server holds exactly what was entered.
    const month = todayIso.slice(0, 7);
    const rollup = await apiJson<{ nodes: { unitId: string; board: { sick: number; planned: number } }[]; trend: { days: { date: string; counts: { sick: number; planned: number } | null }[] } }>(
      env.server.url, await apiLogin(env.server.url, 'avdchef21'), 'GET', `/api/rollup/staffing?rootId=avd-21&month=${month}`);
    expect(rollup.trend.days.find((d) => d.date === todayIso)?.counts).toMatchObject({ sick: 3, planned: 20 });

    // The division manager on a phone: the division's roll-up, then down to the unit.
    const phoneCtx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneCtx.newPage();
    await login(phone, 'divisionschef');
    await phone.goto(`${env.server.url}/#/bemanning`);
    await expect.poll(() => phone.getByText('Bemanning – översikt').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => phone.getByText(/av 11 enheter har rapporterat/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(phone, 'e2e-staffing-phone-division');
    await phone.getByRole('link', { name: /VO Medicin/ }).click();
    await expect.poll(() => phone.getByRole('link', { name: /Avdelning 21 Medicin/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    await phone.getByRole('link', { name: /Avdelning 21 Medicin/ }).click();
    await expect.poll(() => phone.getByTestId('staffing-figure').first().textContent(), { timeout: 30_000 }).toContain('3 sjuka av 20 planerade pass');
    await shot(phone, 'e2e-staffing-phone-unit');

    await tabletCtx.close();
    await phoneCtx.close();
  });
  it("a manager imports last month's HR file: bad files are refused whole, a good one replaces the month", async () => {
    const todayIso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const [y, m] = todayIso.split('-').map(Number) as [number, number];
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const header = 'Enhet;Månad;Sjukfrånvarokvot %;Kvinnor %;Män %;Ordinarie arbetstid h';
    const csv = (rows: string[]) => ({ name: 'heroma.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\r\n'), 'utf8') });
    const good = [`Avdelning 21 Medicin;${last};12,3;13,0;7,5;3 400`, `Avdelning 22 Kardiologi;${last};4,5;;;3 300`, `avd-23;${last};6,0;;;`];

    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await login(page, 'vochef');
    await page.goto(`${env.server.url}/#/bemanning/hr`);
    const file = page.locator('input[type=file]');

    // Saved by old Excel as Latin-1: refused with the line, nothing read.
    await file.setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n`, 'latin1') });
    await expect.poll(() => page.getByText(/^Rad 1: filen är inte UTF-8/).isVisible(), { timeout: 15_000 }).toBe(true);

    // The columns are matched once; a file with a duplicate and an unknown unit is refused whole.
    await file.setInputFiles(csv([...good, `Avdelning 21 Medicin;${last};9,9;;;`, `Avdelning 99;${last};5;;;`]));
    await page.getByRole('button', { name: 'Använd kolumnerna' }).click();
    await expect.poll(() => page.getByText('2 fel – inget importeras. Rätta filen och välj den igen.').isVisible()).toBe(true);
    expect(await page.getByText('Rad 5: ”Avdelning 21 Medicin” finns redan för samma månad på rad 2.').isVisible()).toBe(true);
    expect(await page.getByText(/^Rad 6: okänd enhet ”Avdelning 99”/).isVisible()).toBe(true);
    await shot(page, 'e2e-staffing-hr-errors');

    // The corrected file: the remembered columns are used, and it replaces the seeded month.
    await file.setInputFiles(csv(good));
    await expect.poll(() => page.getByText('Kolumnerna från förra gången används.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Ersätter tidigare värden för 3 av dem.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect.poll(() => page.getByText(/^Klart: 3 månadsvärden importerade/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(page, 'e2e-staffing-hr-done');

    type Node = { unitId: string; ownHr: { kvotTotal: number; kvotK: number | null; ordinaryHours: number | null } | null; hr: { weightedUnits: number } };
    const res = await apiJson<{ nodes: Node[] }>(env.server.url, await apiLogin(env.server.url, 'vochef'), 'GET', `/api/rollup/staffing?rootId=vo-med&month=${last}`);
    const node = (id: string) => res.nodes.find((n) => n.unitId === id);
    expect(node('avd-21')?.ownHr).toMatchObject({ kvotTotal: 12.3, kvotK: 13, ordinaryHours: 3400 });
    // The seeded K/M and hours are gone: the month was replaced, not merged.
    expect(node('avd-22')?.ownHr).toMatchObject({ kvotTotal: 4.5, kvotK: null, ordinaryHours: 3300 });
    expect(node('avd-23')?.ownHr).toMatchObject({ kvotTotal: 6, ordinaryHours: null });

    // The division manager's phone shows both figures for the unit, each with its source.
    const phoneCtx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneCtx.newPage();
    await login(phone, 'divisionschef');
    await phone.goto(`${env.server.url}/#/bemanning?unit=vo-med&month=${last}`);
    const row = phone.getByRole('link', { name: /Avdelning 21 Medicin/ });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/HR12,3\s%/);
    expect(await row.textContent()).toMatch(/Tavlan\d+,\d\s%/);
    await shot(phone, 'e2e-staffing-phone-hr');

    // By hand on the VO manager's device (facts mode: a unit's months come from its year blocks):
    // a seeded month it knew only from a block, removed, goes from the list at once; entered
    // again, it shows the new figure, and the server gets it.
    const earlier = m <= 2 ? `${y - 1}-${String(m + 10).padStart(2, '0')}` : `${y}-${String(m - 2).padStart(2, '0')}`;
    await page.getByText('Ange för en månad').click();
    await page.locator('.hr-manual select').selectOption('avd-22');
    const monthName = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${earlier}-15T12:00:00Z`));
    const listed = () => page.locator('li.hr-row').filter({ hasText: `${monthName}:` });
    await expect.poll(() => listed().count(), { timeout: 15_000 }).toBe(1);
    await listed().getByRole('button', { name: 'Ta bort' }).click();
    await expect.poll(() => listed().count()).toBe(0);
    await page.getByLabel('Månad').fill(earlier);
    await page.getByLabel('Sjukfrånvarokvot, %').fill('7,1');
    await page.getByRole('button', { name: 'Spara HR-kvot' }).click();
    await expect.poll(() => listed().textContent()).toMatch(/7,1\s%/);
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(page, 'e2e-staffing-hr-manual');
    const again = await apiJson<{ nodes: Node[] }>(env.server.url, await apiLogin(env.server.url, 'vochef'), 'GET', `/api/rollup/staffing?rootId=vo-med&month=${earlier}`);
    expect(again.nodes.find((n) => n.unitId === 'avd-22')?.ownHr).toMatchObject({ kvotTotal: 7.1, kvotK: null });
    await ctx.close();
    await phoneCtx.close();
  });
});
