/**
 * Which lock manager guards the write counters' lease (counter-lease.ts): the browser's Web Locks,
 * shared by every tab of the origin. In Node (tests, tools) one process is one "browser", so an
 * in-process manager is exact there. A browser without Web Locks gets none, and then every save
 * reads its counters inside its own transaction, as before issue 19: an in-process lock would only
 * cover one tab, and two tabs trusting their own copy of the counters would issue the same seq.
 */

/** The part of the Web Locks API the lease uses: exclusive locks, optionally only if free. */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<T> | T): Promise<T>;
}

interface Waiter {
  readonly grant: () => void;
}

/** Exclusive locks within one JavaScript realm, granted in request order like Web Locks. */
export function inProcessLocks(): LockManagerLike {
  const held = new Set<string>();
  const queues = new Map<string, Waiter[]>();
  const next = (name: string) => {
    const waiter = queues.get(name)?.shift();
    if (waiter) waiter.grant();
    else held.delete(name);
  };
  return {
    async request<T>(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<T> | T): Promise<T> {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        await new Promise<void>((grant) => {
          const queue = queues.get(name) ?? [];
          queue.push({ grant });
          queues.set(name, queue);
        });
      } else {
        held.add(name);
      }
      try {
        return await callback({ name });
      } finally {
        next(name);
      }
    },
  };
}

let nodeLocks: LockManagerLike | undefined;

/** The lock manager a database opened here uses by default; null where none is trustworthy. */
export function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  if (nav?.locks) return nav.locks;
  // No window and no Web Locks: Node (a browser without Web Locks still has a window).
  if (typeof (globalThis as { window?: unknown }).window === 'undefined' && typeof process !== 'undefined') {
    nodeLocks ??= inProcessLocks();
    return nodeLocks;
  }
  return null;
}
