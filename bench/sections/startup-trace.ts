/**
 * Item 7's breakdown of one cold open (issue 19): where the time between the tap and the first
 * figure goes. The page runs under the CDP Profiler (sampling every 200 µs) with IndexedDB calls
 * recorded by an init script; the result is written to bench/results/startup-trace.json:
 * script self time per chunk and per function, the IndexedDB requests in order (which store and
 * index, when), the chunks as the page fetched them from the service worker, and the marks
 * (first contentful paint, first figure).
 */
import type { BrowserContext } from 'playwright-core';

/** Wraps IndexedDB's request-making methods to log {t, op, store, index} into window.__benchIdb. */
export const WATCH_IDB = `
  (() => {
    const log = (window.__benchIdb = []);
    const wrap = (proto, kind, names) => {
      for (const name of names) {
        const orig = proto[name];
        if (typeof orig !== 'function') continue;
        proto[name] = function (...args) {
          const store = kind === 'index' ? this.objectStore.name : this.name;
          log.push({ t: Math.round(performance.now() * 10) / 10, op: name, store, index: kind === 'index' ? this.name : undefined });
          return orig.apply(this, args);
        };
      }
    };
    const ops = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
    wrap(IDBObjectStore.prototype, 'store', [...ops, 'put', 'add', 'delete', 'clear']);
    wrap(IDBIndex.prototype, 'index', ops);
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      log.push({ t: Math.round(performance.now() * 10) / 10, op: 'open', store: String(args[0]) });
      return open.apply(this, args);
    };
    const tx = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      log.push({ t: Math.round(performance.now() * 10) / 10, op: 'transaction', store: [].concat(args[0]).join(',') });
      return tx.apply(this, args);
    };
  })();
`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '') || '(native)';

/** Self time per script and per function from a sampled profile, in ms, largest first. */
export function breakdown(profile: Profile): { byScript: { script: string; ms: number }[]; byFunction: { fn: string; script: string; ms: number }[] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, { fn: string; script: string; ms: number }>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined) return;
    const script = frame.url === '' ? `(${frame.functionName || 'native'})` : short(frame.url);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const key = `${frame.functionName}@${script}:${frame.lineNumber}`;
    const f = byFunction.get(key) ?? { fn: frame.functionName || '(anonymous)', script: `${script}:${frame.lineNumber + 1}`, ms: 0 };
    f.ms += ms;
    byFunction.set(key, f);
  });
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    byScript: [...byScript].map(([script, ms]) => ({ script, ms: round(ms) })).sort((a, b) => b.ms - a.ms),
    byFunction: [...byFunction.values()].map((f) => ({ ...f, ms: round(f.ms) })).sort((a, b) => b.ms - a.ms).slice(0, 40),
  };
}

/** One cold open of `hash` under the profiler at `throttle`× CPU; the page must set __benchBoardAt. */
export async function traceOpen(context: BrowserContext, url: string, hash: string, throttle: number): Promise<Record<string, unknown>> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(`${url}/${hash}`, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__benchBoardAt !== undefined, undefined, { timeout: 60_000 });
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const marks = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        firstFigureMs: window.__benchBoardAt as number,
        fcpMs: fcp ? fcp.startTime : null,
        chunks: res.map((r) => ({ name: r.name.replace(location.origin, ''), startMs: Math.round(r.startTime), endMs: Math.round(r.responseEnd) })),
        idb: ((window as unknown as { __benchIdb?: unknown[] }).__benchIdb ?? []).filter((e) => (e as { t: number }).t <= (window.__benchBoardAt as number)),
      };
    });
    const { byScript, byFunction } = breakdown(profile);
    return { screen: hash, throttle, ...marks, idbRequestsBeforeFigure: marks.idb.length, scriptSelfMs: byScript, topFunctionsSelfMs: byFunction };
  } finally {
    await page.close();
  }
}
