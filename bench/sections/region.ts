/**
 * Item 8 (issue 17): a whole region on facts. Per database and per shape (units × years) the
 * section writes the boards' rows in bulk (region-scale.ts), builds the facts with the server's
 * own build, starts the server with the event-loop probe (probe.mjs) and, while 20 tablets of a
 * unit outside the region push 20 times a second, measures:
 *  - the indicator report of the region for a month and a year, the indicators CSV for the year
 *    and the BHK, Gröna korset and staffing roll-ups for the month, each beside a hand-written
 *    GROUP BY over the raw rows computing the same numbers (region-raw.ts, rollup-sql.ts) in the
 *    same run (every route's samples under the push load, then every GROUP BY after it:
 *    runSamples); the numbers must be equal on every sample (a mismatch fails the section); each
 *    route over HTTP as a browser asks, gzip accepted and undone in one call (getJson);
 *  - a division manager's and the region manager's first sync in facts mode and a unit tablet's
 *    first sync (rows, bytes, seconds), over HTTP as the app's sync does it;
 *  - the server's peak RSS and its longest event-loop stall under the push load (the routes, the
 *    first syncs and QUIET_TAIL_MS after them), with how the main thread spent that stall (on a
 *    core, waiting for one, asleep), and any error.
 * The biggest shape gets the issue's targets; the smaller ones give the growth law.
 */
import fs from 'node:fs';
import http from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import path from 'node:path';
import { expandPackedReport, type PackedIndicatorReport } from '../../src/shared/indicators-api';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { enrolTablet, HttpError, loginToken, type Tablet } from '../lib/api';
import { prng } from '../lib/gen';
import { startPushLoad } from '../lib/push-load';
import { createScaledOrg, buildFacts, fillRegion, PASSWORD, REGION_ID, type Shape, shapeText } from '../lib/region-scale';
import { figureDifferences, rawIndicatorFigures, type RawFigures, reportFigures } from '../lib/region-raw';
import { compared, type Figure, fmt } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { round, roundSummary, type Summary, summarise } from '../lib/stats';
import { type DialectName, openTarget, startOn } from '../lib/target';
import { tempDir } from '../lib/proc';
import { queriesOffThread } from '../lib/sqlite-off-thread';
import { buildApp } from '../lib/app-build';
import { type BrowserSync, browserFirstSync } from '../lib/browser-sync';
import { launchChromium } from '../../scripts/chromium';
import type { Browser } from 'playwright-core';
import { BOARDS } from './rollup-boards';
import { groupBy } from './rollup-sql';

const gunzipAsync = promisify(gunzip);
const PUSHES_PER_S = 20;
const LOAD_TABLETS = 20;
const P95_TARGET_MS = 300;
const STALL_TARGET_MS = 50;
/** The push load's time after the first syncs, inside the stall's window (see regionOn). */
const QUIET_TAIL_MS = 45_000;
const SYNC_BYTES_TARGET = 20 * 1024 * 1024;
const SYNC_SECONDS_TARGET = 30;
/** How long the app may take for a first sync before the bench counts an error. */
const APP_SYNC_TIMEOUT_MS = 600_000;

/** Shapes, smallest first; the last one is the issue's region and carries the targets. */
export function regionShapes(quick: boolean): Shape[] {
  if (quick) return [{ divisions: 2, vos: 2, units: 3, years: 1 }];
  const env = process.env.BENCH_REGION_SHAPES;
  if (env) {
    // "DxVxU:Y,…", e.g. "3x3x5:1,5x10x30:3"
    return env.split(',').map((s) => {
      const [tree, years] = s.split(':');
      const [divisions, vos, units] = (tree ?? '').split('x').map(Number);
      return { divisions: divisions ?? 1, vos: vos ?? 1, units: units ?? 1, years: Number(years ?? 3) };
    });
  }
  return [
    { divisions: 3, vos: 3, units: 5, years: 1 },
    { divisions: 3, vos: 3, units: 5, years: 3 },
    { divisions: 2, vos: 5, units: 30, years: 3 },
    { divisions: 5, vos: 10, units: 30, years: 3 },
  ];
}

/**
 * Rounds of every sampled route before its samples (after one request of each route that loads
 * the server's modules), timed and kept in the figure's detail (`warmUp`), not in its samples.
 * A region's server in service has answered these routes many times; a fresh one has not: its
 * young generation still grows and V8 still optimises the report's functions over the first
 * answers. On two fresh servers over a kept 1,500-unit SQLite region (no load, 2026-12-07), the
 * month report's 1st answer took 685 and 698 ms, its 2nd–6th 171–258 ms, and from the 7th on
 * 118–263 ms (p50 ~150); with 20 samples the p95 lies between the two largest, so after one
 * warm-up request the first figure measured (the month report) took its p95 from its first answers.
 */
const WARM_ROUNDS = 5;

/** No more GROUP BY samples of a figure once they have taken this long (at GROUP_MIN_SAMPLES or more): see routeN. */
const GROUP_BUDGET_MS = 30_000;
const GROUP_MIN_SAMPLES = 3;

const unitsOf = (s: Shape) => s.divisions * s.vos * s.units;
const shapeKey = (s: Shape) => `${unitsOf(s)}u${s.years}y`;

interface Timed {
  route: Summary;
  group: Summary;
  samples: number;
  groupSamples: number;
  /** The route's warm-up rounds (WARM_ROUNDS), ms, in order; not among the samples. */
  warmUp: number[];
}

interface SyncFigures {
  rows: number;
  blocks: number;
  /** On the wire (gzipped pages as sent). */
  bytes: number;
  /** The JSON bodies, uncompressed. */
  jsonBytes: number;
  seconds: number;
  requests: number;
  /** The fact feed's cursor at the end (its head then): where a device's own sync must get to. */
  factCursor: number;
}

/** A timer gap in the server (probe.mjs): how late the tick came, and the main thread's CPU time and run-queue wait in it, ms. */
interface Gap {
  lateMs: number;
  runMs: number;
  waitMs: number;
}

interface Probe {
  t: number;
  maxMs: number;
  /** The interval's longest collection pause and its kind (probe.mjs). */
  gcMs?: number;
  gcKind?: number;
  rss: number;
  maxRss: number;
  /** Linux: the interval's latest tick. */
  late?: Gap;
}

/** An interval's longest stall: the event-loop delay histogram's, or the probe's late tick (which also sees one the histogram's reset cut). */
const stallOf = (p: Probe): number => Math.max(p.maxMs, p.late?.lateMs ?? 0);

/**
 * GET with the bearer token, as a browser asks (accepting gzip); `wire` is the body's size as sent
 * (counted before it is gunzipped: a streamed answer has no content-length to read it from).
 */
async function getBody(url: string, route: string, token: string): Promise<{ text: string; wire: number }> {
  const t0 = performance.now();
  const { status, encoding, body } = await new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    // 120 s for the whole answer (the socket's own timeout only counts idle time).
    const deadline = setTimeout(() => req.destroy(new Error(`${route}: no answer in 120 s`)), 120_000);
    const req = http.get(`${url}${route}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(parts) });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      clearTimeout(deadline);
      reject(e);
    });
  });
  const text = (encoding === 'gzip' ? await gunzipAsync(body) : body).toString('utf8');
  if (process.env.BENCH_DEBUG && performance.now() - t0 > 50) process.stderr.write(`  slow ${Date.now()} ${(performance.now() - t0).toFixed(0)} ms ${route.slice(0, 80)} ${text.length} B\n`);
  if (status < 200 || status >= 300) throw new HttpError(status, text);
  return { text, wire: body.length };
}

const getText = async (url: string, route: string, token: string): Promise<string> => (await getBody(url, route, token)).text;

/**
 * A JSON route's answer, fetched as getBody does (its gzip undone in one call, as a browser's
 * network stack does it), not with Node's fetch: fetch undoes gzip in a stream of small pieces on
 * the bench's own event loop, which the push load shares, and on a 1,500-unit region that added
 * 20–30 ms to every large answer's time (the year report's 1.7 MB, Gröna korset's ~3 MB; p50, the
 * same server, 2026-12-06) that no browser pays and the server never spent.
 */
const getJson = async <T>(url: string, route: string, token: string): Promise<T> => JSON.parse(await getText(url, route, token)) as T;

/**
 * When each sample ran (Date.now), so a stall in the probe can be put beside what ran then: the
 * route, or the bench's own GROUP BY over the raw rows (on PostgreSQL that one runs in the
 * database's processes on the same cores as the server).
 */
interface Span {
  what: string;
  by: 'route' | 'GROUP BY';
  from: number;
  to: number;
}

/** perf_hooks' gc kinds (constants.NODE_PERFORMANCE_GC_*: V8's GCType bits). */
const GC_KINDS: Record<number, string> = { 1: 'scavenge', 2: 'minor mark-compact', 4: 'mark-compact', 8: 'incremental marking', 16: 'weak callbacks' };

const spanAt = (spans: readonly Span[], t: number): Span | undefined => spans.find((s) => t >= s.from && t - 250 <= s.to);

/** One figure measured two ways: through the server's route and by the bench's GROUP BY over the raw rows. */
interface Job {
  key: string;
  what: string;
  /** One sample through the route; its answer is kept for the check. */
  route(): Promise<void>;
  /** One GROUP BY sample; the first one's numbers are the truth. */
  group(): Promise<void>;
  /** Where a route answer differs from the GROUP BY's numbers (none = all agree). */
  differences(): string[];
}

function job<G>(key: string, what: string, viaRoute: () => Promise<G>, viaGroup: () => Promise<G>, differ: (r: G, g: G) => string[]): Job {
  const answers: G[] = [];
  let truth: { g: G } | undefined;
  return {
    key,
    what,
    route: async () => {
      answers.push(await viaRoute());
    },
    group: async () => {
      const g = await viaGroup();
      truth ??= { g };
    },
    differences: () => (truth === undefined ? ['no GROUP BY ran'] : answers.flatMap((a) => differ(a, (truth as { g: G }).g))),
  };
}

type Times = Map<Job, { route: number[]; 'GROUP BY': number[]; warmUp?: number[] }>;

/**
 * Runs every job's samples of one kind (`by`), or of both in turns. By default every route's
 * samples run first, under the push load, and the GROUP BYs after the load has stopped, as a region
 * in service meets its routes: nothing there scans the raw rows, and the reference's scans (on
 * PostgreSQL its parallel workers, on SQLite the bench's worker thread) take both of the machine's
 * cores, which is not the load the stall is measured under. In turns (BENCH_INTERLEAVED=1, the
 * order up to 2026-12-05, GROUP BYs under the push load), each route sample followed a GROUP BY
 * whose scan of the region's 7 GB of raw rows had pushed the fact tables out of PostgreSQL's 128 MB
 * of shared buffers and much of the page cache: the same code's PostgreSQL p50s were ~25 % slower
 * that way (results' notes).
 */
async function runSamples(jobs: readonly Job[], which: Span['by'] | 'both', routeN: number, groupN: number, times: Times, spans: Span[], log: (m: string) => void): Promise<void> {
  for (const j of jobs) if (!times.has(j)) times.set(j, { route: [], 'GROUP BY': [] });
  const sample = async (j: Job, by: Span['by'], i: number) => {
    if (i >= (by === 'route' ? routeN : groupN)) return;
    const spent = times.get(j)?.['GROUP BY'].reduce((a, b) => a + b, 0) ?? 0;
    if (by === 'GROUP BY' && i >= GROUP_MIN_SAMPLES && spent > GROUP_BUDGET_MS) return;
    const s = performance.now();
    const from = Date.now();
    await (by === 'route' ? j.route() : j.group());
    times.get(j)?.[by].push(performance.now() - s);
    spans.push({ what: j.what, by, from, to: Date.now() });
  };
  if (which === 'both') {
    for (const j of jobs) {
      log(`  ${j.what}: route and GROUP BY in turns`);
      for (let i = 0; i < Math.max(routeN, groupN); i++) {
        const order: Span['by'][] = i % 2 === 0 ? ['route', 'GROUP BY'] : ['GROUP BY', 'route'];
        for (const by of order) await sample(j, by, i);
      }
    }
    return;
  }
  for (const j of jobs) {
    log(`  ${j.what}: ${which}`);
    for (let i = 0; i < (which === 'route' ? routeN : groupN); i++) await sample(j, which, i);
  }
}

/** Each job's figures, once both kinds of samples have run; a route answer that differs from its GROUP BY's numbers fails the section. */
function timedOf(jobs: readonly Job[], times: Times): Record<string, Timed> {
  const out: Record<string, Timed> = {};
  for (const j of jobs) {
    const lines = j.differences();
    if (lines.length > 0) throw new Error(`${j.what}: route and GROUP BY disagree: ${lines.join('; ')}`);
    const t = times.get(j) ?? { route: [], 'GROUP BY': [] };
    out[j.key] = { route: summarise(t.route), group: summarise(t['GROUP BY']), samples: t.route.length, groupSamples: t['GROUP BY'].length, warmUp: (t.warmUp ?? []).map((v) => round(v)) };
  }
  return out;
}

/** A device's first sync as src/client/sync does it: the change feed, then (facts mode) the fact feed. */
async function firstSync(url: string, token: string): Promise<SyncFigures> {
  const s = performance.now();
  const out: SyncFigures = { rows: 0, blocks: 0, bytes: 0, jsonBytes: 0, seconds: 0, requests: 0, factCursor: 0 };
  let cursor = 0;
  let facts = false;
  for (let page = 0; page < 100_000; page++) {
    const { text, wire } = await getBody(url, `/api/sync/pull?cursor=${cursor}&protocolVersion=${PROTOCOL_VERSION}`, token);
    const answer = JSON.parse(text) as { changes: unknown[]; cursor: number; hasMore: boolean; facts?: boolean };
    out.bytes += wire;
    out.jsonBytes += Buffer.byteLength(text);
    out.requests += 1;
    out.rows += answer.changes.length;
    cursor = answer.cursor;
    facts = answer.facts === true;
    if (!answer.hasMore) break;
  }
  if (facts) {
    let factCursor = 0;
    for (let page = 0; page < 100_000; page++) {
      const { text, wire } = await getBody(url, `/api/sync/facts?cursor=${factCursor}&protocolVersion=${PROTOCOL_VERSION}`, token);
      const answer = JSON.parse(text) as { blocks: { rows: Record<string, unknown[]>; hr: unknown[] }[]; cursor: number; hasMore: boolean };
      out.bytes += wire;
      out.jsonBytes += Buffer.byteLength(text);
      out.requests += 1;
      out.blocks += answer.blocks.length;
      for (const b of answer.blocks) out.rows += Object.values(b.rows).reduce((n, r) => n + r.length, 0) + b.hr.length;
      factCursor = answer.cursor;
      if (!answer.hasMore) break;
    }
    out.factCursor = factCursor;
  }
  out.seconds = (performance.now() - s) / 1000;
  return out;
}

function readProbe(file: string): Probe[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Probe & { sqlMs?: number; sql?: string })
    .filter((p) => {
      // BENCH_SQL_SLOW lines (probe.mjs): a slow SQLite statement, for finding a stall's cause.
      if (p.sqlMs === undefined) return true;
      process.stderr.write(`  sql ${p.sqlMs.toFixed(0)} ms ${p.sql}\n`);
      return false;
    });
}

const within = (probe: readonly Probe[], from: number, to: number) => probe.filter((p) => p.t >= from && p.t <= to + 300);
const stallIn = (probe: Probe[], from: number, to: number) => within(probe, from, to).reduce((m, p) => Math.max(m, stallOf(p)), 0);

interface ShapeResult {
  shape: Shape;
  written: Record<string, number>;
  writeS: number;
  factsS: number;
  timed: Record<string, Timed>;
  syncs: Record<string, SyncFigures>;
  /** The same first syncs in the app, in Chromium (browser-sync.ts). */
  app: Record<string, BrowserSync>;
  stallReportsMs: number;
  stallSyncsMs: number;
  /** The longest stall while none of the bench's GROUP BYs over the raw rows ran (all of it but in turns: BENCH_INTERLEAVED). */
  stallOutsideGroupBysMs: number;
  /** Seconds the push load went on after the first syncs, inside the stall's window. */
  tailS: number;
  /** The window's latest probe tick, split (the main thread on a core, waiting for one, asleep), when the probe could read schedstat. */
  stallSplit: Gap | null;
  peakRssMb: number;
  pushLoad: { pushes: number; skipped: number; errors: Record<string, number>; p50: number; p99: number };
  errors: number;
}

async function regionOn(dialect: DialectName, shape: Shape, ctx: BenchContext, ui: { browser: Browser; dist: string }): Promise<ShapeResult> {
  const target = await openTarget(dialect, 'region');
  const probeDir = tempDir('probe');
  const probeFile = path.join(probeDir, 'probe.jsonl');
  try {
    const store = await target.store();
    const org = await createScaledOrg(store, shape);
    const bulk = await target.bulk();
    const t0 = Date.now();
    let written;
    try {
      written = await fillRegion(bulk, org.units, shape.years, prng(1_500), ctx.log);
    } finally {
      await bulk.close();
    }
    const writeS = (Date.now() - t0) / 1000;
    // SQLite's GROUP BYs run on a worker thread: on this thread their seconds held up the push
    // load's tablets (a push then timed out on the bench's side, not the server's).
    const raw = target.sqliteFile !== null ? queriesOffThread(await target.raw(), target.sqliteFile) : await target.raw();
    try {
      if (dialect === 'postgres') await raw.query('analyze');
      ctx.log(`${dialect} ${shapeText(shape)}: ${written.rows.toLocaleString('en-US')} rows (+ as many changes) in ${writeS.toFixed(0)} s; building facts`);
      const t1 = Date.now();
      await buildFacts(store, ctx.log);
      await store.close();
      const factsS = (Date.now() - t1) / 1000;
      ctx.log(`${dialect}: facts built in ${factsS.toFixed(0)} s`);
      if (dialect === 'postgres') {
        // The state a region's database is in when people use it, not the minutes after millions of
        // rows were written in bulk: vacuumed (hint bits and visibility map set) and analysed, as
        // autovacuum leaves it. This machine's PostgreSQL runs without autovacuum; never vacuumed,
        // the first reads of each fact page set its hint bits, and the region's reports ran
        // ~1.3–1.5× slower than on the same database vacuumed (no load, medians of 4 per route).
        const t2 = Date.now();
        const tables = await raw.query<{ tablename: string }>('select tablename from pg_tables where schemaname = current_schema()');
        await raw.query(`vacuum (analyze) ${tables.map((t) => `"${t.tablename}"`).join(', ')}`);
        await raw.query('checkpoint');
        ctx.log(`${dialect}: vacuumed and analysed in ${((Date.now() - t2) / 1000).toFixed(0)} s`);
      }

      const server = await startOn(target, { SEED_DEMO: 'false', RATE_LIMIT_PER_IP: '1000000', BENCH_PROBE_FILE: probeFile, STATIC_DIR: ui.dist });
      try {
        const loadChef = await loginToken(server.url, org.accounts.load, PASSWORD);
        const tablets: Tablet[] = [];
        for (const unitId of org.loadUnits) tablets.push(await enrolTablet(server.url, loadChef, unitId));
        const month = written.months.at(-1) as string;
        const year = month.slice(0, 4);
        const monthRange = [`${month}-01`, `${month}-31`] as const;
        const yearRange = [`${year}-01-01`, `${year}-12-31`] as const;
        // A p95 of 5 samples is their largest (linear ranks: 0.8 of the 5th, 0.2 of the 4th): one
        // push burst or collection decided it. 20 give a p95 between the 19th and 20th, and p50 and
        // max stay in the figures' detail. A route sample is ~0.1–0.4 s: ~1 min more for 1,500 units.
        // The GROUP BYs as many samples as the routes, or fewer once a figure's have taken
        // GROUP_BUDGET_MS (at least 3; the last one may end past it): a p95 of 3 samples is about
        // their largest, an estimate of a lower quantile than the route's p95 of 20 (the expected
        // largest of 3 is about the 75th percentile), so each figure was held against a GROUP BY's
        // p95 that tended low. A roll-up's GROUP BY (~0.2–0.7 s) takes 20 samples; a report's over
        // the raw year (~5–13 s) 3 to 6. The figure's limit says how many ("GROUP BY p95 of N").
        const routeN = ctx.quick ? 2 : 20;
        const groupN = ctx.quick ? 1 : routeN;
        const load = startPushLoad(server.url, tablets, PUSHES_PER_S);
        const interleaved = process.env.BENCH_INTERLEAVED === '1';
        const times: Times = new Map();
        let jobs: Job[] = [];
        const spans: Span[] = [];
        let errors = 0;
        // Warm-up: each route once (the server loads some modules on first use; tsx compiles them then),
        // each report in the periods the samples ask for. It asked for the month's report and CSV
        // only, so a fresh server's first year report ran inside the stall's window. On the 1,500-unit
        // region (PostgreSQL, a harness outside the bench, 4 fresh servers each way) that report's
        // scavenges took up to 19–46 ms and its worst tick was 31–51 ms; with a year report asked
        // for first, 25–30 ms. In a bench run (7 December) the window's only stall over 50 ms came
        // 0.1 s in, where the first year report is asked for: a 52 ms scavenge.
        // The samples' routes, named once for the warm-up and the jobs below.
        const reportRoute = (period: string) => `/api/indicators/report?rootId=${REGION_ID}&period=${period}&form=packed`;
        const csvRoute = `/api/export/indicators.csv?rootId=${REGION_ID}&period=${year}`;
        const warm = await loginToken(server.url, org.accounts.region, PASSWORD);
        for (const r of [reportRoute(month), reportRoute(year), csvRoute, ...BOARDS.map((b) => b.route(REGION_ID, month)), `/api/sync/pull?cursor=0&protocolVersion=${PROTOCOL_VERSION}`, `/api/sync/facts?cursor=0&protocolVersion=${PROTOCOL_VERSION}`]) {
          await getText(server.url, r, warm);
        }
        await new Promise((r) => setTimeout(r, 1_000));
        const reportsFrom = Date.now();
        const count = async <T>(p: Promise<T>): Promise<T> => {
          try {
            return await p;
          } catch (e) {
            errors += 1;
            throw e;
          }
        };
        try {
          const token = await loginToken(server.url, org.accounts.region, PASSWORD);
          // As the app asks for it: the packed form, expanded (indicators-api.ts; like the other routes, not schema-checked here).
          const report = (period: string) => async () =>
            reportFigures(expandPackedReport(await count(getJson<PackedIndicatorReport>(server.url, reportRoute(period), token))));
          const rawFigures = (range: readonly [string, string]) => () => rawIndicatorFigures(raw, org.regionPath, range[0], range[1]);
          jobs = [
            job('reportMonth', `report ${month}`, report(month), rawFigures(monthRange), figureDifferences),
            job('reportYear', `report ${year}`, report(year), rawFigures(yearRange), figureDifferences),
          ];
          // The CSV's BHK line is found by the definition's name, from the year's report in the
          // form the app asks for, as the samples are. It was the full form (cells as objects, ~4×
          // the text, ~0.6 s on PostgreSQL), asked for once inside the stall's window and measured
          // nowhere else; in one run the window's longest stall (63 ms) fell during it.
          const bhkName = (await count(getJson<PackedIndicatorReport>(server.url, reportRoute(year), token))).defs.find((d) => d.key === 'bhkTotal')?.name.sv;
          const csvN = async (): Promise<RawFigures> => {
            const csv = await count(getText(server.url, csvRoute, token));
            const line = csv.split('\r\n').find((l) => l.startsWith('Region Bench;') && l.split(';')[2] === bhkName);
            if (line === undefined) throw new Error(`the CSV has no line for the region's ${bhkName}`);
            return { bhkN: Number(line.split(';')[8]), bhkOk: 0, green: 0, filled: 0, harm: 0, sick: 0, planned: 0, waitNum: 0, waitDen: 0, waitK: 0, hired: 0 };
          };
          jobs.push(job('csvYear', `CSV ${year}`, csvN, rawFigures(yearRange), (r, g) => (r.bhkN === g.bhkN ? [] : [`n ${r.bhkN} ≠ ${g.bhkN}`])));
          for (const board of BOARDS) {
            const viaRoute = async () => board.fromRoute(await count(getJson(server.url, board.route(REGION_ID, month), token)), REGION_ID) ?? {};
            jobs.push(job(`rollup.${board.key}`, `${board.label} ${month}`, viaRoute, () => groupBy(raw, board.key, org.regionPath, month), (r, g) => board.compare.filter((k) => r[k] !== g[k]).map((k) => `${k} ${r[k]} ≠ ${g[k]}`)));
          }
          // The warm-up rounds (WARM_ROUNDS): under the load and inside the stall's window, their
          // answers compared with the GROUP BY's like the samples', their times kept apart.
          const rounds = ctx.quick ? 0 : WARM_ROUNDS;
          ctx.log(`${dialect}: the region's routes, ${rounds} rounds to warm up`);
          for (let w = 0; w < rounds; w++) {
            for (const j of jobs) {
              const s = performance.now();
              const from = Date.now();
              await j.route();
              const t = times.get(j) ?? { route: [], 'GROUP BY': [] };
              (t.warmUp ??= []).push(performance.now() - s);
              times.set(j, t);
              spans.push({ what: `${j.what} (warm-up)`, by: 'route', from, to: Date.now() });
            }
          }
          ctx.log(`${dialect}: the region's routes (report month ${month} and year ${year}, CSV ${year}, roll-ups ${month})${interleaved ? ' and their GROUP BYs in turns' : ''}`);
          await runSamples(jobs, interleaved ? 'both' : 'route', routeN, groupN, times, spans, ctx.log);
        } catch (e) {
          await load.stop();
          throw e;
        }
        const reportsTo = Date.now();
        const syncs: Record<string, SyncFigures> = {};
        const syncing = (async () => {
          ctx.log(`${dialect}: first syncs`);
          syncs.division = await count(firstSync(server.url, await loginToken(server.url, org.accounts.division, PASSWORD)));
          const regionToken = await loginToken(server.url, org.accounts.region, PASSWORD);
          syncs.region = await count(firstSync(server.url, regionToken));
          const tablet = await enrolTablet(server.url, regionToken, org.units[0] as string);
          syncs.tablet = await count(firstSync(server.url, tablet.token));
        })();
        const settled = await syncing.then(() => null, (e: unknown) => e);
        // The load goes on a while after the last answer: what the routes left behind is collected
        // then (V8 shrinks a heap once its allocation slows), and the tablets' pushes wait behind
        // that as behind any request.
        const tailMs = ctx.quick ? 0 : QUIET_TAIL_MS;
        await new Promise((r) => setTimeout(r, tailMs));
        const pushLoad = await load.stop();
        if (settled !== null) throw settled;
        const syncsTo = Date.now();
        // The reference: each figure's GROUP BY over the raw rows, after the push load (runSamples).
        if (!interleaved) {
          // Past the stall window's last probe interval (stallIn takes intervals ending up to 300 ms after it).
          await new Promise((r) => setTimeout(r, 500));
          ctx.log(`${dialect}: the GROUP BYs over the raw rows`);
          await runSamples(jobs, 'GROUP BY', routeN, groupN, times, spans, ctx.log);
        }
        const timed = timedOf(jobs, times);
        const probe = readProbe(probeFile);
        for (const p of probe) {
          if (stallOf(p) <= STALL_TARGET_MS || p.t < reportsFrom) continue;
          const span = spanAt(spans, p.t);
          const during = span !== undefined ? `${span.what}, ${span.by}` : p.t > reportsTo ? 'first syncs or the load after them' : 'between samples';
          const gc = p.gcMs !== undefined && p.gcMs >= 1 ? `; longest collection ${p.gcMs.toFixed(0)} ms (${GC_KINDS[p.gcKind ?? 0] ?? `kind ${p.gcKind}`})` : '';
          const split = p.late !== undefined && p.late.lateMs >= stallOf(p) - 5 ? `; ${splitText(p.late)}` : '';
          ctx.log(`  stall ${stallOf(p).toFixed(0)} ms at ${p.t} +${((p.t - reportsFrom) / 1000).toFixed(1)} s, during ${during}${gc}${split}`);
        }
        // The probe's interval (250 ms) that ends inside a GROUP BY sample may hold a stall of it.
        const outsideGroupBys = probe.filter((p) => spanAt(spans, p.t)?.by !== 'GROUP BY');
        const pushErrors = Object.values(pushLoad.errors).reduce((a, b) => a + b, 0);
        // The same first syncs in the app (after the stall's window: the page shares the machine).
        const app: Record<string, BrowserSync> = {};
        for (const who of ['division', 'region'] as const) {
          ctx.log(`${dialect}: ${who} manager's first sync in Chromium`);
          try {
            app[who] = await browserFirstSync(ui.browser, server.url, { username: org.accounts[who], password: PASSWORD }, syncs[who]?.factCursor ?? 0, APP_SYNC_TIMEOUT_MS);
          } catch (e) {
            errors += 1;
            ctx.log(`  ${who}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        return {
          shape,
          written: written.byEntity,
          writeS,
          factsS,
          timed,
          syncs,
          app,
          stallReportsMs: stallIn(probe, reportsFrom, reportsTo),
          stallSyncsMs: stallIn(probe, reportsTo, syncsTo),
          stallOutsideGroupBysMs: stallIn(outsideGroupBys, reportsFrom, syncsTo),
          tailS: tailMs / 1000,
          stallSplit: splitOf(within(probe, reportsFrom, syncsTo)),
          peakRssMb: probe.reduce((m, p) => Math.max(m, p.maxRss), 0) / 1024 / 1024,
          pushLoad: { pushes: pushLoad.pushes, skipped: pushLoad.skipped, errors: pushLoad.errors, p50: round(pushLoad.latency.p50), p99: round(pushLoad.latency.p99) },
          errors: errors + pushErrors,
        };
      } finally {
        await server.stop();
      }
    } finally {
      await raw.close();
    }
  } finally {
    await target.dispose();
    // BENCH_PROBE_KEEP=FILE keeps the server's probe lines (with BENCH_SQL_SLOW, the slow statements) to find a stall.
    const keep = process.env.BENCH_PROBE_KEEP;
    if (keep && fs.existsSync(probeFile)) fs.copyFileSync(probeFile, `${keep}.${dialect}.jsonl`);
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}

const LABELS: Record<string, string> = {
  reportMonth: 'indicator report, region month',
  reportYear: 'indicator report, region year',
  csvYear: 'indicators CSV, region year',
  'rollup.bhk': 'BHK roll-up, region month',
  'rollup.safety': 'Gröna korset roll-up, region month',
  'rollup.staffing': 'staffing roll-up, region month',
};

function figuresOf(r: ShapeResult, dialect: DialectName): Figure[] {
  const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const k = `region.${dialect}.${shapeKey(r.shape)}`;
  const out: Figure[] = [];
  for (const [key, t] of Object.entries(r.timed)) {
    const label = `${LABELS[key] ?? key}, ${name} p95`;
    out.push(
      compared({ item: 8, key: `${k}.${key}.p95`, label, value: t.route.p95, unit: 'ms', detail: { samples: t.samples, p50: round(t.route.p50), max: round(t.route.max), groupSamples: t.groupSamples, groupP50: round(t.group.p50), warmUp: t.warmUp } }, { label: `GROUP BY p95 of ${t.groupSamples}`, value: t.group.p95, unit: 'ms' }, { op: '≤', value: 1 }),
      compared({ item: 8, key: `${k}.${key}.p95abs`, label, value: t.route.p95, unit: 'ms' }, { label: 'target', value: P95_TARGET_MS, unit: 'ms' }, { op: '≤', value: 1 }),
    );
  }
  const sync = (who: string, s: SyncFigures | undefined, target: boolean) => {
    if (s === undefined) return;
    const base = `${k}.sync.${who}`;
    const what = `${who === 'tablet' ? 'unit tablet' : `${who} manager`} first sync, ${name}`;
    if (target) {
      out.push(
        compared({ item: 8, key: `${base}.bytes`, label: `${what}: ${s.rows.toLocaleString('en-US')} rows, ${fmt(s.jsonBytes / 1024 / 1024)} MB JSON`, value: s.bytes / 1024 / 1024, unit: 'MB', detail: { ...s } }, { label: 'target', value: SYNC_BYTES_TARGET / 1024 / 1024, unit: 'MB' }, { op: '≤', value: 1 }),
        compared({ item: 8, key: `${base}.seconds`, label: `${what}: ${s.requests} requests`, value: s.seconds, unit: 's' }, { label: 'target', value: SYNC_SECONDS_TARGET, unit: 's' }, { op: '≤', value: 1 }),
      );
    } else {
      out.push({ item: 8, key: `${base}.bytes`, label: `${what}: ${s.rows.toLocaleString('en-US')} rows, ${fmt(s.jsonBytes / 1024 / 1024)} MB JSON, ${fmt(s.seconds, 's')}`, value: s.bytes / 1024 / 1024, unit: 'MB', verdict: 'no target', detail: { ...s } });
    }
  };
  sync('division', r.syncs.division, false);
  sync('region', r.syncs.region, true);
  sync('tablet', r.syncs.tablet, false);
  for (const who of ['division', 'region'] as const) {
    const a = r.app[who];
    if (a === undefined) continue;
    const what = `${who} manager's first sync in the app (Chromium, phone), ${name}`;
    const detail = { ...a };
    if (who === 'region') {
      out.push(compared({ item: 8, key: `${k}.sync.${who}.app.seconds`, label: `${what}: ${a.blocks.toLocaleString('en-US')} fact blocks`, value: a.seconds, unit: 's', detail }, { label: 'target', value: SYNC_SECONDS_TARGET, unit: 's' }, { op: '≤', value: 1 }));
    } else {
      out.push({ item: 8, key: `${k}.sync.${who}.app.seconds`, label: `${what}: ${a.blocks.toLocaleString('en-US')} fact blocks`, value: a.seconds, unit: 's', verdict: 'no target', detail });
    }
    out.push({ item: 8, key: `${k}.sync.${who}.app.idb`, label: `IndexedDB after the ${who} manager's first sync, ${name} (origin in all ${fmt(a.usageBytes / 1024 / 1024)} MB)`, value: (a.idbBytes ?? a.usageBytes) / 1024 / 1024, unit: 'MB', verdict: 'no target', detail });
  }
  out.push(
    { item: 8, key: `${k}.rss`, label: `peak server RSS, ${name}`, value: r.peakRssMb, unit: 'MB', verdict: 'no target' },
    compared({ item: 8, key: `${k}.stall`, label: `longest event-loop stall under ${PUSHES_PER_S} pushes/s (routes, first syncs, ${r.tailS} s after), ${name}`, value: Math.max(r.stallReportsMs, r.stallSyncsMs), unit: 'ms', detail: { reports: round(r.stallReportsMs), syncs: round(r.stallSyncsMs), outsideGroupBys: round(r.stallOutsideGroupBysMs), ...(r.stallSplit !== null ? { split: gapDetail(r.stallSplit) } : {}) } }, { label: 'target', value: STALL_TARGET_MS, unit: 'ms' }, { op: '≤', value: 1 }),
    { item: 8, key: `${k}.errors`, label: `errors (routes, syncs, ${r.pushLoad.pushes} pushes), ${name}`, value: r.errors, unit: '', verdict: r.errors === 0 ? 'met' : 'MISSED', target: '0' },
  );
  return out;
}

/** A late tick's gap, split (ms): the main thread on a CPU, waiting on the run queue (for a core the server's other threads or other processes had), and neither (asleep: on a lock, the garbage collector's helper threads, a read). */
const gapDetail = (g: Gap) => ({ gapMs: round(g.lateMs + 10), runMs: round(g.runMs), waitMs: round(g.waitMs), asleepMs: round(Math.max(0, g.lateMs + 10 - g.runMs - g.waitMs)) });
const splitText = (g: Gap) => {
  const d = gapDetail(g);
  return `in the late tick's ${fmt(d.gapMs)} ms the main thread ran ${fmt(d.runMs)} ms, waited ${fmt(d.waitMs)} ms for a core and slept ${fmt(d.asleepMs)} ms`;
};
/** The window's latest tick (the probe's timer), whose gap the split describes. */
const splitOf = (probe: readonly Probe[]): Gap | null => probe.reduce<Gap | null>((m, p) => (p.late !== undefined && p.late.lateMs > (m?.lateMs ?? -1) ? p.late : m), null);

/** One line per shape: the growth law of every figure (p95 ms, sync MB/s, RSS, stall). */
function growthLine(r: ShapeResult, dialect: DialectName): string {
  const t = (key: string) => (r.timed[key] ? `${fmt(r.timed[key].route.p95)} (GB ${fmt(r.timed[key].group.p95)})` : '–');
  const s = (who: string) => (r.syncs[who] ? `${fmt(r.syncs[who].bytes / 1024 / 1024)} MB/${fmt(r.syncs[who].seconds)} s` : '–');
  const a = (who: string) => (r.app[who] ? `${fmt(r.app[who].seconds)} s, IndexedDB ${fmt((r.app[who].idbBytes ?? r.app[who].usageBytes) / 1024 / 1024)} MB` : '–');
  const rows = Object.values(r.written).reduce((a, b) => a + b, 0);
  return (
    `Item 8 growth, ${dialect}, ${shapeText(r.shape)} (${rows.toLocaleString('en-US')} rows; written in ${fmt(r.writeS)} s, facts built in ${fmt(r.factsS)} s): ` +
    `report month ${t('reportMonth')}, year ${t('reportYear')}, CSV year ${t('csvYear')}, BHK ${t('rollup.bhk')}, Gröna korset ${t('rollup.safety')}, staffing ${t('rollup.staffing')} ms p95; ` +
    `first sync division ${s('division')}, region ${s('region')}, tablet ${s('tablet')}; in the app division ${a('division')}, region ${a('region')}; RSS ${fmt(r.peakRssMb)} MB; stall ${fmt(Math.max(r.stallReportsMs, r.stallSyncsMs))} ms${r.stallSplit !== null ? ` (${splitText(r.stallSplit)})` : ''}; errors ${r.errors}.`
  );
}

export const regionSection: Section = {
  name: 'region on facts',
  items: [8],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const shapes = regionShapes(ctx.quick);
    const dialects = (process.env.BENCH_REGION_DB?.split(',') ?? ['sqlite', 'postgres']) as DialectName[];
    const figures: Figure[] = [];
    const notes: string[] = [];
    const data: Record<string, unknown> = {};
    // The app as `npm run build` builds it, served by the region's server to a real Chromium.
    const dist = await buildApp();
    const browser = await launchChromium();
    try {
      for (const dialect of dialects) {
        for (const [i, shape] of shapes.entries()) {
          ctx.log(`— region ${dialect}, ${shapeText(shape)}`);
          const r = await regionOn(dialect, shape, ctx, { browser, dist });
          data[`${dialect}.${shapeKey(shape)}`] = {
            ...r,
            timed: Object.fromEntries(Object.entries(r.timed).map(([k, t]) => [k, { samples: t.samples, route: roundSummary(t.route), groupBy: roundSummary(t.group) }])),
          };
          if (i === shapes.length - 1) figures.push(...figuresOf(r, dialect));
          notes.push(growthLine(r, dialect));
          ctx.log(growthLine(r, dialect));
          // BENCH_REGION_PARTIAL=FILE: each shape's figures as soon as it is measured (a long run cut short keeps them).
          const partial = process.env.BENCH_REGION_PARTIAL;
          if (partial) fs.appendFileSync(partial, `${JSON.stringify({ dialect, shape, figures: figuresOf(r, dialect), note: growthLine(r, dialect), data: data[`${dialect}.${shapeKey(shape)}`] })}\n`);
        }
      }
    } finally {
      await browser.close();
    }
    const last = shapes.at(-1) as Shape;
    notes.unshift(
      `Item 8: ${shapeText(last)} per database: ~20 BHK observations a unit-month, a Gröna korset day per unit-day and ~2 events a unit-month, 3 staffing shifts a unit-day, two reported values a unit-month (from 2026-12-07), written in bulk into rows and changes, facts built by the server's own build. ` +
        `Each route (region root, the region manager's token, over HTTP) runs 20 times (until 2026-12-06 5 times, whose p95 was about their largest), every route before the hand-written GROUP BYs over the raw rows (as many times as the route, or fewer once a figure's have taken 30 s, at least 3: each limit says how many; until 2026-12-06 3 times each, a p95 of 3 being about their largest and so a lower quantile than the route's; a region in service never scans its raw rows, and in turns their scans pushed the fact tables out of PostgreSQL's shared buffers: BENCH_INTERLEAVED=1 runs them so); their numbers agree on every sample or the section fails. Before its samples each route runs ${WARM_ROUNDS} rounds to warm up, under the load and inside the stall's window, their times in the figure's detail (warmUp) and not among the samples (from 2026-12-07; before, one request each, and the first figure measured, the month report, took its p95 from its first samples: a fresh server's 2nd–6th answers were up to ~1.7× its later ones' median). Before the stall's window each route is asked once, each report in the periods its samples ask for (until 2026-12-07 the month's report and CSV only, so a fresh server's first year report ran inside the window). The server runs in a session of its own, as a service does (from 2026-12-07; before, in the bench's, whose CPU share under Linux's autogroup scheduling it shared with the load generator and the browser, while each PostgreSQL backend has a session of its own). ` +
        `Month = last full month; year = the year of the last month (in progress in December). Meanwhile 20 tablets of a unit outside the region push one observation each, ${PUSHES_PER_S}/s in all; ` +
"the stall is the longest event-loop delay in the server (monitorEventLoopDelay and a 10 ms timer, preloaded by the bench) while the routes and the first syncs run under that load and for 45 s after them (what they left is collected then); its detail splits the latest tick's gap by the main thread's schedstat into time on a core, waiting for one (the server's other threads or other processes had it) and asleep. From 2026-12-06 (sixth session) the GROUP BYs run after the push load has stopped: before, they ran under it and inside the stall's window, where their scans of the raw rows took both of the machine's cores (PostgreSQL's parallel workers, SQLite's worker thread in the bench) and the server's event loop waited for a core. " +
        'First syncs as the app does them: the change feed, then the fact feed in facts mode; bytes are as sent (the feed pages gzipped, as to a browser), beside the JSON they hold. ' +
        "Then the division and region managers' first syncs in the app itself (the production build, Debian's Chromium, a 390×844 phone page, after the push load): seconds from 'Logga in' until the device's fact cursor reaches the feed's head and the bar says 'Allt synkat', and IndexedDB's size then (navigator.storage.estimate()).",
    );
    return { figures, data, notes };
  },
};
