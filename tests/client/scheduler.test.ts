// @vitest-environment jsdom
import './helpers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS, createScheduler } from '../../src/client/sync/scheduler';
import { inProcessLock, webLock } from '../../src/client/sync/lock';
import { AppError } from '../../src/shared/errors';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('sync/scheduler', () => {
  it('backoff doubles from 2 s up to the 5 min cap, jittered within the upper half', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('start syncs at once, every interval, on online and on becoming visible; stop removes every trigger', async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createScheduler({ run, now: () => Date.now(), random: () => 0.5, intervalMs: 60_000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(3);
    setVisibility('hidden');
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(4);

    scheduler.stop();
    window.dispatchEvent(new Event('online'));
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(run).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never throws; retries after a jittered backoff, skips triggers meanwhile, and syncNow resets it', async () => {
    let fail = true;
    const run = vi.fn(async () => {
      if (fail) throw new AppError('network');
    });
    const scheduler = createScheduler({ run, now: () => Date.now(), random: () => 1, intervalMs: 60_000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1); // failure 1 → retry in 2 s
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1); // inside the backoff window
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(2); // failure 2 → retry in 4 s
    await vi.advanceTimersByTimeAsync(3_999);
    expect(run).toHaveBeenCalledTimes(2);
    fail = false;
    await expect(scheduler.syncNow()).resolves.toBeUndefined();
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3); // the retry scheduled for the old failure was cancelled
    scheduler.stop();
  });

  it('waits at least the server’s Retry-After', async () => {
    const run = vi.fn(async () => {
      throw new AppError('rate-limited', { retryAfterMs: 30_000 });
    });
    const scheduler = createScheduler({ run, now: () => Date.now(), random: () => 0, intervalMs: 600_000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });
});

describe('sync/lock', () => {
  it('the in-process lock lets one holder run and turns others away without waiting', async () => {
    let release!: () => void;
    const held = inProcessLock('l', () => new Promise<void>((r) => (release = r)));
    expect(await inProcessLock('l', async () => undefined)).toBe(false);
    expect(await inProcessLock('other', async () => undefined)).toBe(true);
    release();
    expect(await held).toBe(true);
    expect(await inProcessLock('l', async () => undefined)).toBe(true);
  });

  it('the Web Locks variant asks with ifAvailable and skips when the lock is null', async () => {
    const request = vi.fn(async (_name: string, options: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<boolean>) => {
      expect(options).toEqual({ ifAvailable: true });
      return cb(null);
    });
    const run = vi.fn(async () => undefined);
    expect(await webLock({ request })('pulstavlan-sync', run)).toBe(false);
    expect(run).not.toHaveBeenCalled();
    request.mockImplementationOnce(async (_n, _o, cb) => cb({ name: 'pulstavlan-sync' }));
    expect(await webLock({ request })('pulstavlan-sync', run)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
  });
});
