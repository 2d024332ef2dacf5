/**
 * Preloaded into the server child by the bench (node --import, see proc.ts) when
 * BENCH_PROBE_FILE is set: every 250 ms it appends one JSON line with the longest event-loop
 * delay of that interval (perf_hooks.monitorEventLoopDelay, 5 ms sampling),
 * the current RSS and the peak RSS so far. The server's own code is not touched.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const timer = setInterval(() => {
    const line = { t: Date.now(), maxMs: h.max / 1e6, rss: process.memoryUsage.rss(), maxRss: process.resourceUsage().maxRSS * 1024 };
    h.reset();
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 250);
  timer.unref();
}
