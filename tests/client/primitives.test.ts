// @vitest-environment jsdom
import './helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { askAgainAfterSync, createAnswer, createLiveQuery, createOnline, createSyncStatus, settled } from '../../src/client/primitives';
import type { SyncSnapshot } from '../../src/client/storage/sync-state';
import { addObservation, listObservations } from '../../src/client/storage/bhk-repo';
import type { PulsDb } from '../../src/client/storage/db';
import { setMeta } from '../../src/client/storage/meta';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { freshDb, observation, pulledObservation } from './helpers';

const dbs: PulsDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function sessionDb(): Promise<PulsDb> {
  const db = freshDb();
  dbs.push(db);
  await setMeta(db, 'credential', { deviceId: '0190a0b0-c0d0-7e00-8000-0000000000aa', deviceSecret: 'x'.repeat(40) });
  return db;
}

/** Polls until `check` stops throwing (live queries settle asynchronously). */
async function eventually(check: () => void, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe('primitives', () => {
  it('createLiveQuery follows the data, re-subscribes when a signal it reads changes, and stops on dispose', async () => {
    const db = await sessionDb();
    await addObservation(db, observation('u1', '2025-03-01'));
    await addObservation(db, observation('u1', '2025-04-01'));
    const [month, setMonth] = createSignal('2025-03');
    let runs = 0;
    const { value, dispose } = createRoot((dispose) => ({
      value: createLiveQuery(() => {
        runs++;
        return listObservations(db, 'u1', month());
      }),
      dispose,
    }));
    expect(value()).toBeUndefined();
    await eventually(() => expect(value()?.map((o) => o.date)).toEqual(['2025-03-01']));
    await addObservation(db, observation('u1', '2025-03-02'));
    await eventually(() => expect(value()?.map((o) => o.date)).toEqual(['2025-03-01', '2025-03-02']));
    setMonth('2025-04');
    await eventually(() => expect(value()?.map((o) => o.date)).toEqual(['2025-04-01']));
    dispose();
    const settled = runs;
    await addObservation(db, observation('u1', '2025-04-02'));
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(settled);
    expect(value()?.map((o) => o.date)).toEqual(['2025-04-01']);
  });

  it('createOnline follows the online and offline events', () => {
    createRoot((dispose) => {
      const online = createOnline();
      expect(online()).toBe(navigator.onLine);
      window.dispatchEvent(new Event('offline'));
      expect(online()).toBe(false);
      window.dispatchEvent(new Event('online'));
      expect(online()).toBe(true);
      dispose();
      window.dispatchEvent(new Event('offline'));
      expect(online()).toBe(true);
    });
  });

  it('createSyncStatus shows pending writes as they happen', async () => {
    const db = await sessionDb();
    const { status, dispose } = createRoot((dispose) => ({ status: createSyncStatus(db), dispose }));
    await eventually(() => expect(status()?.pending).toBe(0));
    await addObservation(db, observation());
    await eventually(() => expect(status()?.pending).toBe(1));
    dispose();
  });

  it('createSyncStatus counts a save as pending as soon as it commits, before the snapshot is read again', async () => {
    const db = await sessionDb();
    const { status, dispose } = createRoot((dispose) => ({ status: createSyncStatus(db), dispose }));
    await eventually(() => expect(status()?.pending).toBe(0));
    // What a screen sees right after its save resolves: no snapshot read since has finished.
    await addObservation(db, observation());
    expect(status()?.pending).toBe(1);
    expect(status()?.oldestPendingAt).not.toBeNull();
    await eventually(() => expect(status()?.pending).toBe(1));
    // Once the change has left (the outbox emptied), a fresh read says so.
    await db.outbox.clear();
    await eventually(() => expect(status()?.pending).toBe(0));
    dispose();
  });

  it('a live query shows a pulled page (written with IndexedDB itself, Dexie told after the commit)', async () => {
    const db = await sessionDb();
    const [month] = createSignal('2025-03');
    const { rows, dispose } = createRoot((dispose) => ({ rows: createLiveQuery(() => listObservations(db, 'u1', month())), dispose }));
    await eventually(() => expect(rows()).toEqual([]));
    const change = pulledObservation('u1', '2025-03-02', Date.now() - 60_000);
    await applyPulledPage(db, '0190a0b0-c0d0-7e00-8000-0000000000aa', { from: 0, changes: [change], cursor: 1 }, Date.now());
    await eventually(() => expect(rows()?.map((r) => r.id)).toEqual([change.id]));
    // A big page (Dexie is told one range per index, not every key): other units' rows around ours.
    const big = Array.from({ length: 100 }, (_, i) => pulledObservation(i === 50 ? 'u1' : i % 2 ? 'u0' : 'u2', '2025-03-05', Date.now() - 50_000 + i, 2 + i));
    await applyPulledPage(db, '0190a0b0-c0d0-7e00-8000-0000000000aa', { from: 1, changes: big, cursor: 101 }, Date.now());
    await eventually(() => expect(rows()?.map((r) => r.id)).toEqual([change.id, big[50]?.id]));
    dispose();
  });
});

describe('askAgainAfterSync', () => {
  const snapshot = (lastSyncAt: number | null): SyncSnapshot => ({
    pending: 0,
    oldestPendingAt: null,
    rejected: [],
    lastSyncAt,
    lastError: null,
    syncing: false,
    progress: null,
    firstSyncDone: true,
    clockOffsetMs: null,
    clientTooOld: false,
    revoked: false,
    persisted: null,
  });

  it('asks again after a later successful sync only while the answer is stale', () => {
    let asked = 0;
    const { setSync, setStale, dispose } = createRoot((dispose) => {
      const [sync, setSync] = createSignal<SyncSnapshot | undefined>(undefined);
      const [stale, setStale] = createSignal(true);
      askAgainAfterSync(sync, stale, () => asked++);
      return { setSync, setStale, dispose };
    });
    setSync(snapshot(1000)); // the snapshot read at start: not a new sync
    expect(asked).toBe(0);
    setSync(snapshot(1000)); // a snapshot for another reason (a save): same sync
    expect(asked).toBe(0);
    setSync(snapshot(2000)); // a sync got through
    expect(asked).toBe(1);
    setStale(false); // the server's answer arrived: later syncs leave it be
    setSync(snapshot(3000));
    expect(asked).toBe(1);
    dispose();
  });

  it('the first sync after the screen opened counts when the snapshot was already read', () => {
    let asked = 0;
    const { setSync, dispose } = createRoot((dispose) => {
      const [sync, setSync] = createSignal<SyncSnapshot | undefined>(snapshot(null));
      askAgainAfterSync(sync, () => true, () => asked++);
      return { setSync, dispose };
    });
    expect(asked).toBe(0);
    setSync(snapshot(5000));
    expect(asked).toBe(1);
    dispose();
  });
});

describe('createAnswer', () => {
  it('never shows the answer to another question while the new one is fetched, but keeps its own while asked again', async () => {
    const pending = new Map<string, (v: { period: string; n: number }) => void>();
    const [period, setPeriod] = createSignal('2026-12');
    let shown!: () => { period: string; n: number } | undefined;
    let again!: () => unknown;
    const dispose = createRoot((d) => {
      const [res, { refetch }] = createAnswer(
        () => ({ period: period() }),
        (q) => new Promise<{ period: string; n: number }>((resolve) => pending.set(q.period, resolve)),
      );
      shown = () => settled(res);
      again = refetch;
      return d;
    });
    /** Answers the question for `p` once it is asked, and waits until the screen shows it. */
    const answer = async (p: string, n: number) => {
      await eventually(() => expect(pending.has(p)).toBe(true));
      pending.get(p)!({ period: p, n });
      pending.delete(p);
      await eventually(() => expect(shown()).toEqual({ period: p, n }));
    };
    await answer('2026-12', 10);

    // Another period: the month's answer is not shown under the tertial, not even for a moment.
    setPeriod('2026-T3');
    expect(shown()).toBeUndefined();
    await answer('2026-T3', 205);

    // The same question asked again (after a sync): what is on the screen stays until the new answer.
    again();
    expect(shown()).toEqual({ period: '2026-T3', n: 205 });
    await answer('2026-T3', 207);

    // Back to a question answered before: its old answer counts again only once it is answered anew.
    setPeriod('2026-12');
    expect(shown()).toBeUndefined();
    await answer('2026-12', 11);
    dispose();
  });

  it('is not asked again when what it reads changes but the question stays the same (a sync replacing the org tree)', async () => {
    const [tree, setTree] = createSignal([{ id: 'div1' }]);
    const asked: string[] = [];
    let shown!: () => { rootId: string } | undefined;
    const dispose = createRoot((d) => {
      const [res] = createAnswer(
        () => ({ rootId: tree()[0]!.id }),
        async (q) => (asked.push(q.rootId), { rootId: q.rootId }),
      );
      shown = () => settled(res);
      return d;
    });
    await eventually(() => expect(shown()).toEqual({ rootId: 'div1' }));
    const first = shown();
    setTree([{ id: 'div1' }]);
    setTree([{ id: 'div1' }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(['div1']);
    expect(shown()).toBe(first);
    setTree([{ id: 'div2' }]);
    await eventually(() => expect(shown()).toEqual({ rootId: 'div2' }));
    expect(asked).toEqual(['div1', 'div2']);
    dispose();
  });
});
