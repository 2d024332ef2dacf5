/**
 * When to sync: at start, when the browser comes back online, when the tab becomes visible,
 * every minute, and after a failure with exponential backoff and jitter. `run` errors are
 * swallowed here (the engine has recorded them as lastError); nothing escapes the scheduler.
 */
import { AppError } from '../../shared/errors';

export interface SchedulerOptions {
  readonly run: () => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
  /** Poll period: the backstop for missed events (docs/sync.md §1.2 "every 60 s"). */
  readonly intervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
}

export interface Scheduler {
  /** Runs now, whatever the backoff says, and starts the backoff over. */
  syncNow(): Promise<void>;
  /** Another tab synced successfully: the server is reachable, stop waiting. */
  resetBackoff(): void;
  start(): void;
  stop(): void;
}

export const SYNC_INTERVAL_MS = 60_000;
/** First retry after ~2 s catches a blip; the 5 min cap keeps a ward's tablets from hammering a
 * server that is down, and bounds how stale a tablet gets once it is back. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Delay before retry number `failures` (1-based): exponential, capped, "equal jitter" so that
 * tablets failing together spread out yet none retries almost at once. */
export function backoffDelay(failures: number, random: () => number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const intervalMs = opts.intervalMs ?? SYNC_INTERVAL_MS;
  let failures = 0;
  let notBefore = 0;
  let started = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let intervalTimer: ReturnType<typeof setInterval> | undefined;

  async function trigger(force: boolean): Promise<void> {
    if (!force && opts.now() < notBefore) return;
    try {
      await opts.run();
      failures = 0;
      notBefore = 0;
      clearTimeout(retryTimer); // a retry for an earlier failure is moot now
    } catch (error) {
      failures++;
      const retryAfter = error instanceof AppError && typeof error.meta?.retryAfterMs === 'number' ? error.meta.retryAfterMs : 0;
      const delay = Math.max(backoffDelay(failures, opts.random, opts.backoffBaseMs, opts.backoffCapMs), retryAfter);
      notBefore = opts.now() + delay;
      if (started) {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void trigger(false), delay);
      }
    }
  }

  const onOnline = (): void => {
    // The likely cause of the failures is gone; do not make the user wait out the backoff.
    failures = 0;
    notBefore = 0;
    void trigger(true);
  };
  const onVisible = (): void => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') void trigger(false);
  };

  return {
    syncNow() {
      failures = 0;
      notBefore = 0;
      return trigger(true);
    },
    resetBackoff() {
      failures = 0;
      notBefore = 0;
    },
    start() {
      if (started) return;
      started = true;
      if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
      intervalTimer = setInterval(() => void trigger(false), intervalMs);
      void trigger(false);
    },
    stop() {
      if (!started) return;
      started = false;
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
      clearInterval(intervalTimer);
      clearTimeout(retryTimer);
      intervalTimer = undefined;
      retryTimer = undefined;
    },
  };
}
