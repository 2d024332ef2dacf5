/**
 * Item 7: time to the first render of a unit's board (the hygiene board's first figure, which
 * needs the shell, the lazy screen chunk and the unit's rows from IndexedDB) when the app opens
 * from the service worker's cache with the server down. An enrolled, synced tablet context is
 * prepared through the real UI; then the server stops, and fresh pages open the board in turns
 * with 4× CPU throttling (CDP Emulation.setCPUThrottlingRate) and without it, the reference.
 * Throttling applies to the page's renderer; the service worker runs unthrottled.
 */
import fs from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { api, loginToken } from '../lib/api';
import { launchChromium } from '../../scripts/chromium';
import { startServer, tempDir } from '../lib/proc';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { roundSummary, summarise } from '../lib/stats';

const BOARD = 'main [data-testid="figure"]';
/** A demo unit with sample observations, so the board has figures to draw. */
const UNIT = 'avd-22';

declare global {
  interface Window {
    __benchBoardAt?: number;
  }
}

/**
 * Records when the board's first figure enters the DOM, by the page's own clock. A string, not a
 * function: tsx wraps named functions in a helper that does not exist inside the page.
 */
const WATCH_BOARD = `
  new MutationObserver(() => {
    if (window.__benchBoardAt === undefined && document.querySelector(${JSON.stringify(BOARD)})) window.__benchBoardAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
`;

async function openBoard(context: BrowserContext, url: string, throttle: number): Promise<{ boardMs: number; fcpMs: number | null }> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${url}/#/hygien`, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__benchBoardAt !== undefined, undefined, { timeout: 60_000 });
    return await page.evaluate(() => {
      if (navigator.serviceWorker.controller === null) throw new Error('page not controlled by the service worker');
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { boardMs: window.__benchBoardAt as number, fcpMs: fcp ? fcp.startTime : null };
    });
  } finally {
    await page.close();
  }
}

export const startupSection: Section = {
  name: 'start-up',
  items: [7],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const dist = await ctx.appDist();
    const dataDir = tempDir('startup');
    const server = await startServer({ DATA_DIR: dataDir, STATIC_DIR: dist, SEED_DEMO: 'true' });
    const browser = await launchChromium();
    try {
      const admin = await loginToken(server.url, 'admin', 'pulstavlan');
      const { code } = await api<{ code: string }>(server.url, 'POST', '/api/enrol-codes', { token: admin, body: { unitId: UNIT } });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
      await context.addInitScript({ content: WATCH_BOARD });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
      await page.getByRole('button', { name: 'Registrera surfplatta' }).click();
      await page.getByLabel('Registreringskod').fill(code);
      await page.getByRole('button', { name: 'Registrera surfplattan' }).click();
      await page.getByText('Allt synkat').first().waitFor({ timeout: 60_000 });
      await page.goto(`${server.url}/#/hygien`);
      await page.waitForSelector(BOARD, { timeout: 30_000 });
      await page.close();
      await server.stop();
      ctx.log('start-up: tablet enrolled and synced; server stopped');

      const reps = ctx.quick ? 3 : 10;
      const runs = { throttled: [] as number[], plain: [] as number[], fcpThrottled: [] as number[], fcpPlain: [] as number[] };
      for (let i = 0; i <= reps; i++) {
        const order = i % 2 === 0 ? [4, 1] : [1, 4];
        for (const rate of order) {
          const r = await openBoard(context, server.url, rate);
          if (i === 0) continue; // warm-up: the first open also starts the service worker
          (rate === 4 ? runs.throttled : runs.plain).push(r.boardMs);
          if (r.fcpMs !== null) (rate === 4 ? runs.fcpThrottled : runs.fcpPlain).push(r.fcpMs);
        }
      }
      const t = summarise(runs.throttled);
      const p = summarise(runs.plain);
      const figures: Figure[] = [
        compared({ item: 7, key: 'startup.board.p50', label: 'first board render offline, 4× CPU p50', value: t.p50, unit: 'ms', detail: { samples: t.n } },
          { label: 'unthrottled p50', value: p.p50, unit: 'ms' }),
        compared({ item: 7, key: 'startup.board.p95', label: 'first board render offline, 4× CPU p95', value: t.p95, unit: 'ms' },
          { label: 'unthrottled p95', value: p.p95, unit: 'ms' }),
        compared({ item: 7, key: 'startup.fcp.p50', label: 'first contentful paint offline, 4× CPU p50', value: summarise(runs.fcpThrottled).p50, unit: 'ms' },
          { label: 'unthrottled p50', value: summarise(runs.fcpPlain).p50, unit: 'ms' }),
      ];
      return {
        figures,
        data: {
          reps,
          unit: UNIT,
          throttled: roundSummary(t),
          unthrottled: roundSummary(p),
          fcpThrottled: roundSummary(summarise(runs.fcpThrottled)),
          fcpUnthrottled: roundSummary(summarise(runs.fcpPlain)),
        },
        notes: [
          `Item 7: ${reps} opens per setting of #/hygien for a synced tablet of ${UNIT} (demo data), 1280×800, server stopped; time from navigation start to the board's first figure in the DOM. CPU throttling slows the page, not the service worker.`,
        ],
      };
    } finally {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
