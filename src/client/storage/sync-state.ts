/**
 * What the sync-status UI shows. Everything is read from the database (not from the engine's
 * memory), so every tab shows the same state whichever tab holds the sync lock.
 */
import type { Change } from '../../shared/protocol';
import type { ErrorCode } from '../../shared/errors';
import type { PulsDb, RejectedChange } from './db';
import { getMetas } from './meta';

export type { RejectedChange } from './db';

export interface SyncSnapshot {
  pending: number;
  oldestPendingAt: number | null;
  rejected: RejectedChange[];
  lastSyncAt: number | null;
  lastError: ErrorCode | null;
  syncing: boolean;
  /** First sync / big pulls. */
  progress: { done: number; total: number } | null;
  firstSyncDone: boolean;
  clockOffsetMs: number | null;
  clientTooOld: boolean;
  revoked: boolean;
  persisted: boolean | null;
}

/** A tab that dies mid-sync cannot clear its flag; after this long nobody believes it. */
export const STALE_SYNC_MS = 10 * 60 * 1000;

export async function readSyncSnapshot(db: PulsDb, now: number = Date.now()): Promise<SyncSnapshot> {
  return db.transaction('r', [db.meta, db.outbox, db.rejected], async () => {
    const meta = await getMetas(db, [
      'lastSyncAt',
      'lastError',
      'syncingSince',
      'progress',
      'firstSyncDone',
      'serverOffsetMs',
      'clientTooOld',
      'revoked',
      'persisted',
    ]);
    const pending = await db.outbox.count();
    const oldest = await db.outbox.orderBy('createdAt').first();
    const rejected = await db.rejected.orderBy('seq').toArray();
    const since = meta.syncingSince;
    return {
      pending,
      oldestPendingAt: oldest?.createdAt ?? null,
      rejected,
      lastSyncAt: meta.lastSyncAt ?? null,
      lastError: meta.lastError ?? null,
      syncing: since !== undefined && now - since < STALE_SYNC_MS,
      progress: meta.progress ?? null,
      firstSyncDone: meta.firstSyncDone ?? false,
      clockOffsetMs: meta.serverOffsetMs ?? null,
      clientTooOld: meta.clientTooOld ?? false,
      revoked: meta.revoked ?? false,
      persisted: meta.persisted ?? null,
    };
  });
}

/** Forgets a rejected change once someone has read the reason. */
export async function dismissRejected(db: PulsDb, seq: number): Promise<void> {
  await db.rejected.delete(seq);
}

interface UnsyncedExport {
  readonly format: 'pulstavlan-unsynced';
  readonly version: 1;
  readonly exportedAt: string;
  readonly deviceId: string | null;
  readonly outbox: { seq: number; createdAt: string; change: Change }[];
  readonly rejected: { seq: number; rejectedAt: string; code: string; path?: (string | number)[]; change: Change }[];
}

/** JSON text of everything not on the server, for download before a forced logout or reset. */
export async function exportUnsynced(db: PulsDb, now: number = Date.now()): Promise<string> {
  return db.transaction('r', [db.meta, db.outbox, db.rejected], async () => {
    const { credential } = await getMetas(db, ['credential']);
    const outbox = await db.outbox.orderBy('seq').toArray();
    const rejected = await db.rejected.orderBy('seq').toArray();
    const body: UnsyncedExport = {
      format: 'pulstavlan-unsynced',
      version: 1,
      exportedAt: new Date(now).toISOString(),
      deviceId: credential?.deviceId ?? null,
      outbox: outbox.map((row) => ({ seq: row.seq, createdAt: new Date(row.createdAt).toISOString(), change: row.change })),
      rejected: rejected.map((row) => ({
        seq: row.seq,
        rejectedAt: new Date(row.rejectedAt).toISOString(),
        code: row.code,
        ...(row.path ? { path: row.path } : {}),
        change: row.change,
      })),
    };
    return JSON.stringify(body, null, 2);
  });
}
