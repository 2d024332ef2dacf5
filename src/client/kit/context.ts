/**
 * What every screen may reach: the database, the HTTP API, the sync engine, the session and the
 * sync snapshot. Created once in App and handed down by context, never imported as globals, so
 * tests can provide their own.
 */
import { createContext, useContext, type Accessor } from 'solid-js';
import type { Api } from '../api/http';
import type { Session } from '../auth/session';
import type { PulsDb } from '../storage/db';
import type { SyncSnapshot } from '../storage/sync-state';
import type { SyncEngine } from '../sync/engine';

export interface AppServices {
  db: PulsDb;
  api: Api;
  engine: SyncEngine;
  /** undefined while the stored session is being read; null when logged out. */
  session: Accessor<Session | null | undefined>;
  setSession: (s: Session | null) => void;
  sync: Accessor<SyncSnapshot | undefined>;
  online: Accessor<boolean>;
}

export const AppContext = createContext<AppServices>();

export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (ctx === undefined) throw new Error('useApp outside <AppContext.Provider>');
  return ctx;
}

/**
 * The session for screens that are only rendered when logged in. An accessor, because a re-enrolled
 * tablet gets a new session while the screen stays mounted.
 */
export function useSession(): Accessor<Session> {
  const { session } = useApp();
  // Keeps the last session through logout, so a screen being torn down never reads null.
  let last: Session | undefined;
  return () => {
    last = session() ?? last;
    if (last === undefined) throw new Error('useSession outside a logged-in screen');
    return last;
  };
}
