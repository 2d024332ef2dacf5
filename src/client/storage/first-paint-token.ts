/**
 * The first paint's token (issue 19; first-paint/copy.ts): a value in localStorage that moves,
 * synchronously, before every IndexedDB write that can change what a board draws. A board's copy
 * is saved with the token read before the read that confirmed it, and drawn only while the token
 * is still that value, so a copy never shows a figure from before a write.
 *
 * Two paths write IndexedDB, and both move it: everything through Dexie passes the middleware
 * below (installed on every PulsDb), and the direct save (direct-write.ts) moves it itself before
 * it opens its transaction. Writes that cannot change a figure leave it alone, so a sync that
 * fails while the server is down does not throw away every copy: the outbox, the refused changes,
 * and the sync's own bookkeeping in meta (QUIET_META). Every other meta key (the session, the
 * last sync's time, facts mode, …) moves it.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { TOKEN_KEY } from '../first-paint/keys';

/** Tables no board's first screen reads. */
const QUIET_TABLES: ReadonlySet<string> = new Set(['outbox', 'rejected']);
/** Meta keys no board's first screen reads: sync and counter bookkeeping. */
export const QUIET_META: ReadonlySet<string> = new Set([
  'token',
  'cursor',
  'hlc',
  'nextSeq',
  'syncingSince',
  'progress',
  'persisted',
  'lastError',
  'clientTooOld',
  'serverOffsetMs',
  'factCursor',
  // Which units' rows a manager's device holds, most recently used first: opening a unit's board
  // touches it; the rows themselves come and go as writes to rows.
  'pinned',
]);

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a browser that refuses storage: no copies either
  }
}

const fresh = (): string => `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;

/** The current token; one is made when there is none yet. Null without localStorage. */
export function readToken(): string | null {
  const store = storage();
  if (store === null) return null;
  try {
    let token = store.getItem(TOKEN_KEY);
    if (token === null) {
      token = fresh();
      store.setItem(TOKEN_KEY, token);
    }
    return token;
  } catch {
    return null;
  }
}

/**
 * Moves the token: every copy saved before is void. Called before the write. If storage refuses
 * the new value the old one is removed, so no copy can be drawn.
 */
export function moveToken(): void {
  const store = storage();
  if (store === null) return;
  try {
    store.setItem(TOKEN_KEY, fresh());
  } catch {
    try {
      store.removeItem(TOKEN_KEY);
    } catch {
      // Nothing left to do: without storage no copy is read either.
    }
  }
  for (const listener of listeners) listener();
}

/** Called after the token moved, in this tab (synchronously) or another (storage event). */
export function onTokenMoved(listener: Listener): () => void {
  listeners.add(listener);
  const fromOtherTab = (e: StorageEvent) => {
    if (e.key === TOKEN_KEY || e.key === null) listener();
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', fromOtherTab);
  };
}

/** Whether a write to `table` can change a figure. */
export function movesToken(table: string, req: DBCoreMutateRequest): boolean {
  if (QUIET_TABLES.has(table)) return false;
  if (table !== 'meta') return true;
  switch (req.type) {
    case 'add':
    case 'put':
      return req.values.some((row) => !QUIET_META.has((row as { key?: unknown }).key as string));
    case 'delete':
      return req.keys.some((key) => !QUIET_META.has(key as string));
    default:
      return true; // deleteRange: anything may go
  }
}

/** The Dexie middleware: moves the token before a write that can change a figure reaches IndexedDB. */
export const firstPaintTokenMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'firstPaintToken',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (QUIET_TABLES.has(name)) return table;
      return {
        ...table,
        mutate: (req) => {
          if (movesToken(name, req)) moveToken();
          return table.mutate(req);
        },
      };
    },
  }),
};
