/**
 * Preloaded into the server child by the bench (node --import, see proc.ts) when
 * BENCH_PROBE_FILE is set: every 250 ms it appends one JSON line with the longest event-loop
 * delay of that interval (perf_hooks.monitorEventLoopDelay, 5 ms sampling), its longest
 * garbage collection pause, the current RSS and the peak RSS so far, and (Linux) what the main
 * thread did while its event loop was held: a 10 ms timer reads the thread's schedstat (CPU time
 * and time waiting for a CPU on the run queue, the kernel's own accounting) at each tick, so the
 * gap of a late tick splits into time on a core, time waiting for one (which the server's other
 * threads, its database or other processes had) and the rest, asleep (a lock, the garbage
 * collector's helper threads, a read). The server's own code is not touched.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // The longest garbage collection pause of the interval and its kind (perf_hooks' constants
  // NODE_PERFORMANCE_GC_*: 1 scavenge, 4 mark-compact, 8 incremental marking, 16 weak callbacks),
  // so a stall can be told from a collection.
  let gc = { ms: 0, kind: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > gc.ms) gc = { ms: e.duration, kind: e.detail?.kind ?? 0 };
  }).observe({ entryTypes: ['gc'] });
  // Per interval, ms: its latest tick (how late it came beyond the 10 ms, and the main thread's CPU
  // time and run-queue wait in its gap). A tick's
  // lateness leaves out the 10 ms it was due after; the delay histogram's values are measured its own way.
  const stat = `/proc/${process.pid}/task/${process.pid}/schedstat`;
  const readStat = () => {
    try {
      const [run, wait] = fs.readFileSync(stat, 'utf8').split(' ').map(Number);
      return { run, wait };
    } catch {
      return null;
    }
  };
  const empty = () => ({ lateMs: 0, runMs: 0, waitMs: 0 });
  let late = empty();
  let prev = { at: performance.now(), stat: readStat() };
  if (prev.stat !== null) {
    setInterval(() => {
      const now = { at: performance.now(), stat: readStat() };
      if (now.stat === null || prev.stat === null) return;
      const tick = { lateMs: Math.max(0, now.at - prev.at - 10), runMs: (now.stat.run - prev.stat.run) / 1e6, waitMs: (now.stat.wait - prev.stat.wait) / 1e6 };
      if (tick.lateMs > late.lateMs) late = tick;
      prev = now;
    }, 10).unref();
  }
  const timer = setInterval(() => {
    const line = { t: Date.now(), maxMs: h.max / 1e6, gcMs: gc.ms, gcKind: gc.kind, rss: process.memoryUsage.rss(), maxRss: process.resourceUsage().maxRSS * 1024, ...(prev.stat !== null ? { late } : {}) };
    gc = { ms: 0, kind: 0 };
    late = empty();
    h.reset();
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 250);
  timer.unref();
}

/**
 * BENCH_SQL_SLOW=MS (with the probe file): every SQLite statement that holds the event loop
 * longer than MS is logged with its text, to find what a stall is.
 */
const slow = Number(process.env.BENCH_SQL_SLOW ?? 0);
if (file && slow > 0) {
  const { createRequire } = await import('node:module');
  const require = createRequire(new URL('../../package.json', import.meta.url));
  const Database = require('better-sqlite3');
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
  for (const name of ['all', 'get', 'run']) {
    const original = proto[name];
    proto[name] = function timed(...args) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - t0;
        if (ms > slow) fs.appendFileSync(file, `${JSON.stringify({ t: Date.now(), sqlMs: ms, sql: this.source.slice(0, 300) })}\n`);
      }
    };
  }
}
