/**
 * One sync at a time per database, across tabs (docs/sync.md §2.8): the Web Locks API where the
 * browser has it, otherwise a mutex that at least covers every engine in this JavaScript realm.
 * `ifAvailable` semantics: a caller who finds the lock taken does not wait; the holder is
 * already doing the work (the outbox is shared, so it pushes this tab's writes too).
 */
export type SyncLock = (name: string, run: () => Promise<void>) => Promise<boolean>;

/** The lock name other code (and other tabs) agree on for the default database. */
export const SYNC_LOCK_NAME = 'pulstavlan-sync';

interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<boolean>): Promise<boolean>;
}

const held = new Set<string>();

/** Runs `run` if the lock is free and returns true; returns false without running otherwise. */
export const inProcessLock: SyncLock = async (name, run) => {
  if (held.has(name)) return false;
  held.add(name);
  try {
    await run();
    return true;
  } finally {
    held.delete(name);
  }
};

export function webLock(locks: LockManagerLike): SyncLock {
  return (name, run) =>
    locks.request(name, { ifAvailable: true }, async (lock) => {
      if (lock === null) return false;
      await run();
      return true;
    });
}

export function defaultLock(): SyncLock {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike }).locks;
  return locks ? webLock(locks) : inProcessLock;
}
