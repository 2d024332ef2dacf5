/**
 * A screen that fell back to the device's figures (or could not fetch at all) asks the server
 * again after the next successful sync: the connection is back, so its banner "Servern nås inte"
 * must not stay beside a sync bar that says "Allt synkat" until someone navigates away.
 */
import { type Accessor, createEffect, type Resource, untrack } from 'solid-js';
import type { SyncSnapshot } from '../storage/sync-state';

export function askAgainAfterSync(sync: Accessor<SyncSnapshot | undefined>, stale: () => boolean, again: () => unknown): void {
  /** The last sync time seen; undefined until a snapshot has been read (its first read is no news). */
  let seen: number | null | undefined;
  createEffect(() => {
    const snap = sync();
    if (snap === undefined) return;
    const before = seen;
    seen = snap.lastSyncAt;
    if (before !== undefined && snap.lastSyncAt !== null && snap.lastSyncAt !== before && untrack(stale)) again();
  });
}

/**
 * The resource's value while it is ready or being fetched again (undefined otherwise): a screen
 * asked again keeps showing what it has until the new answer arrives, instead of "Laddar…".
 */
export function settled<T>(r: Resource<T>): T | undefined {
  return r.state === 'ready' || r.state === 'refreshing' ? r.latest : undefined;
}

/** askAgainAfterSync for a server-else-device resource (api/fallback.ts): while its answer is the device's. */
export function askServerAgain(sync: Accessor<SyncSnapshot | undefined>, res: Resource<{ source: 'server' | 'device' }>, again: () => unknown): void {
  askAgainAfterSync(sync, () => settled(res)?.source === 'device', again);
}
