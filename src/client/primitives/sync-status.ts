/**
 * The sync snapshot (pending count, rejections, last error, progress, …) as a live accessor.
 * It reads only the database, so it follows a sync run by whichever tab holds the lock.
 *
 * A save in this tab counts as pending from the moment it commits: the snapshot is re-read
 * asynchronously, and a screen's own live query (the row that just changed) may show the save
 * first. Until a snapshot read after the save arrives, the bar must not say "Allt synkat" — a
 * person who closes the app on that word would leave the change unsent until the next start.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { PulsDb } from '../storage/db';
import { onLocalWrite } from '../storage/records';
import { readSyncSnapshot, type SyncSnapshot } from '../storage/sync-state';
import { createLiveQuery } from './live-query';

export function createSyncStatus(db: PulsDb): Accessor<SyncSnapshot | undefined> {
  let written = 0;
  let lastWriteAt = 0;
  const [writes, setWrites] = createSignal(0);
  onCleanup(
    onLocalWrite((target) => {
      if (target !== db) return;
      lastWriteAt = Date.now();
      setWrites(++written);
    }),
  );
  const read = createLiveQuery(async () => {
    const seen = written; // the saves this read is sure to include
    return { snapshot: await readSyncSnapshot(db), seen };
  });
  return () => {
    const r = read();
    if (r === undefined) return undefined;
    const { snapshot, seen } = r;
    if (writes() <= seen || snapshot.pending > 0) return snapshot;
    return { ...snapshot, pending: 1, oldestPendingAt: lastWriteAt };
  };
}
