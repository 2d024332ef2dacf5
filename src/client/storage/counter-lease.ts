/**
 * The counters' lease (issue 19): how a save numbers and stamps itself without reading anything,
 * while two tabs of the app save at the same time.
 *
 * Invariant (sync/README.md rule 2): a tab issues seqs and HLCs from counters it keeps in memory
 * only while it holds the database's lease, an exclusive Web Lock; and every transaction that
 * issues them or changes what they derive from (the outbox, meta `nextSeq`, `hlc`, `credential`)
 * is a counter transaction, run while its tab holds the lease. A tab loads the counters from the
 * database inside its first counter transaction after it took the lease, advances them only
 * when a transaction that issued from them has committed, and forgets them when a transaction
 * fails, when one changed them without issuing (the sync side), and when it lets the lease go.
 * The lock admits one tab at a time, so between two of a holder's transactions no other tab's
 * committed: its in-memory counters are the database's. Hence no seq or HLC is issued twice, seqs
 * follow commit order without a gap, and HLCs rise with them, across tabs as within one. A tab
 * closed while holding the lease loses the lock with it and leaves nothing half-issued, since
 * counters advance only with a commit; the next holder loads them from what was committed.
 *
 * A holder keeps the lease while its page is visible, so a ward tablet's saves read nothing; it
 * lets go when another tab asks (over a BroadcastChannel), when its page is hidden, or after each
 * transaction where the other tabs cannot ask (no BroadcastChannel). Without a lock manager
 * (locks.ts) nothing is kept: every counter transaction loads the counters it issues from.
 */
import Dexie, { type Table } from 'dexie';
import { AppError } from '../../shared/errors';
import { type Counters, loadCounters } from './counters';
import type { PulsDb } from './db';
import type { LockManagerLike } from './locks';

/** A tab waiting for the lease asks again this often, in case the holder was not yet listening
 * when first asked: short beside a person's tap, long beside a loop. */
const ASK_AGAIN_MS = 250;

const LEASE_PREFIX = 'pulstavlan-counters:';

class Lease {
  holding = false;
  /** This tab's counters: the database's while `holding`, else undefined. */
  counters: Counters | undefined;
  private letGo: (() => void) | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  /** Runs queued or running in this tab: the lease is let go only when none is. */
  private pending = 0;
  /** Another tab asked for the lease since this one last let it go. */
  private asked = false;
  private readonly channel: BroadcastChannel | undefined;
  private readonly onPageChange = () => this.letGoIfIdle();

  constructor(
    private readonly locks: LockManagerLike | null,
    private readonly name: string,
  ) {
    if (locks && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(name);
      (this.channel as { unref?: () => void }).unref?.();
      this.channel.onmessage = (event: MessageEvent) => {
        if ((event.data as { type?: unknown } | null)?.type !== 'want') return;
        this.asked = true;
        this.letGoIfIdle();
      };
    }
    if (locks && typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.onPageChange);
      addEventListener('pagehide', this.onPageChange);
    }
  }

  /** Runs `fn` holding the lease, after this tab's earlier runs. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(async () => {
      try {
        if (this.locks) await this.acquire(this.locks);
        return await fn();
      } finally {
        this.pending--;
        this.letGoIfIdle();
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.letGoNow();
    this.channel?.close();
    if (this.locks && typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.onPageChange);
      removeEventListener('pagehide', this.onPageChange);
    }
  }

  private acquire(locks: LockManagerLike): Promise<void> {
    if (this.holding) return Promise.resolve();
    return new Promise<void>((granted, failed) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Resolves false at once when the lock is taken; else true once this tab lets it go.
      const hold = (lock: unknown): boolean | Promise<boolean> => {
        if (lock === null) return false;
        clearTimeout(timer);
        this.holding = true;
        granted();
        return new Promise<boolean>((resolve) => {
          this.letGo = () => resolve(true);
        });
      };
      const ask = () => {
        this.channel?.postMessage({ type: 'want' });
        if (!this.channel) return;
        timer = setTimeout(ask, ASK_AGAIN_MS);
        (timer as { unref?: () => void }).unref?.();
      };
      locks
        .request<boolean>(this.name, { ifAvailable: true }, hold)
        .then((got) => {
          if (got) return undefined;
          ask();
          return locks.request<boolean>(this.name, {}, hold);
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          failed(error);
        });
    });
  }

  private letGoIfIdle(): void {
    if (!this.holding || this.pending > 0) return;
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (this.asked || hidden || !this.channel) this.letGoNow();
  }

  private letGoNow(): void {
    // Forget the counters before the lock goes: from then on another tab may issue.
    this.counters = undefined;
    this.holding = false;
    this.asked = false;
    const letGo = this.letGo;
    this.letGo = undefined;
    letGo?.();
  }
}

const leases = new WeakMap<PulsDb, Lease>();

function leaseOf(db: PulsDb): Lease {
  let lease = leases.get(db);
  if (!lease) {
    lease = new Lease(db.locks, LEASE_PREFIX + db.name);
    leases.set(db, lease);
  }
  return lease;
}

/** Lets the lease go and stops listening; the database is closing. */
export function closeLease(db: PulsDb): void {
  leases.get(db)?.close();
  leases.delete(db);
}

/**
 * Runs `fn` under the lease, after this tab's earlier counter transactions, for a transaction of
 * its own that issues nothing but moves what the counters derive from (a pulled page's clock,
 * rule 15): this tab forgets its counters afterwards, so the next save loads them again.
 */
export async function leasedWrite<T>(db: PulsDb, fn: () => Promise<T>): Promise<T> {
  if (Dexie.currentTransaction) throw new AppError('internal', { reason: 'leased-write-inside-transaction' });
  const lease = leaseOf(db);
  return lease.run(async () => {
    try {
      return await fn();
    } finally {
      lease.counters = undefined;
    }
  });
}

/** What a counter transaction lends its writes: the counters, loaded at most once. */
interface Draft {
  counters: Counters | undefined;
  loading: Promise<Counters> | undefined;
  issued: boolean;
}

/** Counter transactions open in this tab, by their IndexedDB transaction. */
const drafts = new WeakMap<object, Draft>();

/** Takes the transaction's counters to issue from; call only inside a counter transaction. */
export type TakeCounters = () => Promise<Counters>;

/**
 * Runs `fn` in one readwrite transaction over `tables` as a counter transaction (see above).
 * Called inside another counter transaction, `fn` joins it. `take()` gives the counters to issue
 * from, loaded in this transaction unless this tab already knows them; issuing advances them in
 * place, and they become this tab's when the transaction commits.
 *
 * `direct`, when given, replaces `fn` whenever this tab already knows the counters and the
 * database is open: it issues from them in a transaction of its own (direct-write.ts) and must
 * resolve only after that transaction committed; the same rules apply to its counters.
 */
export async function counterTransaction<T>(
  db: PulsDb,
  tables: Table[],
  fn: (take: TakeCounters) => Promise<T>,
  direct?: (counters: Counters) => Promise<T>,
): Promise<T> {
  const outer = Dexie.currentTransaction;
  if (outer) {
    const draft = drafts.get(outer.idbtrans);
    // A write inside some other transaction could not have taken the lease first.
    if (!draft) throw new AppError('internal', { reason: 'write-outside-counter-transaction' });
    return fn(() => take(db, draft));
  }
  const lease = leaseOf(db);
  return lease.run(async () => {
    const known = lease.counters;
    if (direct && known && db.isOpen()) {
      const counters = { ...known };
      try {
        const result = await direct(counters);
        lease.counters = lease.holding ? counters : undefined;
        return result;
      } catch (error) {
        lease.counters = undefined;
        throw error;
      }
    }
    const draft: Draft = { counters: known && { ...known }, loading: undefined, issued: false };
    try {
      // An async scope, so Dexie keeps its transaction zone across fn's native awaits.
      const result = await db.transaction('rw', tables, async (tx) => {
        drafts.set(tx.idbtrans, draft);
        return await fn(() => take(db, draft));
      });
      lease.counters = lease.holding && draft.issued ? draft.counters : undefined;
      return result;
    } catch (error) {
      // Whatever the transaction did or did not commit, the next one loads what is there.
      lease.counters = undefined;
      throw error;
    }
  });
}

async function take(db: PulsDb, draft: Draft): Promise<Counters> {
  draft.issued = true;
  if (draft.counters) return draft.counters;
  // Writes of one transaction side by side share one load, so they cannot issue the same seq.
  draft.loading ??= loadCounters(db);
  draft.counters = await draft.loading;
  return draft.counters;
}
