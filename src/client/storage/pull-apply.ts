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
import type { PulsDb } from './db';
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
  // Validation is pure CPU: done before the transaction opens, so the transaction is only reads
  // and writes (issue 19). The server validated each change; a client that cannot (an older
  // schema) must stop here instead of storing a row it does not understand, and be updated (rule 8).
  let maxHlc: string | undefined;
  const valid = page.changes.map((change) => {
    const result = validateChange(change);
    if (!result.ok) throw new AppError('client-too-old', { serverSeq: change.serverSeq, reason: 'pull-invalid', code: result.code }, result.path);
    if (maxHlc === undefined || change.hlc > maxHlc) maxHlc = change.hlc;
    return { ...change, fields: result.fields };
  });
  return db.transaction('rw', [db.rows, db.meta], async () => {
    // One round of reads: the device check, the cursor and the clock, and the page's stored rows.
    const [meta, stored] = await Promise.all([getMetas(db, ['credential', 'cursor', 'hlc']), readRows(db, valid)]);
    if (meta.credential?.deviceId !== deviceId) throw new AppError('unauthenticated', { reason: 'device-changed' });
    // The page continues from where it was requested; if the stored cursor moved meanwhile
    // (the scope changed and the cursor was reset), this page no longer fits: drop it.
    if ((meta.cursor ?? 0) !== page.from) return { kind: 'cursor-moved' };
    const out = mergeRows(stored, valid);
    const clock = maxHlc === undefined ? undefined : receiveClock(meta.hlc, deviceId, maxHlc, now);
    // One round of writes: the merged rows, and the clock, progress and cursor in one bulkPut.
    await Promise.all([
      out.length > 0 ? db.rows.bulkPut(out) : undefined,
      setMetas(db, { ...(clock ? { hlc: clock } : {}), ...(progress !== undefined ? { progress } : {}), cursor: page.cursor }),
    ]);
    return { kind: 'applied', changedRows: out.length };
  });
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
