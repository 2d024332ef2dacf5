/**
 * Item 7: time to the first figure of a board when the app opens from the service worker's cache
 * with the server down, against its floor (issue 19). Three screens: the hygiene board and the
 * safety cross on an enrolled, synced ward tablet (avd-22, 1280×800), and Mål och resultat on a
 * division manager's phone (390×844, facts mode). The floor is a bare page from the same
 * service-worker cache (bench/browser/floor.html, built into the app's precache for this section
 * only) that opens the same IndexedDB without a library, reads the rows the figure needs for the
 * month and writes one number. App and floor open in turns, in fresh pages, at 4× CPU throttling
 * (CDP Emulation.setCPUThrottlingRate) and unthrottled; the ratio app/floor at 4× is the figure.
 * Throttling applies to the page's renderer; the service worker runs unthrottled. One traced cold
 * open per screen goes to bench/results/startup-trace.json (startup-trace.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { api, loginToken } from '../lib/api';
import { viteBuild } from '../lib/app-build';
import { launchChromium } from '../../scripts/chromium';
import { ROOT, startServer, tempDir } from '../lib/proc';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { roundSummary, summarise } from '../lib/stats';
import { traceOpen, WATCH_IDB } from './startup-trace';

/** A board's first figure: the hygiene figure, the drawn cross, the indicator rows, the floor's number. */
const BOARD = 'main [data-testid="figure"], main .cross, main .ind-rows';
/** A demo unit with sample observations, so the board has figures to draw. */
const UNIT = 'avd-22';
const FLOOR = '/bench/browser/floor.html';

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

interface Screen {
  readonly key: 'hygiene' | 'safety' | 'indicators';
  readonly label: string;
  readonly hash: string;
  readonly floor: string;
  readonly device: 'tablet' | 'phone';
}

const SCREENS: readonly Screen[] = [
  { key: 'hygiene', label: 'hygiene board', hash: '#/hygien', floor: `#store=rows&entities=bhkObservation&unit=${UNIT}`, device: 'tablet' },
  { key: 'safety', label: 'safety cross', hash: '#/korset', floor: `#store=rows&entities=safetyDay,safetyEvent&unit=${UNIT}`, device: 'tablet' },
  { key: 'indicators', label: 'Mål och resultat (phone)', hash: '#/mal', floor: '#store=facts', device: 'phone' },
];

async function openBoard(context: BrowserContext, url: string, throttle: number): Promise<{ boardMs: number; fcpMs: number | null }> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__benchBoardAt !== undefined, undefined, { timeout: 60_000 });
    return await page.evaluate(() => {
      if (navigator.serviceWorker.controller === null) throw new Error('page not controlled by the service worker');
      if (location.pathname.includes('floor') && document.getElementById('floor') === null) throw new Error('the floor page was answered with the app');
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { boardMs: window.__benchBoardAt as number, fcpMs: fcp ? fcp.startTime : null };
    });
  } finally {
    await page.close();
  }
}

/** The app built as `npm run build` builds it, plus the floor page in its precache. */
async function buildWithFloor(): Promise<string> {
  const outDir = tempDir('dist-floor');
  process.env.PULSTAVLAN_BENCH_FLOOR = '1';
  try {
    await viteBuild(['--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir']);
  } finally {
    delete process.env.PULSTAVLAN_BENCH_FLOOR;
  }
  return outDir;
}

type Samples = Record<'app4' | 'app1' | 'floor4' | 'floor1' | 'fcp4' | 'fcp1', number[]>;

export const startupSection: Section = {
  name: 'start-up',
  items: [7],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const dist = await buildWithFloor();
    const dataDir = tempDir('startup');
    const server = await startServer({ DATA_DIR: dataDir, STATIC_DIR: dist, SEED_DEMO: 'true' });
    const browser = await launchChromium();
    try {
      const admin = await loginToken(server.url, 'admin', 'pulstavlan');
      const { code } = await api<{ code: string }>(server.url, 'POST', '/api/enrol-codes', { token: admin, body: { unitId: UNIT } });
      const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
      for (const c of [tablet, phone]) await c.addInitScript({ content: WATCH_BOARD + WATCH_IDB });

      const page = await tablet.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
      await page.getByRole('button', { name: 'Registrera surfplatta' }).click();
      await page.getByLabel('Registreringskod').fill(code);
      await page.getByRole('button', { name: 'Registrera surfplattan' }).click();
      await page.getByText('Allt synkat').first().waitFor({ timeout: 60_000 });
      for (const s of SCREENS.filter((x) => x.device === 'tablet')) {
        await page.goto(`${server.url}/${s.hash}`);
        await page.waitForSelector(BOARD, { timeout: 30_000 });
      }
      await page.close();

      const mobile = await phone.newPage();
      await mobile.goto(server.url);
      await mobile.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
      await mobile.getByLabel('Användarnamn').fill('divisionschef');
      await mobile.getByLabel('Lösenord').fill('pulstavlan');
      await mobile.getByRole('button', { name: 'Logga in' }).click();
      await mobile.getByText('Allt synkat').first().waitFor({ timeout: 60_000 });
      await mobile.goto(`${server.url}/#/mal`);
      await mobile.waitForSelector(BOARD, { timeout: 30_000 });
      await mobile.close();
      await server.stop();
      ctx.log('start-up: tablet enrolled and synced, manager logged in on a phone; server stopped');

      const reps = ctx.quick ? 3 : 8;
      const runs = new Map<Screen['key'], Samples>(SCREENS.map((s) => [s.key, { app4: [], app1: [], floor4: [], floor1: [], fcp4: [], fcp1: [] }]));
      for (let i = 0; i <= reps; i++) {
        for (const s of SCREENS) {
          const context = s.device === 'tablet' ? tablet : phone;
          const r = runs.get(s.key) as Samples;
          // Interleaved, and the order turns every round, so drift hits app and floor alike.
          const order: [string, 4 | 1][] = [['app', 4], ['floor', 4], ['app', 1], ['floor', 1]];
          for (const [what, rate] of i % 2 === 0 ? order : [...order].reverse()) {
            const url = what === 'app' ? `${server.url}/${s.hash}` : `${server.url}${FLOOR}${s.floor}`;
            const o = await openBoard(context, url, rate);
            if (i === 0) continue; // warm-up: the first open also starts the service worker
            r[`${what as 'app' | 'floor'}${rate}`].push(o.boardMs);
            if (what === 'app' && o.fcpMs !== null) r[`fcp${rate}`].push(o.fcpMs);
          }
        }
      }

      const traces = [];
      for (const s of SCREENS) {
        const context = s.device === 'tablet' ? tablet : phone;
        traces.push(await traceOpen(context, server.url, s.hash, 4));
        traces.push(await traceOpen(context, server.url, `${FLOOR.slice(1)}${s.floor}`, 4));
      }
      const traceFile = ctx.quick ? path.join(tempDir('trace'), 'startup-trace.json') : path.join(ROOT, 'bench/results/startup-trace.json');
      fs.writeFileSync(traceFile, `${JSON.stringify({ date: new Date().toISOString(), note: 'One traced cold open per screen and of its floor page at 4× CPU, server down (bench/sections/startup-trace.ts).', traces }, null, 2)}\n`);

      const figures: Figure[] = [];
      const data: Record<string, unknown> = { reps, unit: UNIT, traceFile: path.relative(ROOT, traceFile) };
      for (const s of SCREENS) {
        const r = runs.get(s.key) as Samples;
        const sum = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summarise(v)])) as Record<keyof Samples, ReturnType<typeof summarise>>;
        figures.push(
          compared({ item: 7, key: `startup.${s.key}.floor.4x.p50`, label: `first figure offline, ${s.label}, 4× CPU p50`, value: sum.app4.p50, unit: 'ms', detail: { samples: sum.app4.n } },
            { label: 'floor page 4× p50', value: sum.floor4.p50, unit: 'ms' }, { op: '≤', value: 1.5 }),
          compared({ item: 7, key: `startup.${s.key}.floor.1x.p50`, label: `first figure offline, ${s.label}, 1× CPU p50`, value: sum.app1.p50, unit: 'ms' },
            { label: 'floor page 1× p50', value: sum.floor1.p50, unit: 'ms' }),
        );
        if (s.key === 'hygiene') {
          // The figures item 7 had before the floor, under their old keys.
          figures.push(
            compared({ item: 7, key: 'startup.board.p50', label: 'first board render offline, 4× CPU p50', value: sum.app4.p50, unit: 'ms' }, { label: 'unthrottled p50', value: sum.app1.p50, unit: 'ms' }),
            compared({ item: 7, key: 'startup.board.p95', label: 'first board render offline, 4× CPU p95', value: sum.app4.p95, unit: 'ms' }, { label: 'unthrottled p95', value: sum.app1.p95, unit: 'ms' }),
            compared({ item: 7, key: 'startup.fcp.p50', label: 'first contentful paint offline, 4× CPU p50', value: sum.fcp4.p50, unit: 'ms' }, { label: 'unthrottled p50', value: sum.fcp1.p50, unit: 'ms' }),
          );
        }
        data[s.key] = Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, roundSummary(v)]));
      }
      return {
        figures,
        data,
        notes: [
          `Item 7: ${reps} opens per setting and screen after a warm-up, server stopped; app and floor page (${FLOOR}: raw IndexedDB, the month's rows of the figure, one number) interleaved from the same service-worker cache; time from navigation start to the first figure in the DOM. Tablet ${UNIT} 1280×800 for #/hygien and #/korset, divisionschef on a 390×844 phone for #/mal. CPU throttling slows the page, not the service worker. Trace of one cold open per screen: ${path.relative(ROOT, traceFile)}.`,
        ],
      };
    } finally {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(dist, { recursive: true, force: true });
    }
  },
};
