/**
 * One sync round = push the outbox, pull the change log, refresh the org tree. The round runs
 * under the cross-tab sync lock; its state (syncing, progress, last error) is written to `meta`
 * so every tab's status display follows it. Failures are recorded as `lastError` (an ErrorCode)
 * and retried with backoff; the outbox is never touched except through confirmations.
 */
import { AppError, type ErrorCode } from '../../shared/errors';
import { DEFAULT_DB_NAME, type PulsDb } from '../storage/db';
import { deleteMeta, getMetas, setMeta } from '../storage/meta';
import { applyScopeChange } from '../storage/device';
import { replaceUnits } from '../storage/org-repo';
import { onLocalWrite } from '../storage/records';
import type { SyncContext } from './context';
import { defaultLock, SYNC_LOCK_NAME, type SyncLock } from './lock';
import { syncFacts } from './facts';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { createScheduler } from './scheduler';
import { createHttpTransport, type SyncTransport } from './transport';

export interface SyncEngine {
  /** Syncs now, resetting the backoff. Resolves when done; errors go to lastError, not here. */
  syncNow(): Promise<void>;
  start(): void;
  stop(): void;
}

export interface SyncEngineOptions {
  db: PulsDb;
  transport?: SyncTransport;
  now?: () => number;
  random?: () => number;
  /** Defaults to navigator.locks, or an in-process mutex where there is none. */
  lock?: SyncLock;
  /** Poll period; tests shorten it. */
  intervalMs?: number;
}

/** Tabs tell each other on this channel when a round succeeded, so their backoff ends too. */
export const SYNC_CHANNEL_NAME = 'pulstavlan';

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db } = opts;
  const transport = opts.transport ?? createHttpTransport(db);
  const now = opts.now ?? (() => Date.now());
  const lock = opts.lock ?? defaultLock();
  const lockName = db.name === DEFAULT_DB_NAME ? SYNC_LOCK_NAME : `${SYNC_LOCK_NAME}:${db.name}`;
  let channel: BroadcastChannel | undefined;
  let running: Promise<void> | undefined;
  let unsubscribe: (() => void) | undefined;
  let again: Promise<void> | undefined;

  /** Runs one round unless this engine or another tab is already running one. */
  function runOnce(): Promise<void> {
    if (running) {
      // A save or a tap on "Synka nu" during a round may come after the round read the outbox:
      // run once more when it ends, rather than leave the change for the next timer (60 s).
      again ??= running.catch(() => undefined).then(() => {
        again = undefined;
        return runOnce();
      });
      return again;
    }
    running = lock(lockName, () => round(db, transport, now)).then(
      (didRun) => {
        running = undefined;
        if (didRun) channel?.postMessage({ type: 'synced' });
      },
      (error: unknown) => {
        running = undefined;
        throw error;
      },
    );
    return running;
  }

  const scheduler = createScheduler({ run: runOnce, now, random: opts.random ?? Math.random, ...(opts.intervalMs ? { intervalMs: opts.intervalMs } : {}) });

  return {
    syncNow: () => scheduler.syncNow(),
    start() {
      if (typeof BroadcastChannel !== 'undefined' && !channel) {
        channel = new BroadcastChannel(SYNC_CHANNEL_NAME);
        channel.onmessage = (event: MessageEvent) => {
          if ((event.data as { type?: unknown } | null)?.type === 'synced') scheduler.resetBackoff();
        };
      }
      // A local write asks for a sync here, not at each call site; offline, the browser's
      // 'online' event starts the next round (scheduler.ts).
      unsubscribe ??= onLocalWrite((written) => {
        if (written !== db || (typeof navigator !== 'undefined' && !navigator.onLine)) return;
        scheduler.syncNow().catch(() => undefined);
      });
      scheduler.start();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      scheduler.stop();
      channel?.close();
      channel = undefined;
    },
  };
}

/** One round. Throws (after recording lastError) so the scheduler can back off. */
async function round(db: PulsDb, transport: SyncTransport, now: () => number): Promise<void> {
  const meta = await getMetas(db, ['credential', 'revoked', 'serverOffsetMs']);
  if (!meta.credential) return; // nobody logged in: nothing to push, nothing we may pull
  if (meta.revoked === true) {
    // Pointless to ask again; data and outbox stay until someone re-enrols the device.
    await setMeta(db, 'lastError', 'device-revoked');
    return;
  }
  let offset = meta.serverOffsetMs;
  const ctx: SyncContext = {
    db,
    transport,
    deviceId: meta.credential.deviceId,
    now,
    serverNow: () => Math.round(now() + (offset ?? 0)),
    observeServerTime: (serverTime, sentAt) => {
      offset = Math.round(serverTime - (sentAt + now()) / 2);
    },
  };
  await setMeta(db, 'syncingSince', now());
  try {
    await pushOutbox(ctx);
    // A token renewed with another read scope (auth/token.ts) is applied here, before a pull;
    // renewed during the pull, its pages were of the old cursor: rebuild and pull again.
    await applyScopeChange(db);
    let facts = await pullChanges(ctx);
    if (await applyScopeChange(db)) facts = await pullChanges(ctx);
    await replaceUnits(db, await transport.org());
    // Facts mode needs the tree just read: which units are leaves (rule 22).
    await syncFacts(ctx, facts);
    await db.transaction('rw', db.meta, async () => {
      await setMeta(db, 'lastSyncAt', now());
      await setMeta(db, 'lastError', null);
      await setMeta(db, 'clientTooOld', false);
      if (offset !== undefined) await setMeta(db, 'serverOffsetMs', offset);
    });
  } catch (error) {
    await recordFailure(db, error, offset);
    throw error;
  } finally {
    await db.transaction('rw', db.meta, async () => {
      await deleteMeta(db, 'syncingSince');
      await setMeta(db, 'progress', null);
    });
  }
}

async function recordFailure(db: PulsDb, error: unknown, offset: number | undefined): Promise<void> {
  const code: ErrorCode = error instanceof AppError ? error.code : 'internal';
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'lastError', code);
    if (code === 'client-too-old') await setMeta(db, 'clientTooOld', true);
    if (offset !== undefined) await setMeta(db, 'serverOffsetMs', offset);
  });
}
