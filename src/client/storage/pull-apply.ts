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
import { ENTITIES, type EntityName } from '../../shared/schema/registry';
import { leasedWrite } from './counter-lease';
import type { MetaRow, PulsDb } from './db';
import { type DirectPlan, type DirectPut, writeDirect } from './direct-write';
import type { MetaValues, SyncProgress } from './meta';
import type { RowState } from '../../shared/sync/merge';
import { mergeRows, rowKey } from './rows';

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
  // The server validated each change; a client that cannot (an older schema) must stop here
  // instead of storing a row it does not understand, and be updated (rule 8). Throwing here
  // writes nothing.
  let maxHlc: string | undefined;
  const merged: ServerChange[] = [];
  const appended: ServerChange[] = [];
  for (const change of page.changes) {
    const result = validateChange(change);
    if (!result.ok) throw new AppError('client-too-old', { serverSeq: change.serverSeq, reason: 'pull-invalid', code: result.code }, result.path);
    if (maxHlc === undefined || change.hlc > maxHlc) maxHlc = change.hlc;
    // Append records need no read (rule 10): an id already stored is skipped by its add.
    (ENTITIES[change.entity as EntityName].mode === 'append' ? appended : merged).push({ ...change, fields: result.fields });
  }
  const keys = [...new Map(merged.map((c) => [rowKey(c), [c.entity, c.id] as [string, string]])).entries()];
  if (!db.isOpen()) await db.open();
  // Under the lease (counter-lease.ts): it moves the clock that local writes stamp from. One plain
  // IndexedDB transaction (direct-write.ts, issue 19): one round of reads — the device check, the
  // cursor, the clock and the page's stored rows —, then one round of writes.
  const { result, skipped } = await leasedWrite(db, () =>
    writeDirect(db, [db.rows, db.meta], [...META_KEYS.map((key) => ({ table: db.meta, key })), ...keys.map(([, key]) => ({ table: db.rows, key }))], (read): DirectPlan<{ kind: PageResult['kind']; rows: number }> => {
      const meta = metaOf(read);
      if (meta.credential?.deviceId !== deviceId) throw new AppError('unauthenticated', { reason: 'device-changed' });
      // The page continues from where it was requested; if the stored cursor moved meanwhile
      // (the scope changed and the cursor was reset), this page no longer fits: drop it.
      if ((meta.cursor ?? 0) !== page.from) return { puts: [], result: { kind: 'cursor-moved', rows: 0 } };
      const stored = new Map<string, RowState>();
      keys.forEach(([k], i) => {
        const row = read[META_KEYS.length + i] as RowState | undefined;
        if (row) stored.set(k, row);
      });
      const out = mergeRows(stored, merged);
      // Within the page, the first insert of an id wins (mergeRows over nothing stored drops replays).
      const fresh = mergeRows(new Map(), appended);
      const clock = maxHlc === undefined ? undefined : receiveClock(meta.hlc, deviceId, maxHlc, now);
      const metas: Partial<MetaValues> = { ...(clock ? { hlc: clock } : {}), ...(progress !== undefined ? { progress } : {}), cursor: page.cursor };
      const puts: DirectPut[] = [
        ...out.map((value) => ({ table: db.rows, op: 'put' as const, value, old: stored.get(rowKey(value)) })),
        ...fresh.map((value) => ({ table: db.rows, op: 'add' as const, value, orSkip: true })),
        ...Object.entries(metas).map(([key, value]) => ({ table: db.meta, op: 'put' as const, value: { key, value } })),
      ];
      return { puts, result: { kind: 'applied', rows: out.length + fresh.length } };
    }),
  );
  return result.kind === 'applied' ? { kind: 'applied', changedRows: result.rows - skipped } : { kind: 'cursor-moved' };
}

const META_KEYS = ['credential', 'cursor', 'hlc'] as const;

function metaOf(read: readonly (object | undefined)[]): Partial<Pick<MetaValues, (typeof META_KEYS)[number]>> {
  const out: Record<string, unknown> = {};
  META_KEYS.forEach((key, i) => {
    const row = read[i] as MetaRow | undefined;
    if (row) out[key] = row.value;
  });
  return out;
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
