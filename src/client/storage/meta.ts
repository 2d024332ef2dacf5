/**
 * Typed access to the `meta` key-value table. Every key the client keeps is declared here with
 * its type, so a misspelt key or a wrong value type fails to compile.
 *
 * These helpers join the caller's transaction when one is open (Dexie zones), so a read-modify-
 * write over several keys stays atomic when wrapped in `db.transaction('rw', db.meta, …)`.
 */
import type { Identity } from '../../shared/api';
import type { ErrorCode } from '../../shared/errors';
import type { FactWindow } from '../../shared/facts-api';
import type { Hlc } from '../../shared/sync/hlc';
import type { PulsDb } from './db';

export interface Credential {
  readonly deviceId: string;
  readonly deviceSecret: string;
}

export interface AccessToken {
  readonly token: string;
  /** Server epoch ms. Compared with the local clock corrected by `serverOffsetMs`. */
  readonly expiresAt: number;
}

export interface SyncProgress {
  readonly done: number;
  readonly total: number;
}

export interface MetaValues {
  credential: Credential;
  identity: Identity;
  token: AccessToken;
  /** Last server_seq applied locally (rule 8); 0 before the first pull. */
  cursor: number;
  /** A floor of the device's clock: the clock is the later of this and the last outbox row's HLC
   * (counters.ts). Written only in counter transactions (counter-lease.ts), like `nextSeq` and
   * `credential`. */
  hlc: Hlc;
  /** A floor of the seq the next local write takes (rule 2): that is the larger of this and the
   * last outbox row's seq + 1. */
  nextSeq: number;
  lastSyncAt: number;
  lastError: ErrorCode | null;
  firstSyncDone: boolean;
  /** serverTime − local time, measured at the midpoint of the last sync request. */
  serverOffsetMs: number;
  revoked: boolean;
  clientTooOld: boolean;
  /** Result of navigator.storage.persist(); null where the browser has no such API. */
  persisted: boolean | null;
  /** Local epoch ms when the running sync started; absent when none runs. Lives here (not in
   * memory) so every tab's status display sees it. */
  syncingSince: number;
  progress: SyncProgress | null;
  /** Facts mode (rule 22): the server said this device pulls facts, not its units' board rows. */
  factsMode: boolean;
  /** BULK_ENTITIES (joined) when a fact pull last reached the feed's head (completeFactsBulk):
   * until it is this release's list, reported values are read from rows, not blocks. */
  factsBulk: string;
  /** Highest fact block seq applied (rule 23); 0 before the first fact pull. */
  factCursor: number;
  /** The window of the fact blocks held (the server's, at the last fact pull). */
  factWindow: FactWindow;
  /** Units whose board rows this device holds on demand (rule 24), most recently used first. */
  pinned: readonly PinnedUnit[];
  /** A renewed token reported another read scope; the next sync round rebuilds the replica for it
   * (storage/device.ts applyScopeChange) before it pulls. */
  scopeChanged: boolean;
  /** This session came from the region's identity provider (issue 12): logout ends it there too. */
  signedInWith: 'oidc';
}

export interface PinnedUnit {
  readonly unitId: string;
  /** Local epoch ms of the last time a screen asked for the unit. */
  readonly usedAt: number;
}

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: PulsDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: PulsDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

/** Writes several keys in one request. */
export async function setMetas(db: PulsDb, values: Partial<MetaValues>): Promise<void> {
  await db.meta.bulkPut(Object.entries(values).map(([key, value]) => ({ key, value })));
}

export async function deleteMeta(db: PulsDb, ...keys: MetaKey[]): Promise<void> {
  await db.meta.bulkDelete(keys);
}

/** Reads several keys in one request. */
export async function getMetas<K extends MetaKey>(db: PulsDb, keys: readonly K[]): Promise<Partial<Pick<MetaValues, K>>> {
  const rows = await db.meta.bulkGet([...keys]);
  const out: Partial<Pick<MetaValues, K>> = {};
  rows.forEach((row, i) => {
    const key = keys[i];
    if (row && key !== undefined) (out as Record<string, unknown>)[key] = row.value;
  });
  return out;
}
