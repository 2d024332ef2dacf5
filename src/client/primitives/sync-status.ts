/**
 * The sync snapshot (pending count, rejections, last error, progress, …) as a live accessor.
 * It reads only the database, so it follows a sync run by whichever tab holds the lock.
 */
import type { Accessor } from 'solid-js';
import type { PulsDb } from '../storage/db';
import { readSyncSnapshot, type SyncSnapshot } from '../storage/sync-state';
import { createLiveQuery } from './live-query';

export function createSyncStatus(db: PulsDb): Accessor<SyncSnapshot | undefined> {
  return createLiveQuery(() => readSyncSnapshot(db));
}
