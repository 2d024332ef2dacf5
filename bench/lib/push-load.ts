/**
 * A steady background of tablet pushes (the "20 pushes/s") while other requests are
 * measured: every 1/rate s the next tablet pushes one new observation dated today. A tablet whose
 * previous push has not answered yet is skipped (its seqs must arrive in order) and counted.
 */
import { localDate } from '../../src/shared/domain/periods';
import { push, type Tablet, write } from './api';
import { observation, prng } from './gen';
import { type Summary, summarise } from './stats';

export interface PushLoadResult {
  pushes: number;
  skipped: number;
  errors: Record<string, number>;
  latency: Summary;
  seconds: number;
}

export function startPushLoad(url: string, tablets: readonly Tablet[], perSecond: number): { stop(): Promise<PushLoadResult> } {
  const rand = prng(17);
  const busy = new Set<Tablet>();
  const inFlight = new Set<Promise<void>>();
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let skipped = 0;
  let next = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const t = tablets[next++ % tablets.length] as Tablet;
    if (busy.has(t)) {
      skipped += 1;
      return;
    }
    busy.add(t);
    write(t, 'bhkObservation', { ...observation(rand, t.unitId, localDate(Date.now())) });
    const t0 = performance.now();
    const p = push(url, t, 50, 10_000).then(
      () => void latencies.push(performance.now() - t0),
      (e: unknown) => {
        const name = e instanceof Error ? e.message.slice(0, 60) : 'error';
        errors[name] = (errors[name] ?? 0) + 1;
      },
    );
    const tracked = p.finally(() => {
      busy.delete(t);
      inFlight.delete(tracked);
    });
    inFlight.add(tracked);
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return { pushes: latencies.length, skipped, errors, latency: summarise(latencies), seconds: (performance.now() - started) / 1000 };
    },
  };
}
