/**
 * `npm run bench`: measures Pulstavlan against the limits of its own stack (issue 8). Each
 * figure is measured beside its limit in the same run and reported as a ratio, so the verdict
 * holds on a noisy machine. Prints a table on stdout and writes JSON.
 *
 *   npm run bench                  full run (~8 min on 2 cores), writes bench/results/latest.json
 *   npm run bench -- --quick       smoke run with short durations; writes to the temp dir
 *   npm run bench -- --only=3,5    only the sections covering these items; writes to the temp dir
 *   npm run bench -- --out=FILE    write the JSON here instead
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
import { sizeSection } from './sections/size';
import { startupSection } from './sections/startup';

const SECTIONS: Section[] = [sizeSection, browserSection, ingestSection, rollupSection, loadSection, startupSection];

/** The whole run may not take longer than this, whatever happens inside. */
const WATCHDOG_MS = 25 * 60_000;

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').map(Number);
  const out = argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  return { quick, only, out };
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
  const partial = args.quick || args.only !== undefined;
  const report = {
    bench: 'pulstavlan',
    date: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    items: args.only ?? [1, 2, 3, 4, 5, 6, 7],
    durationS: Math.round((Date.now() - started) / 1000),
    machine,
    figures,
    notes,
    sections: results,
  };
  const out = args.out ?? (partial ? path.join(os.tmpdir(), 'pulstavlan-bench.json') : path.join(ROOT, 'bench/results/latest.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  if (!partial && !args.out) writeResultsReadme(report);

  process.stdout.write(`\nPulstavlan bench (${report.mode}) on ${machineLine(machine)}\n\n${table(figures)}\n\n`);
  for (const n of notes) process.stdout.write(`- ${n}\n`);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out) || out}\n`);
  clearTimeout(watchdog);
  const failed = Object.values(results).some((r) => 'error' in r);
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
