/**
 * `npm run bench`: measures Pulstavlan against the limits of its own stack (issue 8). Each
 * figure is measured beside its limit in the same run and reported as a ratio, so the verdict
 * holds on a noisy machine. Prints a table on stdout and writes JSON.
 *
 *   npm run bench                  full run (~8 min on 2 cores), writes bench/results/latest.json
 *   npm run bench -- --quick       smoke run with short durations; writes to the temp dir
 *   npm run bench -- --only=3,5    only the sections covering these items; writes to the temp dir
 *   npm run bench -- --out=FILE    write the JSON here instead
 *   npm run bench -- region        only item 8 (a region on facts, ~30 min), merged into latest.json
 *   npm run bench -- --only=4 --merge   any subset, its figures replacing theirs in latest.json
 *
 * Item 8's shapes and databases can be narrowed for a trial run: BENCH_REGION_SHAPES="3x3x5:1"
 * (divisions x VOs x units : years, comma-separated; the last carries the targets) and
 * BENCH_REGION_DB=sqlite. Two such runs (say one per database, `--out=FILE` for the second) are
 * joined into latest.json with `node --import tsx bench/lib/merge-file.ts FILE`. To find what
 * holds the server's event loop: BENCH_SQL_SLOW=MS logs every SQLite statement longer than MS
 * into the probe, and BENCH_PROBE_KEEP=FILE keeps the probe as FILE.<database>.jsonl.
 * Item 8 runs every route's samples first and the GROUP BYs over the raw rows after them;
 * BENCH_INTERLEAVED=1 runs them in turns, route by route, as up to 2026-12-05 (region.ts runJobs).
 *
 * Everything runs on 127.0.0.1, every loop is bounded in count and time, and a watchdog ends
 * the process if a section hangs regardless.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './lib/app-build';
import { runAbortSteps } from './lib/cleanup';
import { describeMachine, machineLine } from './lib/machine';
import { ROOT } from './lib/proc';
import { type Figure, table } from './lib/report';
import type { BenchContext, Section, SectionResult } from './lib/section';
import { writeResultsReadme } from './lib/results';
import { browserSection } from './sections/browser';
import { ingestSection } from './sections/ingest';
import { loadSection } from './sections/load';
import { rollupSection } from './sections/rollup';
import { regionSection } from './sections/region';
import { sizeSection } from './sections/size';
import { startupSection } from './sections/startup';

const SECTIONS: Section[] = [sizeSection, browserSection, ingestSection, rollupSection, loadSection, startupSection, regionSection];
const ALL_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The whole run may not take longer than this, whatever happens inside (item 8 alone takes ~30 min). */
const WATCHDOG_MS = 90 * 60_000;

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const region = argv.includes('region');
  const only = region ? [8] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').map(Number);
  const merge = region || argv.includes('--merge');
  const out = argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  return { quick, only, out, merge };
}

interface Report {
  date: string;
  durationS: number;
  items: number[];
  figures: Figure[];
  notes: string[];
  sections: Record<string, unknown>;
  merged?: { items: number[]; date: string }[];
}

/** latest.json with this run's items replaced by this run's figures, notes and sections. */
function mergedInto(file: string, run: Report & Record<string, unknown>): Report & Record<string, unknown> {
  const old = JSON.parse(fs.readFileSync(file, 'utf8')) as Report & Record<string, unknown>;
  // A section may cover more items than asked for (the browser section measures 1, 2 and 4): all it measured replaces.
  const measured = new Set([...run.items, ...run.figures.map((f) => f.item)]);
  const mine = (item: number) => measured.has(item);
  const noteItem = (n: string) => Number(/^Items? (\d+)/.exec(n)?.[1] ?? Number.NaN);
  return {
    ...old,
    machine: run.machine,
    figures: [...old.figures.filter((f) => !mine(f.item)), ...run.figures].sort((a, b) => a.item - b.item),
    notes: [...old.notes.filter((n) => !mine(noteItem(n))), ...run.notes],
    sections: { ...old.sections, ...run.sections },
    merged: [...(old.merged ?? []), { items: run.items, date: run.date }],
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const abort = (why: string) => {
    process.stderr.write(`bench: ${why}; cleaning up and stopping.\n`);
    void runAbortSteps().finally(() => process.exit(2));
  };
  const watchdog = setTimeout(() => abort(`watchdog fired after ${WATCHDOG_MS / 60_000} min`), WATCHDOG_MS);
  watchdog.unref();
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));
  // The servers run in sessions of their own (lib/proc.ts): a closing terminal reaches only the bench.
  process.once('SIGHUP', () => abort('hung up'));

  let dist: Promise<string> | undefined;
  const ctx: BenchContext = {
    quick: args.quick,
    log: (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`),
    appDist: () => (dist ??= buildApp()),
  };
  const machine = await describeMachine();
  ctx.log(machineLine(machine));

  const sections = SECTIONS.filter((s) => !args.only || s.items.some((i) => args.only?.includes(i)));
  const results: Record<string, SectionResult | { error: string }> = {};
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const section of sections) {
    ctx.log(`— ${section.name}`);
    const t0 = Date.now();
    try {
      const r = await section.run(ctx);
      results[section.name] = r;
      figures.push(...r.figures);
      notes.push(...r.notes);
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      ctx.log(`${section.name} FAILED: ${message}`);
      results[section.name] = { error: message };
      notes.push(`${section.name}: FAILED (${message.split('\n')[0]})`);
    }
    ctx.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (dist) fs.rmSync(await dist, { recursive: true, force: true });

  figures.sort((a, b) => a.item - b.item);
  const partial = args.quick || (args.only !== undefined && !args.merge);
  const report = {
    bench: 'pulstavlan',
    date: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    items: args.only ?? ALL_ITEMS,
    durationS: Math.round((Date.now() - started) / 1000),
    machine,
    figures,
    notes,
    sections: results,
  };
  const out = args.out ?? (partial ? path.join(os.tmpdir(), 'pulstavlan-bench.json') : path.join(ROOT, 'bench/results/latest.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const failed = Object.values(results).some((r) => 'error' in r);
  const written = args.merge && !args.quick && !failed && !args.out && fs.existsSync(out) ? mergedInto(out, report) : report;
  if (args.merge && failed) ctx.log('a section failed: latest.json is left as it was');
  if (!(args.merge && failed)) fs.writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
  if (!partial && !args.out && !(args.merge && failed)) writeResultsReadme(written as typeof report);

  process.stdout.write(`\nPulstavlan bench (${report.mode}) on ${machineLine(machine)}\n\n${table(figures)}\n\n`);
  for (const n of notes) process.stdout.write(`- ${n}\n`);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out) || out}\n`);
  clearTimeout(watchdog);
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
