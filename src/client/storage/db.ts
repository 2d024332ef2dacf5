/**
 * The device's IndexedDB database. Everything the app knows offline lives here: the outbox of
 * unsynced changes (rule 2), the merged replica of pulled rows, the org tree and sync bookkeeping.
 *
 * Schema changes are additive only (docs/sync.md §2.5): a later version adds tables or indexes in
 * a new `this.version(n).stores({...})` block and never rewrites outbox rows with `upgrade()`: the
 * outbox may hold changes written under the old schema, and they go to the server as they are
 * (synced schemas change additively too, so those changes stay valid: sync/README.md rule 16).
 */
import Dexie, { type Table } from 'dexie';
import type { FactBlock } from '../../shared/facts-api';
import type { Change } from '../../shared/protocol';
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { RowState } from '../../shared/sync/merge';
import { closeLease } from './counter-lease';
import { firstPaintTokenMiddleware } from './first-paint-token';
import { defaultLocks, type LockManagerLike } from './locks';

export const DEFAULT_DB_NAME = 'pulstavlan';

/** One outbox row: the change exactly as it will be pushed, plus when it was written locally. */
export interface OutboxRow {
  readonly seq: number;
  readonly change: Change;
  /** Local epoch ms of the write; drives the "N unsynced, oldest X h" banner. */
  readonly createdAt: number;
}

/** A change the server refused (rule 5), kept with its reason until someone dismisses it. */
export interface RejectedChange {
  /** Table key. Normally the change's seq; an older entry is re-keyed below zero when a later
   * device epoch reuses its seq (see outbox.ts), so a rejection is never overwritten. */
  seq: number;
  change: Change;
  code: string;
  path?: (string | number)[];
  rejectedAt: number;
}

/** A merged row plus `sortKey`, the field a unit's rows are listed by (the observation date). */
export interface RowRecord extends RowState {
  readonly sortKey: string;
}

export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

export class PulsDb extends Dexie {
  // `declare`, not fields: Dexie creates these in version().stores(); a class field would be
  // re-initialised to undefined under useDefineForClassFields.
  declare meta: Table<MetaRow, string>;
  declare outbox: Table<OutboxRow, number>;
  declare rejected: Table<RejectedChange, number>;
  declare rows: Table<RowRecord, [string, string]>;
  declare units: Table<OrgUnit, string>;
  /** Facts mode (rules 22–24): the fact blocks of the scope's units, as the server sent them. */
  declare facts: Table<FactBlock, [string, string]>;

  /** Guards the write counters' lease across tabs (counter-lease.ts); null: no lease, every
   * save reads its counters. */
  readonly locks: LockManagerLike | null;

  constructor(name: string, options: { locks?: LockManagerLike | null } = {}) {
    // Chrome's default "relaxed" durability only reaches the OS buffer; the outbox must survive
    // a power cut between the write and the next sync (docs/sync.md §2.10).
    // Without Dexie's live-query cache: a save written with IndexedDB itself (direct-write.ts)
    // could not update it, so live queries re-read what changed instead.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    this.locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.version(1).stores({
      meta: 'key',
      outbox: 'seq, createdAt',
      rejected: 'seq',
      rows: '[entity+id], [entity+unitId], [entity+unitId+sortKey]',
      units: 'id, parentId',
    });
    // Devices above the unit level keep their units' facts instead of their board rows.
    this.version(2).stores({ facts: '[unitId+block], unitId' });
    // A write that can change a figure voids the boards' first-paint copies before it reaches
    // IndexedDB (first-paint-token.ts; the direct save path moves the token itself).
    this.use(firstPaintTokenMiddleware);
    // Another tab wants to upgrade the schema: step aside rather than block it (docs/sync.md §2.8).
    // Closing without auto-reopen makes further use fail loudly; the app reloads on that.
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: true });
      return false;
    });
  }

  /** Closing lets the counters' lease go, so another tab (or a reopened connection) can write. */
  override close(options?: { disableAutoOpen: boolean }): void {
    closeLease(this);
    super.close(options);
  }
}

export function openDb(name: string = DEFAULT_DB_NAME, options: { locks?: LockManagerLike | null } = {}): PulsDb {
  return new PulsDb(name, options);
}
