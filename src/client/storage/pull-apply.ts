/**
 * Applies one pulled page (rule 8): every change of the page, the clock, the progress and, last,
 * the cursor, in ONE transaction. If any change cannot be applied the transaction aborts and
 * the cursor stays where it was, so the page is fetched again rather than skipped
 * (docs/sync.md §2.5: never advance the cursor past changes that were not applied).
 */
import { AppError } from '../../shared/errors';
import type { ServerChange } from '../../shared/protocol';
import { type Hlc, initialHlc, nodeFromDeviceId, recv } from '../../shared/sync/hlc';
import { validateChange } from '../../shared/sync/validate';
import Dexie from 'dexie';
import { ENTITIES, type EntityName } from '../../shared/schema/registry';
import { counterTransaction } from './counter-lease';
import type { PulsDb, RowRecord } from './db';
import { getMetas, setMetas, type SyncProgress } from './meta';
import { mergeRows, readRows } from './rows';

export interface PulledPage {
  /** The cursor the page was requested with. */
  readonly from: number;
  readonly changes: readonly ServerChange[];
  /** The cursor after the page. */
  readonly cursor: number;
}

/** What became of a page: applied (and how many rows it changed), or dropped because the stored
 * cursor is no longer the one it was requested from. */
export type PageResult = { readonly kind: 'applied'; readonly changedRows: number } | { readonly kind: 'cursor-moved' };

/** Applies a page with its cursor in one transaction. `now` is server-corrected time. */
export async function applyPulledPage(
  db: PulsDb,
  deviceId: string,
  page: PulledPage,
  now: number,
  progress?: SyncProgress | null,
): Promise<PageResult> {
  // A counter transaction (counter-lease.ts): it moves the clock that local writes stamp from.
  return counterTransaction(db, [db.rows, db.meta], async () => {
    // One round of reads: the device check, the cursor and the clock, and the page's stored rows
    // (keyed by entity and id, which need no validation to look up). They are issued first so
    // IndexedDB serves them while the page is validated below, on this thread (issue 19).
    // Append records need no read (rule 10): see addAppendRows.
    const isAppend = (c: Pick<ServerChange, 'entity'>) => ENTITIES[c.entity as EntityName]?.mode === 'append';
    const reading = Promise.all([getMetas(db, ['credential', 'cursor', 'hlc']), readRows(db, page.changes.filter((c) => !isAppend(c)))]);
    // The server validated each change; a client that cannot (an older schema) must stop here
    // instead of storing a row it does not understand, and be updated (rule 8). Throwing aborts
    // the transaction before anything is written.
    let maxHlc: string | undefined;
    let valid: ServerChange[];
    try {
      valid = page.changes.map((change) => {
        const result = validateChange(change);
        if (!result.ok) throw new AppError('client-too-old', { serverSeq: change.serverSeq, reason: 'pull-invalid', code: result.code }, result.path);
        if (maxHlc === undefined || change.hlc > maxHlc) maxHlc = change.hlc;
        return { ...change, fields: result.fields };
      });
    } catch (error) {
      reading.catch(() => undefined);
      throw error;
    }
    const [meta, stored] = await reading;
    if (meta.credential?.deviceId !== deviceId) throw new AppError('unauthenticated', { reason: 'device-changed' });
    // The page continues from where it was requested; if the stored cursor moved meanwhile
    // (the scope changed and the cursor was reset), this page no longer fits: drop it.
    if ((meta.cursor ?? 0) !== page.from) return { kind: 'cursor-moved' };
    const out = mergeRows(stored, valid.filter((c) => !isAppend(c)));
    // Within the page, the first insert of an id wins (mergeRows over nothing stored drops replays).
    const fresh = mergeRows(new Map(), valid.filter(isAppend));
    const clock = maxHlc === undefined ? undefined : receiveClock(meta.hlc, deviceId, maxHlc, now);
    // One round of writes: the merged rows, the new append rows, and the clock, progress and
    // cursor in one bulkPut.
    const [, added] = await Promise.all([
      out.length > 0 ? db.rows.bulkPut(out) : undefined,
      addAppendRows(db, fresh),
      setMetas(db, { ...(clock ? { hlc: clock } : {}), ...(progress !== undefined ? { progress } : {}), cursor: page.cursor }),
    ]);
    return { kind: 'applied', changedRows: out.length + added };
  });
}

/**
 * Adds append rows without reading them first: append records are immutable and the first insert
 * of an id wins (rule 10), so an id already stored is a no-op, which is exactly what a refused
 * add is. Only ConstraintErrors (the id exists) are taken as no-ops; any other failure is thrown
 * and aborts the page. Returns how many rows were added.
 */
async function addAppendRows(db: PulsDb, rows: readonly RowRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  try {
    await db.rows.bulkAdd(rows);
    return rows.length;
  } catch (error) {
    if (!(error instanceof Dexie.BulkError) || !error.failures.every((f) => f?.name === 'ConstraintError')) throw error;
    return rows.length - error.failures.length;
  }
}

/** Rule 15: later local writes must sort after everything pulled. Undefined: leave the clock. */
function receiveClock(hlc: Hlc | undefined, deviceId: string, remote: string, now: number): Hlc | undefined {
  const clock = hlc ?? initialHlc(nodeFromDeviceId(deviceId));
  try {
    return recv(clock, remote, now);
  } catch (error) {
    // A stamp too far ahead of our corrected clock: the server accepted it, so the data is
    // applied, but our clock is not dragged into the future by it (hlc.ts drift bound).
    if (!(error instanceof AppError && error.code === 'clock-drift')) throw error;
    return undefined;
  }
}
