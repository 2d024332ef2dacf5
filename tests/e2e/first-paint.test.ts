/**
 * The first paint in Chromium (issue 19): a board opened again draws the copy of the screen it
 * last drew while the page is still parsing (a classic script beside #root, under the server's
 * CSP), inert, and takes it away when the live app draws its own figure, which it equals. A save
 * voids the copy (the token moves before the write reaches IndexedDB); signing out clears it and
 * another person never sees it. Offline (context offline + API aborted), as a ward tablet at 07:45
 * after the wifi went.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { COPY_PREFIX, FIGURE_SELECTOR, TOKEN_KEY, WHO_KEY } from '../../src/client/first-paint/keys';
import { shot, uiEnrolTablet, uiLogin, useAppUnderTest } from './harness';
import { FIGURE_SHAPE } from '../../scripts/figure-shape';

const env = useAppUnderTest();

const LIVE = FIGURE_SELECTOR.split(',').map((s) => `#root ${s.trim()}`).join(', ');

declare global {
  interface Window {
    __fpCopy?: string;
    __fpCopyInert?: boolean;
    __fpLive?: string;
    __fpBoth?: boolean;
  }
}

/**
 * Per page load: the first figure's shape if it was the copy (and whether the copy was inert and
 * hidden), the live figure's shape when it came, and whether both were ever visible at once.
 */
const WATCH = `
  (() => {
    ${FIGURE_SHAPE}
    let first = true;
    const seen = new MutationObserver(() => {
      const copy = document.querySelector('#first-paint');
      const root = document.getElementById('root');
      if (copy && root && root.style.display !== 'none') window.__fpBoth = true;
      if (first) {
        const el = document.querySelector(${JSON.stringify(FIGURE_SELECTOR)});
        if (el) {
          first = false;
          const box = el.closest('#first-paint');
          if (box) {
            window.__fpCopy = shape(el);
            window.__fpCopyInert = box.hasAttribute('inert') && box.getAttribute('aria-hidden') === 'true';
          }
        }
      }
      const live = document.querySelector(${JSON.stringify(LIVE)});
      if (live && window.__fpLive === undefined) {
        window.__fpLive = shape(live);
        seen.disconnect();
      }
    });
    seen.observe(document, { childList: true, subtree: true });
  })();
`;

/** Waits until this address's copy is saved at the current token. */
async function copySaved(page: Page): Promise<void> {
  await page.waitForFunction(
    ([prefix, tokenKey, whoKey]) => {
      const raw = localStorage.getItem(`${prefix}${localStorage.getItem(whoKey) ?? ''}:${location.hash}`);
      return raw !== null && (JSON.parse(raw) as { token?: string }).token === localStorage.getItem(tokenKey);
    },
    [COPY_PREFIX, TOKEN_KEY, WHO_KEY] as const,
    { timeout: 30_000 },
  );
}

/** Reloads and waits for the live figure; returns what the watcher saw. */
async function reopen(page: Page): Promise<{ copy?: string; inert?: boolean; live?: string; both?: boolean; left: number }> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.__fpLive !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => ({
    copy: window.__fpCopy,
    inert: window.__fpCopyInert,
    live: window.__fpLive,
    both: window.__fpBoth,
    left: document.querySelectorAll('#first-paint').length,
  }));
}

async function offline(ctx: BrowserContext): Promise<void> {
  await ctx.setOffline(true);
  await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
}

function watchCsp(page: Page, into: string[]): void {
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) into.push(m.text());
  });
}

describe('the first paint', () => {
  it('a ward tablet offline: the hygiene board and the cross open on their copy, which equals the live figure; a save voids it', async () => {
    const csp: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    await ctx.addInitScript({ content: WATCH });
    const tablet = await ctx.newPage();
    watchCsp(tablet, csp);
    await uiEnrolTablet(tablet, env.server.url);

    await tablet.goto(`${env.server.url}/#/hygien`);
    await tablet.waitForSelector(LIVE, { timeout: 30_000 });
    await offline(ctx);
    await tablet.reload();
    await tablet.waitForSelector(LIVE, { timeout: 30_000 });
    await copySaved(tablet);

    // Opened again: the copy first, inert, never beside the live board, gone once it has drawn.
    const hygiene = await reopen(tablet);
    expect(hygiene.copy).toBeDefined();
    expect(hygiene.inert).toBe(true);
    expect(hygiene.copy).toBe(hygiene.live);
    expect(hygiene.both).toBeUndefined();
    expect(hygiene.left).toBe(0);
    expect(await tablet.locator('#root').isVisible()).toBe(true);

    // A save: the copy taken before it is void, even if it were still in storage.
    const before = await tablet.evaluate(([prefix, whoKey]) => localStorage.getItem(`${prefix}${localStorage.getItem(whoKey) ?? ''}:${location.hash}`), [COPY_PREFIX, WHO_KEY] as const);
    const nBefore = await tablet.locator('#root [data-testid="figure"] .figure-n').last().textContent();
    await tablet.getByRole('link', { name: 'Ny observation' }).click();
    await tablet.getByRole('button', { name: /Sjuksköterska/ }).click();
    await tablet.getByRole('button', { name: /Allt korrekt/ }).click();
    await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => tablet.locator('#root [data-testid="figure"] .figure-n').last().textContent(), { timeout: 15_000 }).not.toBe(nBefore);
    const nAfter = (await tablet.locator('#root [data-testid="figure"] .figure-n').last().textContent()) ?? '';
    // Once the board has taken its new copy, put the old one back, as if it had never been replaced.
    await copySaved(tablet);
    const key = `${COPY_PREFIX}${await tablet.evaluate((k) => localStorage.getItem(k), WHO_KEY)}:#/hygien`;
    await tablet.evaluate(([k, value]) => localStorage.setItem(k, value), [key, before as string] as const);
    const stale = await reopen(tablet);
    expect(stale.copy).toBeUndefined();
    expect(stale.live).toContain(nAfter);
    // The board takes a new copy at the new token, and the next open draws that one.
    await copySaved(tablet);
    const fresh = await reopen(tablet);
    expect(fresh.copy).toBe(fresh.live);
    expect(fresh.copy).toContain(nAfter);

    // The cross the same way.
    await tablet.goto(`${env.server.url}/#/korset`);
    await tablet.waitForSelector(LIVE, { timeout: 30_000 });
    await copySaved(tablet);
    const cross = await reopen(tablet);
    expect(cross.copy).toBeDefined();
    expect(cross.copy).toBe(cross.live);
    expect(cross.both).toBeUndefined();
    expect(csp).toEqual([]);
    await ctx.close();
  });

  it("a manager's phone offline: Mål och resultat from its copy; signing out clears it and the next person never sees it", async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
    await ctx.addInitScript({ content: WATCH });
    const phone = await ctx.newPage();
    await uiLogin(phone, env.server.url, 'divisionschef');
    await phone.goto(`${env.server.url}/#/mal`);
    await phone.waitForSelector(LIVE, { timeout: 30_000 });
    // Online the figures are the server's, which the token cannot vouch for: no copy is kept.
    await phone.waitForTimeout(1_000);
    expect(await phone.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length, COPY_PREFIX)).toBe(0);
    await offline(ctx);
    await phone.reload();
    await phone.waitForSelector(LIVE, { timeout: 30_000 });
    await copySaved(phone);
    const mal = await reopen(phone);
    expect(mal.copy).toBeDefined();
    expect(mal.copy).toBe(mal.live);

    // Signing out clears every copy; the next person on this phone opens without one.
    await ctx.unroute('**/api/**');
    await ctx.setOffline(false);
    await phone.getByRole('button', { name: /Meny/ }).click();
    await phone.getByRole('link', { name: 'Inställningar' }).click();
    await phone.getByRole('button', { name: 'Logga ut' }).click();
    await expect.poll(() => phone.getByLabel('Användarnamn').count(), { timeout: 30_000 }).toBe(1);
    expect(await phone.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length, COPY_PREFIX)).toBe(0);
    await phone.getByLabel('Användarnamn').fill('vochef');
    await phone.getByLabel('Lösenord').fill('pulstavlan');
    await phone.getByRole('button', { name: 'Logga in', exact: true }).click();
    await phone.getByText('Allt synkat').waitFor({ state: 'visible', timeout: 30_000 });
    await phone.goto(`${env.server.url}/#/mal`);
    const next = await reopen(phone);
    expect(next.copy).toBeUndefined();
    await ctx.close();
  });

  it('on a phone, the copy as drawn before the app has loaded (screenshot)', async () => {
    // Without the service worker, so the app's entry can be held back and the copy stays up.
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const phone = await ctx.newPage();
    await uiLogin(phone, env.server.url, 'personal21', { worker: false });
    await phone.goto(`${env.server.url}/#/hygien`);
    await phone.waitForSelector(LIVE, { timeout: 30_000 });
    await copySaved(phone);
    await phone.route('**/assets/index-*.js', () => undefined); // never answered: the app does not start
    await phone.reload({ waitUntil: 'commit' });
    await phone.waitForSelector('#first-paint main [data-testid="figure"]', { timeout: 30_000 });
    expect(await phone.locator('#root').isVisible()).toBe(false);
    await shot(phone, 'e2e-first-paint-phone-hygiene', false);
    // Nothing in it can be used.
    await expect(phone.getByRole('link', { name: 'Ny observation' }).click({ timeout: 1_000 })).rejects.toThrow();
    await ctx.close();
  });
});
