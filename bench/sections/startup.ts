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
import type { BrowserContext, Page } from 'playwright-core';
import { COPY_PREFIX, FIGURE_SELECTOR, TOKEN_KEY, WHO_KEY } from '../../src/client/first-paint/keys';
import { api, loginToken } from '../lib/api';
import { viteBuild } from '../lib/app-build';
import { launchChromium } from '../../scripts/chromium';
import { ROOT, startServer, tempDir } from '../lib/proc';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { roundSummary, summarise } from '../lib/stats';
import { traceOpen, WATCH_IDB } from './startup-trace';
import { FIGURE_SHAPE } from '../../scripts/figure-shape';

/** A board's first figure: the hygiene figure, the drawn cross, the indicator rows, the floor's number
 * (the app's own selector, src/client/first-paint/keys.ts, which the first paint's copy also meets). */
const BOARD = FIGURE_SELECTOR;
/** A demo unit with sample observations, so the board has figures to draw. */
const UNIT = 'avd-22';
const FLOOR = '/bench/browser/floor.html';

/** The live app's own figure (under #root), as opposed to the first paint's copy beside it. */
const LIVE = BOARD.split(',').map((s) => `#root ${s.trim()}`).join(', ');
/** Where the first paint draws its copy (src/client/first-paint/keys.ts COPY_ID). */
const COPY = '#first-paint';

declare global {
  interface Window {
    __benchBoardAt?: number;
    /** The copy's figure as drawn, when the first figure was the first paint's copy. */
    __benchCopy?: string;
    __benchLive?: string;
    __benchLiveAt?: number;
  }
}

/**
 * Records when the board's first figure enters the DOM, by the page's own clock, and what it
 * showed: the first paint's copy (issue 19) counts only if it equals the live figure that
 * replaces it, compared as tags, classes, labels, grid places and text. A string, not a
 * function: tsx wraps named functions in a helper that does not exist inside the page.
 */
const WATCH_BOARD = `
  (() => {
    ${FIGURE_SHAPE}
    const seen = new MutationObserver(() => {
      if (window.__benchBoardAt === undefined) {
        const first = document.querySelector(${JSON.stringify(BOARD)});
        if (first) {
          window.__benchBoardAt = performance.now();
          if (first.closest(${JSON.stringify(COPY)})) window.__benchCopy = shape(first);
        }
      }
      if (window.__benchLive === undefined) {
        const live = document.querySelector(${JSON.stringify(LIVE)});
        if (live) {
          window.__benchLiveAt = performance.now();
          window.__benchLive = shape(live);
          seen.disconnect();
        }
      }
    });
    seen.observe(document, { childList: true, subtree: true });
  })();
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

interface Open {
  boardMs: number;
  fcpMs: number | null;
  /** The app only: the first figure was the first paint's copy… */
  copy: boolean;
  /** …and it was not what the live app drew after it. */
  copyDiffers: boolean;
  liveMs: number | null;
}

/**
 * One open in a fresh page. The app's open lasts until its live figure is drawn too (the first
 * figure may be the first paint's copy, which must equal it); with `keepCopy`, until the board has
 * also saved its copy for the next open (the warm-up: a board saves shortly after it drew).
 */
async function openBoard(context: BrowserContext, url: string, throttle: number, keepCopy = false): Promise<Open> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__benchBoardAt !== undefined, undefined, { timeout: 60_000 });
    const floor = url.includes('floor');
    if (!floor) await page.waitForFunction(() => window.__benchLive !== undefined, undefined, { timeout: 60_000 });
    if (!floor && keepCopy) await waitForCopy(page);
    return await page.evaluate(() => {
      if (navigator.serviceWorker.controller === null) throw new Error('page not controlled by the service worker');
      if (location.pathname.includes('floor') && document.getElementById('floor') === null) throw new Error('the floor page was answered with the app');
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const copy = window.__benchCopy !== undefined;
      return {
        boardMs: window.__benchBoardAt as number,
        fcpMs: fcp ? fcp.startTime : null,
        copy,
        copyDiffers: copy && window.__benchCopy !== window.__benchLive,
        liveMs: window.__benchLiveAt ?? null,
      };
    });
  } finally {
    await page.close();
  }
}

/** Waits (at most 30 s) until localStorage holds a copy of this address at the current token. */
async function waitForCopy(page: Page): Promise<void> {
  await page
    .waitForFunction(
      ([prefix, tokenKey, whoKey]) => {
        const raw = localStorage.getItem(`${prefix}${localStorage.getItem(whoKey) ?? ''}:${location.hash}`);
        return raw !== null && (JSON.parse(raw) as { token?: string }).token === localStorage.getItem(tokenKey);
      },
      [COPY_PREFIX, TOKEN_KEY, WHO_KEY] as const,
      { timeout: 30_000 },
    )
    .catch(() => undefined); // reported below: the opens that drew no copy
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

type Samples = Record<'app4' | 'app1' | 'floor4' | 'floor1' | 'fcp4' | 'fcp1' | 'live4' | 'live1', number[]>;
/** Per screen: app opens measured, opens whose first figure was the first paint's copy, and
 * copies that differed from the live figure drawn after them. */
interface Copies {
  opens: number;
  drawn: number;
  differ: number;
}

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
      const runs = new Map<Screen['key'], Samples>(SCREENS.map((s) => [s.key, { app4: [], app1: [], floor4: [], floor1: [], fcp4: [], fcp1: [], live4: [], live1: [] }]));
      const copies = new Map<Screen['key'], Copies>(SCREENS.map((s) => [s.key, { opens: 0, drawn: 0, differ: 0 }]));
      for (let i = 0; i <= reps; i++) {
        for (const s of SCREENS) {
          const context = s.device === 'tablet' ? tablet : phone;
          const r = runs.get(s.key) as Samples;
          // Interleaved, and the order turns every round, so drift hits app and floor alike.
          const order: [string, 4 | 1][] = [['app', 4], ['floor', 4], ['app', 1], ['floor', 1]];
          for (const [what, rate] of i % 2 === 0 ? order : [...order].reverse()) {
            const url = what === 'app' ? `${server.url}/${s.hash}` : `${server.url}${FLOOR}${s.floor}`;
            // The warm-up also lets the board save its first-paint copy for the opens after it.
            const o = await openBoard(context, url, rate, i === 0 && what === 'app');
            if (i === 0) continue; // warm-up: the first open also starts the service worker
            r[`${what as 'app' | 'floor'}${rate}`].push(o.boardMs);
            if (what === 'app' && o.fcpMs !== null) r[`fcp${rate}`].push(o.fcpMs);
            if (what === 'app') {
              const c = copies.get(s.key) as Copies;
              c.opens++;
              if (o.copy) c.drawn++;
              if (o.copyDiffers) c.differ++;
              if (o.liveMs !== null) r[`live${rate}`].push(o.liveMs);
            }
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
        const c = copies.get(s.key) as Copies;
        // The first paint's copy must be the figure the app draws; a copy that differed is a fault.
        figures.push({
          item: 7,
          key: `startup.${s.key}.copy.differs`,
          label: `first-paint copies unlike the live figure, ${s.label} (${c.drawn} of ${c.opens} opens drew a copy)`,
          value: c.differ,
          unit: 'opens',
          target: '= 0',
          verdict: c.differ === 0 ? 'met' : 'MISSED',
          detail: { opens: c.opens, drawn: c.drawn, differ: c.differ, liveFigure4xP50: sum.live4.p50, liveFigure1xP50: sum.live1.p50 },
        });
        data[s.key] = { ...Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, roundSummary(v)])), copies: c };
      }
      return {
        figures,
        data,
        notes: [
          `Item 7: the first figure is the first paint's copy of the board when one may be drawn (issue 19: localStorage, drawn by a classic script while the page parses, checked here against the live figure that replaces it; live4/live1 are the live figure's times). ${reps} opens per setting and screen after a warm-up, server stopped; app and floor page (${FLOOR}: raw IndexedDB, the month's rows of the figure, one number) interleaved from the same service-worker cache; time from navigation start to the first figure in the DOM. Tablet ${UNIT} 1280×800 for #/hygien and #/korset, divisionschef on a 390×844 phone for #/mal. CPU throttling slows the page, not the service worker. Trace of one cold open per screen: ${path.relative(ROOT, traceFile)}.`,
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
