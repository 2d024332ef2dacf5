/**
 * The security log (issue 18): the store keeps it the same on SQLite and PostgreSQL, and the
 * login lock computed from it (server/auth/login-lock.ts) counts only failures in a row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES, lockRemainingMs, lockSeconds } from '../../src/server/auth/login-lock';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { SecurityEvent, Store } from '../../src/server/store/store';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (s: number, outcome: SecurityEvent['outcome'], subject = 'vochef'): SecurityEvent => ({ at: at(s), kind: 'login', actor: null, subject, address: '10.0.0.1', outcome });

describe('lockRemainingMs', () => {
  const fails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ev(from + i, 'failed'));
  it('no lock below the threshold; from it on, a lock that doubles per failure up to 15 minutes', () => {
    expect(lockRemainingMs(fails(LOCK_AFTER_FAILURES - 1), T0 + 10_000)).toBe(0);
    expect(lockRemainingMs(fails(LOCK_AFTER_FAILURES), T0 + (LOCK_AFTER_FAILURES - 1) * 1000)).toBe(lockSeconds(LOCK_AFTER_FAILURES) * 1000);
    expect([5, 6, 7, 8, 9, 10, 11, 20].map(lockSeconds)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
  it('a success starts the count again; refusals while locked neither count nor lengthen the lock', () => {
    const events = [...fails(4), ev(4, 'ok'), ...fails(4, 5)];
    expect(lockRemainingMs(events, T0 + 9_000)).toBe(0);
    const locked = [...fails(5), ev(5, 'locked'), ev(6, 'locked'), ev(7, 'locked')];
    expect(lockRemainingMs(locked, T0 + 4_000)).toBe(30_000);
  });
});

const databases: [string, () => Promise<Store>][] = [
  ['SQLite', async () => createSqliteStore(':memory:')],
  ['PostgreSQL', async () => (await assertPgReachable(), freshPgStore())],
];

describe.each(databases)('the security log on %s', (_, make) => {
  let store: Store;
  beforeAll(async () => {
    store = await make();
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('appends and lists one kind and subject, oldest first, from a moment on', async () => {
    await store.appendSecurityEvent(ev(0, 'failed'));
    await store.appendSecurityEvent(ev(1, 'failed', 'admin'));
    await store.tx((tx) => tx.appendSecurityEvent({ ...ev(2, 'ok'), actor: 'd1' }));
    await store.appendSecurityEvent({ at: at(3), kind: 'device-revoked', actor: 'd1', subject: 'd2', address: null, outcome: 'ok' });
    expect(await store.listSecurityEvents({ kind: 'login', subject: 'vochef' })).toEqual([ev(0, 'failed'), { ...ev(2, 'ok'), actor: 'd1' }]);
    expect(await store.listSecurityEvents({ kind: 'login', subject: 'vochef', since: at(1) })).toEqual([{ ...ev(2, 'ok'), actor: 'd1' }]);
    expect(await store.listSecurityEvents({ kind: 'device-revoked', subject: 'd2' })).toHaveLength(1);
  });
});
