/**
 * Which device this database belongs to. A new credential (login, enrolment, re-enrolment of a
 * revoked tablet) adopts whatever is still in the outbox instead of discarding it (docs/sync.md §2.11):
 * the changes are renumbered from 1 for the new device id and pushed under it.
 */
import type { Identity } from '../../shared/api';
import { counterTransaction } from './counter-lease';
import { mergeIntoRows } from './rows';
import type { PulsDb } from './db';
import { deleteMeta, getMeta, setMeta, type Credential, type MetaKey } from './meta';
import { resequenceOutbox } from './outbox';

/** Per-session sync state; forgotten whenever the device identity changes. */
const SESSION_KEYS: MetaKey[] = [
  'token',
  'cursor',
  'firstSyncDone',
  'lastSyncAt',
  'lastError',
  'revoked',
  'clientTooOld',
  'progress',
  'syncingSince',
  'factsMode',
  'factsBulk',
  'factCursor',
  'factWindow',
  'pinned',
  'scopeChanged',
  'signedInWith',
];

export async function adoptCredential(db: PulsDb, credential: Credential, identity: Identity): Promise<void> {
  // A counter transaction (counter-lease.ts): a new device id renumbers the outbox and names the clock.
  await counterTransaction(db, [db.meta, db.outbox, db.rows, db.units, db.facts], async () => {
    const previous = await getMeta(db, 'identity');
    const keepRows = previous !== undefined && sameScope(previous, identity);
    await deleteMeta(db, ...SESSION_KEYS);
    await setMeta(db, 'credential', credential);
    await setMeta(db, 'identity', identity);
    // The new device id has last_seq 0 on the server (rule 4).
    await resequenceOutbox(db, 1);
    // The cursor restarts at 0, so the new device pulls its whole scope. Rows from another
    // scope must not linger on a shared tablet; the outbox's own writes stay visible.
    if (!keepRows) await rebuildFromOutbox(db);
  });
}

/** Forgets who is logged in and every row and unit pulled for them. The outbox and rejected
 * changes stay: they are unsynced work, go out with the next credential, and the next session
 * rebuilds their rows (adoptCredential). */
export async function clearSession(db: PulsDb): Promise<void> {
  // A counter transaction (counter-lease.ts): without a credential no tab may write.
  await counterTransaction(db, [db.meta, db.rows, db.units, db.facts], async () => {
    await deleteMeta(db, 'credential', 'identity', ...SESSION_KEYS);
    await db.rows.clear();
    await db.units.clear();
    await db.facts.clear();
  });
}

/**
 * Stores the identity the server reports with each token. Token renewal only records: if the read
 * scope changed (a person moved or promoted), it marks `scopeChanged`, and the sync round rebuilds
 * the replica explicitly (applyScopeChange) before its next pull. Call inside a transaction over meta.
 */
export async function recordIdentity(db: PulsDb, identity: Identity): Promise<void> {
  const previous = await getMeta(db, 'identity');
  await setMeta(db, 'identity', identity);
  if (previous && !sameScope(previous, identity)) await setMeta(db, 'scopeChanged', true);
}

/**
 * The one place a changed read scope rebuilds the replica: the cursors restart (changes before
 * them in the new scope were never pulled) and rows, units and facts of the old scope go, the
 * outbox's own writes staying visible. Returns whether there was a change to apply.
 */
export async function applyScopeChange(db: PulsDb): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.outbox, db.rows, db.units, db.facts], async () => {
    if ((await getMeta(db, 'scopeChanged')) !== true) return false;
    await deleteMeta(db, 'cursor', 'firstSyncDone', 'factsMode', 'factsBulk', 'factCursor', 'factWindow', 'pinned', 'scopeChanged');
    await rebuildFromOutbox(db);
    return true;
  });
}

const sameScope = (a: Identity, b: Identity): boolean => a.scopeUnitId === b.scopeUnitId && a.role === b.role;

export async function markRevoked(db: PulsDb): Promise<void> {
  await setMeta(db, 'revoked', true);
}

async function rebuildFromOutbox(db: PulsDb): Promise<void> {
  await db.rows.clear();
  await db.units.clear();
  await db.facts.clear();
  const pending = await db.outbox.orderBy('seq').toArray();
  for (const row of pending) await mergeIntoRows(db, row.change);
}
