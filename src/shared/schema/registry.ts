/**
 * Every synced entity, with its schema and merge mode.
 * - `append`: immutable records with client-generated UUIDv7 ids; inserts only, a replay is a no-op.
 * - `lww`: editable records with deterministic ids; patched per field, last writer by HLC wins;
 *   deletes are tombstones (sync/README.md rules 10–13).
 * Adding a board = adding its schema here (and a Dexie table and a server projection if needed).
 */
import { z } from 'zod/mini';
import { BhkObservation } from './bhk-observation';
import { settingsIdFor, UnitSettings } from './unit-settings';

export const ENTITY_NAMES = ['bhkObservation', 'unitSettings'] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

export type MergeMode = 'append' | 'lww';

export interface EntityDef {
  readonly mode: MergeMode;
  readonly schema: z.ZodMiniType;
  /** Fields a patch may never change: they decide where the row lives. */
  readonly immutable: readonly string[];
  /** Key both replicas index rows by within a unit (a date for dated records), '' if none. */
  readonly sortKey: (data: Readonly<Record<string, unknown>>) => string;
  /**
   * Deterministic ids name their unit: true if `id` may be a row of `unitId`. Without it, a
   * device could claim another unit's id first and lock that unit out of the row (rule 13).
   */
  readonly ownsId?: (id: string, unitId: string) => boolean;
}

const byDate = (data: Readonly<Record<string, unknown>>): string => (typeof data.date === 'string' ? data.date : '');

export const ENTITIES: Record<EntityName, EntityDef> = {
  bhkObservation: { mode: 'append', schema: BhkObservation, immutable: ['id', 'unitId'], sortKey: byDate },
  unitSettings: {
    mode: 'lww',
    schema: UnitSettings,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === settingsIdFor(unitId),
  },
};

/** The schema version the client writes into each change; the server upcasts older ones. */
export const SCHEMA_VERSION = 1;
