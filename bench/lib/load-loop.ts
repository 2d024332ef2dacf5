/**
 * An open-loop load generator: requests are sent at their scheduled times whether or not earlier
 * ones have answered, so a slow server shows up as latency instead of as fewer requests
 * (no coordinated omission). Bounded: nothing is scheduled after `durationMs`, every request
 * has its own timeout, and the loop returns once the last one settled.
 */
import { HttpError } from './api';
import { sleep } from './proc';

export interface Shot {
  /** Milliseconds after the start at which to send. */
  at: number;
  kind: string;
  send(): Promise<unknown>;
}

export interface KindResult {
  latencies: number[];
  errors: Record<string, number>;
  /** How late the client sent, at worst (ms): a busy client would distort the figures. */
  maxLateMs: number;
}

const errorName = (e: unknown): string => {
  if (e instanceof HttpError) return `http-${e.status}`;
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'timeout';
  return e instanceof Error ? e.message.slice(0, 80) : 'error';
};

export async function runOpenLoop(shots: readonly Shot[], durationMs: number, settleMs: number): Promise<Record<string, KindResult>> {
  const plan = shots.filter((s) => s.at < durationMs).sort((a, b) => a.at - b.at);
  const results: Record<string, KindResult> = {};
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  for (const shot of plan) {
    const wait = shot.at - (performance.now() - start);
    if (wait > 1) await sleep(wait);
    const r = (results[shot.kind] ??= { latencies: [], errors: {}, maxLateMs: 0 });
    r.maxLateMs = Math.max(r.maxLateMs, performance.now() - start - shot.at);
    const t0 = performance.now();
    const p = shot.send().then(
      () => void r.latencies.push(performance.now() - t0),
      (e: unknown) => {
        const name = errorName(e);
        r.errors[name] = (r.errors[name] ?? 0) + 1;
      },
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  // Every request carries its own timeout; this bound only guards against a hung socket.
  await Promise.race([Promise.all([...inFlight]), sleep(settleMs)]);
  return results;
}
