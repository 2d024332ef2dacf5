/**
 * WCAG 2.1 AA in real Chromium, on every screen of the route table (a11y-routes.ts) for staff,
 * a ward manager and the admin: axe-core 4 with the WCAG 2.0/2.1 A and AA rules at 320×640,
 * 390×844, 640×400 (200 % zoom of a tablet), 1280×800 and 1920×1080; no sideways scrolling at any
 * of them (1.4.10 reflow; 320 px is 400 % zoom of 1280); touch targets ≥ 44 px on phone and tablet; a focused control never hidden
 * under a sticky bar on a phone and at 200 % zoom; focus on the new screen's heading after a
 * navigation; the wall screen fits a tablet and a TV without scrolling. One browser, one context
 * per role, viewports changed in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../src/client/kit/screens';
import { axeViolations, hiddenFocus, settle, sidewaysScroll, smallTargets } from './a11y-checks';
import { A11Y_ROUTES, type A11yRoute, type Role } from './a11y-routes';
import { SHOTS, useAppUnderTest } from './harness';

const env = useAppUnderTest();

const USERS: Record<Role, string> = { staff: 'personal21', manager: 'avdchef21', admin: 'admin' };
/**
 * `target`: the least touch-target side measured there: 44 px on phone and tablet (the issue's
 * bar); at 320 px, which stands for 400 % zoom rather than a real phone, WCAG 2.2's 24 px (2.5.8).
 */
const VIEWPORTS = [
  { name: 'phone-320', width: 320, height: 640, target: 24 },
  { name: 'phone', width: 390, height: 844, target: 44 },
  // A 1280×800 tablet at 200 % zoom.
  { name: 'zoom-200', width: 640, height: 400, target: null },
  { name: 'tablet', width: 1280, height: 800, target: 44 },
  { name: 'tv', width: 1920, height: 1080, target: null },
] as const;

const synced = (page: Page) => expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 60_000 }).toBe(true);

async function loggedIn(username: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('pulstavlan');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await synced(page);
  return { ctx, page };
}

async function open(page: Page, r: A11yRoute): Promise<void> {
  await page.evaluate((h) => (location.hash = h), r.hash);
  await settle(page);
  if (r.open) {
    await r.open(page);
    await page.waitForTimeout(200);
  }
}

const routesFor = (role: Role) => Object.values(A11Y_ROUTES).flat().filter((r) => r.roles.includes(role));
const report: string[] = [];

function record(findings: string[], where: string, lines: string[]) {
  for (const l of lines) findings.push(`${where}: ${l}`);
}

describe('accessibility (WCAG 2.1 AA) on every screen', () => {
  it('the route table covers every screen of the app', () => {
    const segments = new Set(Object.values(A11Y_ROUTES).flat().map((r) => r.hash.replace(/^#\//, '').split(/[/?]/)[0]));
    for (const seg of Object.values(SEGMENTS)) expect(segments, `no accessibility check for #/${seg}`).toContain(seg);
  });

  for (const role of ['staff', 'manager', 'admin'] as const) {
    it(`${role}: axe, reflow and touch targets on every screen at every size`, { timeout: 900_000 }, async () => {
      const { ctx, page } = await loggedIn(USERS[role]);
      const findings: string[] = [];
      for (const vp of VIEWPORTS) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        for (const r of routesFor(role)) {
          await open(page, r);
          const where = `${role} ${vp.name} ${r.name}`;
          record(findings, where, await axeViolations(page));
          record(findings, where, await sidewaysScroll(page));
          if (vp.target !== null) record(findings, `${where} target<${vp.target}`, await smallTargets(page, vp.target));
        }
      }
      report.push(...findings);
      fs.mkdirSync(SHOTS, { recursive: true });
      fs.writeFileSync(path.join(SHOTS, `a11y-${role}.txt`), findings.join('\n'));
      await ctx.close();
      expect(findings).toEqual([]);
    });
  }

  it('the login screen and the statement, logged out', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await ctx.newPage();
    const findings: string[] = [];
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const hash of ['#/', '#/tillganglighet']) {
        await page.goto(`${env.server.url}/${hash}`);
        await settle(page);
        const where = `anon ${vp.name} ${hash}`;
        record(findings, where, await axeViolations(page));
        record(findings, where, await sidewaysScroll(page));
        if (vp.target !== null) record(findings, `${where} target<${vp.target}`, await smallTargets(page, vp.target));
      }
    }
    // The statement is one tap from the login screen.
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /Tillgänglighet/ }).isVisible()).toBe(true);
    await ctx.close();
    expect(findings).toEqual([]);
  });

  it('keyboard alone: focus on the new heading, a BHK observation saved and announced, a green day, a fall, the staffing and an action; nothing hidden under a sticky bar', async () => {
    const { ctx, page } = await loggedIn(USERS.staff);
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, { name: 'hygien', hash: '#/hygien?unit=avd-21', roles: ['staff'] });
    await page.getByRole('link', { name: 'Ny observation' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedHeading(page)).toBe('Ny hygienobservation');
    // Profession, Allt korrekt and Spara, each reached with Tab and pressed with the keyboard.
    await tabTo(page, /^Sjuksköterska/);
    await page.keyboard.press('Space');
    await tabTo(page, /Allt korrekt/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Spara$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedHeading(page)).toBe('Hygien (BHK)');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toMatch(/Sparad/);

    // Gröna korset: yesterday confirmed green, then a fall, keyboard only.
    await open(page, { name: 'korset', hash: '#/korset?unit=avd-21', roles: ['staff'] });
    await tabTo(page, /Bekräfta grönt – igår/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/Igår .*Grönt bekräftat/).isVisible(), { timeout: 15_000 }).toBe(true);
    await tabTo(page, /Registrera händelse$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedHeading(page)).not.toMatch(/^not a heading/);
    await tabTo(page, /(^|\s)Fall$/);
    await page.keyboard.press('Space');
    await tabTo(page, /Orange – vårdskada/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Spara$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Händelse idag: Fall').isVisible(), { timeout: 15_000 }).toBe(true);

    // The morning staffing: one more sick on a shift, saved.
    await open(page, { name: 'bemanning', hash: '#/bemanning?unit=avd-21', roles: ['staff'] });
    await tabTo(page, /^Öka Sjukfrånvarande$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Spara$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/^Sparat: \d+ pass för /).isVisible(), { timeout: 15_000 }).toBe(true);

    // An action: Ny åtgärd, what is to be done, Spara.
    await open(page, { name: 'åtgärder', hash: '#/forbattring?unit=avd-21', roles: ['staff'] });
    await tabTo(page, /Ny åtgärd$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Vad ska göras/);
    await page.keyboard.type('Sätta upp tangentbordsskylt');
    await tabTo(page, /^Spara$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Sätta upp tangentbordsskylt').first().isVisible(), { timeout: 15_000 }).toBe(true);

    const findings: string[] = [];
    const forms: A11yRoute[] = [
      { name: 'BHK-formuläret', hash: '#/hygien/observation?unit=avd-21', roles: ['staff'], open: async (p) => p.locator('details.more summary').click() },
      { name: 'bemanningen', hash: '#/bemanning?unit=avd-21', roles: ['staff'] },
      { name: 'händelseformuläret', hash: '#/korset/handelse?unit=avd-21', roles: ['staff'] },
    ];
    // A phone, and a 1280×800 screen at 200 % zoom.
    for (const size of [{ width: 390, height: 844 }, { width: 640, height: 400 }]) {
      await page.setViewportSize(size);
      for (const f of forms) {
        await open(page, f);
        record(findings, `${size.width}×${size.height} ${f.name} fokus dold under`, await hiddenFocus(page));
      }
    }
    await ctx.close();
    expect(findings).toEqual([]);
  });

  it('the wall screen fits a tablet and a TV without scrolling, readable across the room', async () => {
    const { ctx, page } = await loggedIn(USERS.staff);
    const findings: string[] = [];
    for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await open(page, A11Y_ROUTES.wall[0] as A11yRoute);
      await page.waitForTimeout(1000);
      findings.push(...(await wallFindings(page, size, true)));
    }
    await ctx.close();
    expect(findings).toEqual([]);
  });

  it('a rotating wall (a VO\'s TV): every view of two units fits both screens without controls, axe clean, and it changes by itself', { timeout: 300_000 }, async () => {
    const { ctx, page } = await loggedIn('vochef');
    const findings: string[] = [];
    for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      // Each view the rotation can show, held still (one unit, one board): it must fit like the whole wall.
      for (const unit of ['avd-21', 'avd-22']) {
        for (const board of ['alla', 'bemanning', 'korset', 'hygien', 'atgarder']) {
          await open(page, { name: `vägg ${unit} ${board}`, hash: `#/vagg?unit=${unit}&tavlor=${board}`, roles: ['manager'] });
          await expect.poll(() => page.locator('.wall').getAttribute('data-view')).toBe(`${unit}|${board}`);
          await page.waitForTimeout(800);
          const where = `${size.width}×${size.height} ${unit} ${board}`;
          for (const f of await wallFindings(page, size, board === 'alla')) findings.push(`${where}: ${f}`);
          for (const v of await axeViolations(page)) findings.push(`${where}: ${v}`);
        }
      }
      // The rotation itself, on a short interval: two units, the view changes without a touch.
      await open(page, { name: 'vägg roterande', hash: '#/vagg?enheter=avd-21,avd-22&tavlor=alla&sek=5', roles: ['manager'] });
      const first = await page.locator('.wall').getAttribute('data-view');
      expect(await page.getByTestId('wall-rotation').textContent()).toMatch(/^visning [12] av 2$/);
      await expect.poll(() => page.locator('.wall').getAttribute('data-view'), { timeout: 12_000 }).not.toBe(first);
      const second = await page.locator('.wall').getAttribute('data-view');
      expect(new Set([first, second])).toEqual(new Set(['avd-21|alla', 'avd-22|alla']));
      await expect.poll(() => page.locator('h1').textContent()).toMatch(second === 'avd-22|alla' ? /Avdelning 22/ : /Avdelning 21/);
      await page.waitForTimeout(800);
      for (const f of await wallFindings(page, size, true)) findings.push(`${size.width}×${size.height} rotated: ${f}`);
    }
    await ctx.close();
    expect(findings).toEqual([]);
  });

  it('one target per figure: the hygiene board, the wall and Mål och resultat show the same target for the demo unit', async () => {
    const { ctx, page } = await loggedIn(USERS.manager);
    await page.setViewportSize({ width: 1280, height: 800 });
    const text = async (sel: string) => ((await page.locator(sel).first().textContent({ timeout: 30_000 })) ?? '').replace(/\u00a0|\u202f/g, ' ').trim();
    await open(page, { name: 'hygien', hash: '#/hygien?unit=avd-21', roles: ['manager'] });
    const board = await text('[data-testid="board-target"]');
    await open(page, { name: 'mål', hash: '#/mal?unit=avd-21', roles: ['manager'] });
    const goals = await text('[data-testid="indicator-row"][data-key="bhkTotal"] .ind-sub');
    await open(page, { name: 'vägg', hash: '#/vagg?unit=avd-21', roles: ['manager'] });
    const wall = await text('.wall-bhk .figure-target');
    // The division's 90 % (the demo's catalogue), not the board's old 80 %.
    expect([board, wall]).toEqual([goals, goals]);
    expect(goals).toBe('mål ≥ 90 %');
    await ctx.close();
  });
});

/** The wall's fit checks: no scrolling and no controls; on a TV, cross cells ≥ 40 px and headline figures ≥ 48 px (`whole`: the full wall). */
async function wallFindings(page: Page, size: { width: number; height: number }, whole: boolean): Promise<string[]> {
  const out: string[] = [];
  const m = await page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll<HTMLElement>('.wall .cross .cell:not(.cell-blank)')).map((c) => c.getBoundingClientRect().width);
    const figures = Array.from(document.querySelectorAll<HTMLElement>('.wall .figure-value, .wall .sfig-value')).map((f) => parseFloat(getComputedStyle(f).fontSize));
    return { height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, inner: window.innerHeight, innerWidth: window.innerWidth, cell: Math.min(...cells), figure: Math.min(...figures), controls: document.querySelectorAll('main a, main button, main input, main select').length };
  });
  if (m.height > m.inner) out.push(`${size.width}×${size.height}: ${m.height} px tall`);
  if (m.width > m.innerWidth) out.push(`${size.width}×${size.height}: ${m.width} px wide`);
  if (m.controls > 0) out.push(`${size.width}×${size.height}: ${m.controls} controls`);
  if (size.width === 1920 && whole) {
    if (!(m.cell >= 40)) out.push(`1920: cross cells ${m.cell} px`);
    if (!(m.figure >= 48)) out.push(`1920: headline figures ${m.figure} px`);
  }
  return out;
}

/** The text of the focused element when it is the main heading, else what is focused. */
async function focusedHeading(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.matches('main h1') ? (el.textContent ?? '').trim() : `not a heading: ${el?.tagName}`;
  });
}

/** Presses Tab until the focused control's name matches (at most 80 stops). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const label = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.labels?.[0]?.innerText : undefined;
      return (el?.getAttribute('aria-label') ?? label ?? el?.innerText ?? '').trim().replace(/^[^\p{L}\d]+/u, '');
    });
    if (name.test(text)) return;
  }
  throw new Error(`no Tab stop named ${name}`);
}

