/**
 * The BHK board in Chromium, the way a ward uses it: on a tablet (1280×800) the common case in 3
 * taps, a round of 5 with "Spara och nästa" and its running result, the month figure following
 * every save, a void and an amendment, and the same offline (context offline + API requests
 * aborted) including the CSV; then the division manager on a phone (390×844) sees the figure
 * for another period, drills down division → VO → unit and downloads the CSV from the server.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiJson, apiLogin, shot, uiEnrolTablet, useAppUnderTest } from './harness';

const env = useAppUnderTest();

const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);
/** The big figure's detail line, e.g. "n = 6 av 10". */
/** The figure's n line (below the minimum n, the line under the leading "1 av 10 observationer"). */
const figureN = (page: Page) => page.getByTestId('figure').first().locator('.figure-n').last().textContent();

async function enrolTablet(ctx: BrowserContext): Promise<Page> {
  const tablet = await ctx.newPage();
  await uiEnrolTablet(tablet, env.server.url);
  return tablet;
}

/** One person: profession, Allt korrekt, maybe one exception, then the given save button. */
async function observe(page: Page, profession: RegExp, save: 'Spara' | 'Spara och nästa', wrongStep?: string) {
  await page.getByRole('button', { name: profession }).click();
  await page.getByRole('button', { name: /Allt korrekt/ }).click();
  if (wrongStep) await page.getByRole('button', { name: new RegExp(`^${wrongStep}:`) }).click();
  await page.getByRole('button', { name: save, exact: true }).click();
}

describe('the BHK board on a ward tablet, online and offline', () => {
  it('3 taps, a round of 5, corrections, the month figure following; the same offline, with the CSV', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow', acceptDownloads: true });
    const tablet = await enrolTablet(ctx);
    await expect.poll(() => figureN(tablet), { timeout: 15_000 }).toContain('n = 0 av 10');

    // The common case: Ny observation, then profession + Allt korrekt + Spara = 3 taps, back on the board.
    await tablet.getByRole('link', { name: 'Ny observation' }).click();
    await observe(tablet, /Sjuksköterska/, 'Spara');
    await visible(tablet, 'Sparad. Siffran nedan är uppdaterad.');
    await expect.poll(() => figureN(tablet)).toContain('n = 1 av 10');
    // Below the minimum n (the catalogue's 10) the count leads, as on every screen.
    expect(await tablet.getByTestId('figure').first().getByTestId('count-lead').textContent()).toBe('1 av 10 observationer');
    await shot(tablet, 'e2e-bhk-board-after-one');

    // A round of 5 without leaving the screen; the running result after each save.
    await tablet.getByRole('link', { name: 'Ny observation' }).click();
    const round: [RegExp, string | undefined, RegExp][] = [
      [/Läkare/, undefined, /1 observation · 1 helt korrekt \(100\s%\)/],
      [/Undersköterska/, 'Handskar', /2 observationer · 1 helt korrekta \(50\s%\)/],
      [/Student/, undefined, /3 observationer · 2 helt korrekta \(67\s%\)/],
      [/Fysioterapeut/, undefined, /4 observationer · 3 helt korrekta \(75\s%\)/],
      [/Övrig vårdpersonal/, undefined, /5 observationer · 4 helt korrekta \(80\s%\)/],
    ];
    for (const [who, wrong, result] of round) {
      await observe(tablet, who, 'Spara och nästa', wrong);
      await expect.poll(() => tablet.getByTestId('session-result').textContent(), { timeout: 15_000 }).toMatch(result);
      expect(await tablet.getByRole('button', { name: who }).getAttribute('aria-pressed')).toBe('false');
    }
    expect(tablet.url()).toContain('#/hygien/observation');
    await shot(tablet, 'e2e-bhk-round-of-5');
    await tablet.getByRole('button', { name: 'Klar' }).click();
    await visible(tablet, /5 observationer i omgången, 4 helt korrekta \(80\s%\)/);
    await expect.poll(() => figureN(tablet)).toContain('n = 6 av 10');
    await expect.poll(() => tablet.getByTestId('figure').first().locator('.figure-value').textContent()).toMatch(/^83\s%$/);
    await visible(tablet, /Svagaste steg: Handskar \(83\s%\)/);
    await expect.poll(() => tablet.locator('.steptable-weakest').textContent()).toMatch(/^Handskar ▼ svagast83\s%5 av 6/);
    await shot(tablet, 'e2e-bhk-board-after-round');

    // Void the observation with the wrong step: the figure drops it; the record stays listed as voided.
    tablet.once('dialog', (d) => void d.accept());
    const wrongRow = tablet.locator('.obsrow', { hasText: 'Nej: Handskar' });
    await wrongRow.getByRole('button', { name: 'Makulera' }).click();
    await visible(tablet, 'Observationen är makulerad.');
    await expect.poll(() => figureN(tablet)).toContain('n = 5 av 10');
    await visible(tablet, 'Makulerade (1)');
    // Amend one: the student was a Läkare.
    await tablet.locator('.obsrow', { hasText: 'Student' }).getByRole('link', { name: 'Ändra' }).click();
    await tablet.getByRole('button', { name: /Läkare/ }).click();
    await tablet.getByRole('button', { name: 'Spara ändringen' }).click();
    await visible(tablet, 'Ändringen är sparad.');
    await expect.poll(() => tablet.locator('.obsrow', { hasText: 'ändrad' }).count()).toBe(1);
    await expect.poll(() => figureN(tablet)).toContain('n = 5 av 10');

    // Offline: the browser has no network and the server cannot be reached. (First the
    // corrections above reach the server, so the count of unsynced changes below is exact; a write
    // made while a sync was running waits for the next one, so ask for it.)
    await expect
      .poll(
        async () => {
          if (await tablet.getByText('Allt synkat').isVisible()) return true;
          const syncNow = tablet.getByRole('button', { name: 'Synka nu' });
          if (await syncNow.isEnabled()) await syncNow.click();
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await ctx.setOffline(true);
    await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await tablet.getByRole('link', { name: 'Ny observation' }).click();
    await observe(tablet, /Undersköterska/, 'Spara');
    await visible(tablet, 'Sparad. Siffran nedan är uppdaterad.');
    await expect.poll(() => figureN(tablet)).toContain('n = 6 av 10');
    await visible(tablet, '1 osynkad ändring');
    await tablet.getByRole('link', { name: 'Ny observation' }).click();
    await observe(tablet, /Läkare/, 'Spara och nästa', 'Håret uppsatt');
    await observe(tablet, /Läkare/, 'Spara och nästa');
    await expect.poll(() => tablet.getByTestId('session-result').textContent()).toMatch(/2 observationer · 1 helt korrekta \(50\s%\)/);
    await tablet.getByRole('button', { name: 'Klar' }).click();
    await expect.poll(() => figureN(tablet)).toContain('n = 8 av 10');
    await visible(tablet, '3 osynkade ändringar');
    await shot(tablet, 'e2e-bhk-board-offline');

    const [download] = await Promise.all([tablet.waitForEvent('download'), tablet.getByRole('button', { name: 'Ladda ner CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bhk-avdelning-21-medicin-\d{4}-\d{2}\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Datum;Enhet;Yrke;Arbetsmoment;Självskattning;Handdesinfektion före;/);
    expect(lines).toHaveLength(1 + 8);
    expect(lines.filter((l) => l.includes(';Läkare;'))).toHaveLength(4);

    // Back online: sync, and the server's roll-up agrees with the tablet.
    await ctx.unroute('**/api/**');
    await ctx.setOffline(false);
    await tablet.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const admin = await apiLogin(env.server.url, 'admin');
    const rollup = await apiJson<{ nodes: { unitId: string; counts: { n: number; totalAllOk: number } }[] }>(env.server.url, admin, 'GET', `/api/bhk/rollup?rootId=avd-21&period=${month}`);
    expect(rollup.nodes.find((n) => n.unitId === 'avd-21')?.counts).toMatchObject({ n: 8, totalAllOk: 7 });
    await ctx.close();
  });
});

describe('the division manager on a phone', () => {
  it('sees the division for a period, drills down to the unit, and downloads the CSV', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const phone = await ctx.newPage();
    await phone.goto(env.server.url);
    await phone.getByLabel('Användarnamn').fill('divisionschef');
    await phone.getByLabel('Lösenord').fill('pulstavlan');
    await phone.getByRole('button', { name: 'Logga in' }).click();
    // A manager's home is Mål och resultat; the hygiene overview (Hygienöversikt) is one menu step away.
    await expect.poll(() => phone.getByRole('button', { name: /Meny/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    await phone.goto(`${env.server.url}/#/oversikt`);
    await visible(phone, /av 11 enheter har observerat i /);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'e2e-bhk-phone-division-month');

    await phone.getByRole('link', { name: 'Tertial' }).click();
    await visible(phone, /av 11 enheter har observerat under tertial \d \d{4}/);
    await phone.getByRole('link', { name: /VO Medicin/ }).click();
    await visible(phone, /av 4 enheter har observerat under tertial/);
    await phone.getByRole('link', { name: /Avdelning 21 Medicin/ }).click();
    await expect.poll(() => phone.locator('nav.breadcrumb').textContent(), { timeout: 15_000 }).toBe('Division Länssjukvård › VO Medicin › Avdelning 21 Medicin');
    await expect.poll(() => phone.getByTestId('figure').first().locator('.figure-n').last().textContent()).toMatch(/^n = \d+/);
    await visible(phone, 'Per steg');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'e2e-bhk-phone-unit-tertial');

    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'Ladda ner CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bhk-avdelning-21-medicin-\d{4}-T[123]\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFFDatum;Enhet;')).toBe(true);
    await ctx.close();
  });
});
