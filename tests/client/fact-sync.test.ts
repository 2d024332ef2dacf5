/**
 * sync/facts.ts syncFacts on fake-indexeddb with a scripted fact feed (rule 23): every page is
 * applied in order with its cursor; the next page is asked for while the one before is applied
 * (a region manager's first sync is ~120 pages); a failing page leaves the pages before it
 * applied and nothing after it, and a page asked for ahead that turns out not to be needed is
 * dropped without an unhandled rejection.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import type { SyncContext } from '../../src/client/sync/context';
import { syncFacts } from '../../src/client/sync/facts';
import type { SyncTransport } from '../../src/client/sync/transport';
import { AppError } from '../../src/shared/errors';
import type { FactBlock, FactsPullResponse } from '../../src/shared/facts-api';
import { freshDb } from './helpers';

const DEVICE = 'dev-1';
const WINDOW = { fromYear: '2024', fromDayMonth: '2025-10' };
const block = (unitId: string, seq: number): FactBlock => ({ unitId: unitId as FactBlock['unitId'], block: 'Y2026', seq, rows: {}, hr: [], falls: ['2026-01-02'], fallBefore: null });

/**
 * A feed of `pages` pages of two blocks each; `fail` makes the page asked for from that cursor
 * fail; `answering` runs before a page is answered.
 */
function feed(pages: number, fail?: number, answering?: (cursor: number) => Promise<void>) {
  const asked: { cursor: number; appliedCursor: number | undefined }[] = [];
  let db: ReturnType<typeof freshDb> | undefined;
  const transport = {
    facts: async (cursor: number): Promise<FactsPullResponse> => {
      asked.push({ cursor, appliedCursor: db === undefined ? undefined : await getMeta(db, 'factCursor') });
      if (cursor === fail) throw new AppError('network', { reason: 'test' });
      await answering?.(cursor);
      const page = cursor / 2;
      const blocks = [block(`u${2 * page}`, cursor + 1), block(`u${2 * page + 1}`, cursor + 2)];
      return { ok: true, blocks, cursor: cursor + 2, hasMore: page + 1 < pages, headSeq: pages * 2, window: WINDOW, serverTime: 0 } as FactsPullResponse;
    },
  } as unknown as SyncTransport;
  return { asked, transport, attach: (d: ReturnType<typeof freshDb>) => (db = d) };
}

async function contextFor(transport: SyncTransport): Promise<SyncContext> {
  const db = freshDb();
  await setMeta(db, 'credential', { deviceId: DEVICE, deviceSecret: 's' });
  return { db, transport, deviceId: DEVICE, now: () => 0, serverNow: () => 0, observeServerTime: () => undefined };
}

describe('the fact feed on the device', () => {
  it('applies every page in order, asking for the next while the one before is applied', async () => {
    const f = feed(5);
    const ctx = await contextFor(f.transport);
    f.attach(ctx.db);
    await syncFacts(ctx, true);
    expect(await ctx.db.facts.count()).toBe(10);
    expect(await getMeta(ctx.db, 'factCursor')).toBe(10);
    expect(f.asked.map((a) => a.cursor)).toEqual([0, 2, 4, 6, 8]);
    // Page n+1 was asked for before page n's cursor was stored.
    expect(f.asked.slice(1).map((a) => a.appliedCursor ?? 0)).toEqual([0, 2, 4, 6]);
  });

  it('stops at a failing page with the pages before it applied, and no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const f = feed(5, 6);
      const ctx = await contextFor(f.transport);
      f.attach(ctx.db);
      await expect(syncFacts(ctx, true)).rejects.toMatchObject({ code: 'network' });
      expect(await getMeta(ctx.db, 'factCursor')).toBe(6);
      expect(await ctx.db.facts.count()).toBe(6);
      // The next round goes on from the stored cursor.
      const again = feed(5);
      const ctx2 = { ...ctx, transport: again.transport };
      again.attach(ctx.db);
      await syncFacts(ctx2, true);
      expect(again.asked[0]?.cursor).toBe(6);
      expect(await ctx.db.facts.count()).toBe(10);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('drops a page asked for ahead, failing, when the page before it cannot be applied', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let ctx: SyncContext | undefined;
      // The device changes (a new enrolment) as page 2 is answered, so page 2 is refused; page 3,
      // asked for meanwhile, fails too, and its failure reaches no one.
      const f = feed(5, 4, async (cursor) => {
        if (cursor === 2) await setMeta((ctx as SyncContext).db, 'credential', { deviceId: 'dev-2', deviceSecret: 's' });
      });
      ctx = await contextFor(f.transport);
      f.attach(ctx.db);
      await expect(syncFacts(ctx, true)).rejects.toMatchObject({ code: 'unauthenticated' });
      expect(await getMeta(ctx.db, 'factCursor')).toBe(2);
      expect(f.asked.map((a) => a.cursor)).toEqual([0, 2, 4]);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
