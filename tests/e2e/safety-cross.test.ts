/**
 * Gröna korset in real Chromium against the real server with the demo seed: the morning's pulse
 * meeting on a ward tablet (yesterday confirmed green in one tap, a fall registered in four
 * actions), the division manager's small multiples on one phone or tablet screen, and the print
 * stylesheet rendered to PDF (A4 and A3) and to a screenshot.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiJson, apiLogin, explainFailure, shot, SHOTS, uiLogin, useAppUnderTest } from './harness';

const env = useAppUnderTest();

/** Today and yesterday in Stockholm, as the server and the app see them. */
function stockholmDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

async function loggedIn(username: string, viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await env.browser.newContext({ viewport });
  const page = await ctx.newPage();
  explainFailure(page, username);
  // Waits for the service worker's control too: a test that goes offline must not meet it taking over meanwhile.
  await uiLogin(page, env.server.url, username, { syncTimeoutMs: 60_000 });
  return { ctx, page };
}

interface DayCounts { gron: number; gul: number; orange: number; rod: number; ej_ifylld: number; idag: number }
async function unitDay(unitId: string, date: string): Promise<DayCounts | undefined> {
  const token = await apiLogin(env.server.url, 'avdchef21');
  const res = await apiJson<{ nodes: { unitId: string; counts: { days: DayCounts[] } }[] }>(
    env.server.url, token, 'GET', `/api/rollup/safety?rootId=${unitId}&month=${date.slice(0, 7)}`,
  );
  return res.nodes.find((n) => n.unitId === unitId)?.counts.days[Number(date.slice(8)) - 1];
}

describe('Gröna korset in the browser', () => {
  it('a nurse confirms yesterday green in one tap, then registers a fall in four actions', async () => {
    const today = stockholmDate();
    const yesterday = stockholmDate(-1);
    // The seed leaves Avdelning 21's yesterday and today open for the pulse meeting.
    expect(await unitDay('avd-21', yesterday)).toMatchObject({ gron: 0, ej_ifylld: 1 });
    const { ctx, page } = await loggedIn('personal21', { width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Gröna korset' }).click();
    const confirm = page.getByRole('button', { name: /Bekräfta grönt – igår/ });
    await expect.poll(() => confirm.isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(page, 'e2e-safety-board-before', false);

    await confirm.click(); // the one tap
    await expect.poll(() => page.getByText(/Igår .*Grönt bekräftat/).isVisible()).toBe(true);
    if (yesterday.slice(0, 7) === today.slice(0, 7)) {
      const cell = page.getByRole('button', { name: new RegExp(`^${Number(yesterday.slice(8))} Grön – ingen händelse, ${Number(yesterday.slice(8))} [a-z]+\\.?`) });
      await expect.poll(() => cell.count()).toBe(1);
    }

    await page.getByRole('link', { name: 'Registrera händelse' }).click();
    await page.getByRole('button', { name: 'Fall', exact: true }).click();
    await page.getByRole('button', { name: /Orange – vårdskada/ }).click();
    await page.getByLabel(/Kort beskrivning/).fill('Föll vid toalettbesök nattetid');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();

    // Back on the board with today's day open: its colour, its event, the counter reset.
    const todayCell = page.getByRole('button', { name: new RegExp(`^${Number(today.slice(8))} Orange – vårdskada, ${Number(today.slice(8))} [a-z]+\\.?, 1 händelse`) });
    await expect.poll(() => todayCell.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText('Föll vid toalettbesök nattetid').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Händelse idag: Fall').isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'e2e-safety-fall-registered');

    // Both reached the server.
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await unitDay('avd-21', yesterday))?.gron).toBe(1);
    expect(await unitDay('avd-21', today)).toMatchObject({ orange: 1, idag: 0 });
    await ctx.close();
  });

  it('the division manager sees every unit’s cross on one phone screen and on one tablet screen', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const { ctx, page } = await loggedIn('divisionschef', viewport);
      await page.goto(`${env.server.url}/#/korset`);
      await expect.poll(() => page.getByRole('heading', { name: 'Gröna korset – översikt' }).isVisible(), { timeout: 15_000 }).toBe(true);
      const multiples = page.locator('.multiples .cross-mini');
      await expect.poll(() => multiples.count(), { timeout: 15_000 }).toBe(11);
      const names = await multiples.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(names.some((n) => n.startsWith('Avdelning 21 Medicin:'))).toBe(true);
      expect(names.every((n) => /dagar ifyllda/.test(n))).toBe(true);
      // Nothing sideways, and every unit's cross inside the first screen.
      const boxes = await multiples.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      for (const b of boxes) {
        expect(b.right).toBeLessThanOrEqual(viewport.width);
        expect(b.bottom).toBeLessThanOrEqual(viewport.height);
      }
      await expect.poll(() => page.getByText(/av 11 enheter har fyllt i korset/).isVisible()).toBe(true);
      await shot(page, `e2e-safety-division-${viewport.width}`, false);
      await ctx.close();
    }
  });

  it('offline the division manager sees the device’s crosses, and the server’s again once the connection returns', async () => {
    const { ctx, page } = await loggedIn('divisionschef', { width: 390, height: 844 });
    const multiples = page.locator('.multiples .cross-mini');
    const offlineBanner = () => page.getByText(/Servern nås inte/).isVisible();
    await page.goto(`${env.server.url}/#/korset`);
    await expect.poll(() => multiples.count(), { timeout: 15_000 }).toBe(11);
    expect(await offlineBanner()).toBe(false);
    // The network goes; the manager opens the overview again from the start page.
    await ctx.setOffline(true);
    await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${env.server.url}/#/`);
    // A hash change is a same-document navigation: goto returns before the page has handled it, and
    // two in a row may reach the router as one (the overview never left, so it never asked again).
    // The start page (a manager's is Mål och resultat) has to be on screen before the overview is opened again.
    await expect.poll(() => page.getByRole('heading', { name: 'Mål och resultat' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.safety-division').count()).toBe(0);
    await page.goto(`${env.server.url}/#/korset`);
    await expect.poll(offlineBanner, { timeout: 30_000 }).toBe(true);
    expect(await multiples.count()).toBe(11);
    // Back online, nobody navigates: the next sync gets through and the screen asks the server again.
    await ctx.unroute('**/api/**');
    await ctx.setOffline(false);
    await expect.poll(offlineBanner, { timeout: 30_000 }).toBe(false);
    expect(await multiples.count()).toBe(11);
    await ctx.close();
  });

  it('prints the month’s cross on A4 and A3, readable in black and white', async () => {
    const { ctx, page } = await loggedIn('avdchef21', { width: 1280, height: 800 });
    await page.goto(`${env.server.url}/#/korset`);
    await expect.poll(() => page.locator('.cross-board').count(), { timeout: 15_000 }).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
    expect(await page.getByText(/Gröna korset · Avdelning 21 Medicin · /).isVisible()).toBe(true);
    // Each status keeps a pattern and its symbol, and colours are printed as they are.
    const look = await page.evaluate(() =>
      ['gron', 'gul', 'orange', 'rod', 'ej_ifylld'].map((s) => {
        const el = document.querySelector(`.legend .st-${s}`) as HTMLElement;
        const css = getComputedStyle(el);
        return { s, pattern: css.backgroundImage, adjust: css.printColorAdjust, symbol: el.textContent };
      }),
    );
    expect(look.map((l) => l.symbol)).toEqual(['✓', '▲', '◆', '✖', '?']);
    for (const l of look) expect(l.adjust).toBe('exact');
    expect(look.filter((l) => l.pattern.includes('gradient')).map((l) => l.s)).toEqual(['gul', 'orange', 'ej_ifylld']);
    await shot(page, 'e2e-safety-print');
    for (const format of ['A4', 'A3'] as const) {
      const pdf = await page.pdf({ format, path: path.join(SHOTS, `e2e-safety-print-${format}.pdf`) });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      // The cross and its key on the first page (they never break: break-inside avoid); counters and
      // the month summary may follow on a second.
      expect(pages).toBeLessThanOrEqual(2);
    }
    await ctx.close();
  });
});
