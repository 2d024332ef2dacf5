/**
 * Every synced entity, with its schema and merge mode.
 * - `append`: immutable records with client-generated UUIDv7 ids; inserts only, a replay is a no-op.
 * - `lww`: editable records with deterministic ids; patched per field, last writer by HLC wins;
 *   deletes are tombstones (sync/README.md rules 10–13).
 * Adding a board = adding its schema here (and a Dexie table and a server projection if needed).
 */
import { z } from 'zod/mini';
import { BhkObservation } from './bhk-observation';
import { UnitSettings } from './unit-settings';

export const ENTITY_NAMES = ['bhkObservation', 'unitSettings'] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

export type MergeMode = 'append' | 'lww';

export interface EntityDef {
  readonly mode: MergeMode;
  readonly schema: z.ZodMiniType;
  /** Fields a patch may never change: they decide where the row lives. */
  readonly immutable: readonly string[];
}

export const ENTITIES: Record<EntityName, EntityDef> = {
  bhkObservation: { mode: 'append', schema: BhkObservation, immutable: ['id', 'unitId'] },
  unitSettings: { mode: 'lww', schema: UnitSettings, immutable: ['id', 'unitId'] },
};

/** The schema version the client writes into each change; the server upcasts older ones. */
export const SCHEMA_VERSION = 1;
