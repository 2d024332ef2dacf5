/**
 * The measurements behind the accessibility suite, run inside the page in real Chromium:
 * axe-core 4 (WCAG 2.0/2.1 A and AA rules), sideways scrolling, touch-target sizes and whether a
 * focused element is hidden under a sticky bar. Each returns findings as readable lines; an empty
 * list is a pass.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;
/** The issue's bar for touch targets on phone and tablet (WCAG 2.5.5 AAA is 44 CSS px). */
export const MIN_TARGET = 44;

/** axe-core injected through the devtools protocol (the app's CSP allows no inline script). */
export async function axeViolations(page: Page): Promise<string[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target)).join(', ')}${v.nodes.length > 4 ? ` … +${v.nodes.length - 4}` : ''}`);
  }, [...WCAG_TAGS]);
  return result;
}

/** WCAG 1.4.10: the document is no wider than the viewport. Names the widest culprits. */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (sw <= vw) return [];
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0) {
        // Only the outermost offender that is not inside a scrolling box.
        let p = el.parentElement;
        let clipped = false;
        while (p && p !== document.body) {
          const ov = getComputedStyle(p).overflowX;
          if (ov === 'auto' || ov === 'scroll' || ov === 'hidden' || ov === 'clip') clipped = true;
          p = p.parentElement;
        }
        if (!clipped) culprits.push(`${el.tagName.toLowerCase()}.${el.className || ''} →${Math.round(r.right)}`);
      }
    }
    return [`document ${sw} px wide at ${vw} px: ${culprits.slice(-3).join('; ')}`];
  });
}

/**
 * Every visible control at least MIN_TARGET × MIN_TARGET CSS px. A checkbox or radio counts with
 * its label (tapping the label toggles it); links inside running text are exempt (WCAG 2.5.5
 * "inline").
 */
export async function smallTargets(page: Page, min = MIN_TARGET): Promise<string[]> {
  return page.evaluate((min) => {
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('.sr-only, [aria-hidden="true"], [inert]')) continue;
      let r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (el.tagName === 'A' && el.closest('p, li.inline, .prose') && style.display === 'inline') continue;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        if (label) r = label.getBoundingClientRect();
      }
      if (r.width + 0.5 < min || r.height + 0.5 < min) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, min);
}

/**
 * Tabs through the screen from the top and, at each stop, checks that the focused element is not
 * entirely covered by another element (a sticky or fixed bar): WCAG 2.2 2.4.11. Returns the
 * stops that were hidden.
 */
export async function hiddenFocus(page: Page, maxStops = 80): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const hidden: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const id = `${el.tagName}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}:${Math.round(r.top + window.scrollY)}:${Math.round(r.left)}`;
      const xs = [r.left + 2, r.left + r.width / 2, r.right - 2];
      const ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
      let visible = false;
      for (const x of xs)
        for (const y of ys) {
          if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) continue;
          const top = document.elementFromPoint(x, y);
          const label = el.closest('label');
          if (top && (el.contains(top) || top.contains(el) || (label?.contains(top) ?? false))) visible = true;
        }
      return { id, visible, name: id.split(':').slice(0, 2).join(' ') };
    });
    if (stop === null) break;
    if (seen.has(stop.id)) break;
    seen.add(stop.id);
    if (!stop.visible) hidden.push(stop.name);
  }
  return hidden;
}

/** Lets the screen settle: a heading is shown and no "Laddar …" is left. */
export async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await page.evaluate(() => {
      const main = document.querySelector('main');
      const loading = Array.from(document.querySelectorAll('main p, main span')).some((e) => /^Laddar/.test(e.textContent ?? '') && (e as HTMLElement).offsetParent !== null);
      return !!main?.querySelector('h1') && !loading;
    });
    if (ready) break;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(150);
  }
  // Lazy stylesheets and charts land a moment after the markup.
  await page.waitForTimeout(400);
}
