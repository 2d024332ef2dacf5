/**
 * Outbox bookkeeping for the sync engine. The invariant every function keeps: a change leaves
 * the outbox only when the server has confirmed it (rule 6), either as accepted or as rejected,
 * and a rejected change is moved to `rejected`, never dropped (rule 5).
 */
import { AppError } from '../../shared/errors';
import type { Change, Rejection, RejectedRowState } from '../../shared/protocol';
import { parseHlc } from '../../shared/sync/hlc';
import { counterTransaction } from './counter-lease';
import { laterThan } from './counters';
import type { OutboxRow, PulsDb, RejectedChange } from './db';
import { getMeta, getMetas, setMetas, setMeta, type MetaValues } from './meta';
import { restoreServerRow } from './rows';

const rowKey = (c: Pick<Change, 'entity' | 'id'>) => `${c.entity}\u0000${c.id}`;

/** The oldest `limit` outbox rows, in seq order. */
export async function peekOutbox(db: PulsDb, limit: number): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/**
 * Applies a push answer: every outbox row with seq ≤ `lastSeq` is done. The ones named in
 * `rejections` move to `rejected`; the rest are deleted. A rejection that carries the server's
 * state of its row (`current`) also puts that state back in the replica, with this device's
 * still-unsynced changes of the row merged on top (rule 5). Returns how many rows left the outbox.
 */
export async function confirmPushed(
  db: PulsDb,
  deviceId: string,
  lastSeq: number,
  rejections: readonly Rejection[],
  now: number,
): Promise<number> {
  // A counter transaction (counter-lease.ts): it takes rows out of the outbox the counters derive from.
  return counterTransaction(db, [db.outbox, db.rejected, db.meta, db.rows], async () => {
    await expectDevice(db, deviceId);
    const done = await db.outbox.where('seq').belowOrEqual(lastSeq).toArray();
    const bySeq = new Map(done.map((row) => [row.seq, row]));
    // Per row, the server state reported by the last rejection that carries one.
    const restores = new Map<string, { change: Change; current: RejectedRowState | null }>();
    for (const rejection of rejections) {
      const row = bySeq.get(rejection.seq);
      // A rejection for a row no longer here was already moved by an earlier reply (rule 3 replays).
      if (!row) continue;
      await addRejected(db, {
        seq: row.seq,
        change: row.change,
        code: rejection.code,
        ...(rejection.path ? { path: rejection.path } : {}),
        rejectedAt: now,
      });
      if (rejection.current !== undefined) restores.set(rowKey(row.change), { change: row.change, current: rejection.current });
    }
    await db.outbox.bulkDelete([...bySeq.keys()]);
    if (restores.size > 0) {
      const pending = (await db.outbox.where('seq').above(lastSeq).toArray()).map((row) => row.change);
      for (const [key, { change, current }] of restores) {
        await restoreServerRow(db, change, current, pending.filter((c) => rowKey(c) === key));
      }
    }
    await raiseFloors(db, lastSeq, done);
    return done.length;
  });
}

/**
 * The counters are the larger of meta's floors and the outbox's last row (counters.ts): rows that
 * leave the outbox take their seq and HLC with them, so the floors rise past them first, and the
 * clock never goes back, whatever the wall clock says after a reload (rule 15). If the server has
 * processed seqs this device never sent, numbering continues past them too, or the server would
 * skip our next writes as replays.
 */
async function raiseFloors(db: PulsDb, lastSeq: number, removed: readonly OutboxRow[]): Promise<void> {
  const { nextSeq, hlc } = await getMetas(db, ['nextSeq', 'hlc']);
  const raised: Partial<MetaValues> = {};
  if ((nextSeq ?? 1) <= lastSeq) raised.nextSeq = lastSeq + 1;
  const last = removed.reduce<OutboxRow | undefined>((a, row) => (a === undefined || row.seq > a.seq ? row : a), undefined);
  if (last) {
    const written = parseHlc(last.change.hlc);
    if (hlc === undefined || laterThan(written, hlc)) raised.hlc = hlc ? { ...written, node: hlc.node } : written;
  }
  if (Object.keys(raised).length > 0) await setMetas(db, raised);
}

/**
 * Renumbers the outbox to `start, start+1, …` in its current order and continues `nextSeq`
 * after it. Used when the outbox moves to a new device id (which starts at 1) and when the
 * server's last_seq is behind what this device believes it confirmed (seq-gap, rule 4).
 */
export async function resequenceOutbox(db: PulsDb, start: number, deviceId?: string): Promise<number> {
  return counterTransaction(db, [db.outbox, db.meta], async () => {
    if (deviceId !== undefined) await expectDevice(db, deviceId);
    const rows = await db.outbox.orderBy('seq').toArray();
    const renumbered = rows.map((row, i) => ({ ...row, seq: start + i, change: { ...row.change, seq: start + i } }));
    await db.outbox.clear();
    await db.outbox.bulkAdd(renumbered);
    await setMeta(db, 'nextSeq', start + rows.length);
    return rows.length;
  });
}

/**
 * A sync round belongs to the device id it started with. If the credential changed meanwhile
 * (logout, re-enrolment renumbered the outbox), its answers describe other seqs: refuse them.
 */
export async function expectDevice(db: PulsDb, deviceId: string): Promise<void> {
  const credential = await getMeta(db, 'credential');
  if (credential?.deviceId !== deviceId) throw new AppError('unauthenticated', { reason: 'device-changed' });
}

/** Adds a rejected change. An older entry holding the same key (from an earlier device id or
 * numbering) is re-keyed below zero rather than overwritten. */
async function addRejected(db: PulsDb, entry: RejectedChange): Promise<void> {
  const clash = await db.rejected.get(entry.seq);
  if (clash) {
    const lowest = (await db.rejected.orderBy('seq').first())?.seq ?? 0;
    await db.rejected.delete(clash.seq);
    await db.rejected.add({ ...clash, seq: Math.min(lowest, 0) - 1 });
  }
  await db.rejected.add(entry);
}
