/**
 * The other boards' rows for item 4's region, for whichever of them the registry has: one
 * staffing row per unit and day (shift "dygn", ~50,000), one Gröna korset day per unit and day
 * (~50,000, mostly confirmed green) and safety events on ~4 % of unit-days. Entities are looked
 * up by name at run time and a sample record is checked against the registry's schema (see
 * conform()), so a board whose schema moved on is reported, not timed over rows its route drops.
 */
import { uuidv7 } from 'uuidv7';
import { ENTITIES, type EntityDef } from '../../src/shared/schema/registry';
import { formatHlc } from '../../src/shared/sync/hlc';
import { daysIn, prng } from './gen';
import type { RawDb, RawRow } from './rawdb';

type Maker = (rand: () => number, unitId: string, date: string) => Record<string, unknown> | null;

/** Generators by entity name; each returns one record for the unit-day, or null for none. */
const MAKERS: Record<string, Maker> = {
  staffingShift: (rand, unitId, date) => {
    const planned = 18 + Math.floor(rand() * 12);
    const sick = rand() < 0.4 ? Math.floor(rand() * 4) : 0;
    const vab = rand() < 0.1 ? 1 : 0;
    const otherAbsence = rand() < 0.1 ? 1 : 0;
    const covered = Math.floor(rand() * (sick + vab + otherAbsence + 1));
    return { id: `staffingShift:${unitId}:${date}:dygn`, unitId, date, shift: 'dygn', planned, sick, vab, otherAbsence, covered };
  },
  // The date is in the id; older versions of the schema also had it as a field (see conform()).
  safetyDay: (rand, unitId, date) => ({ id: `safetyDay:${unitId}:${date}`, unitId, date, confirmedGreen: rand() < 0.9 }),
  safetyEvent: (rand, unitId, date) =>
    rand() < 0.04
      ? {
          id: uuidv7(),
          unitId,
          date,
          category: ['fall', 'trycksar', 'vri', 'lakemedel', 'ovrigt'][Math.floor(rand() * 5)],
          severity: rand() < 0.8 ? 'gul' : rand() < 0.8 ? 'orange' : 'rod',
          reportedInDeviationSystem: rand() < 0.7,
          createdAt: `${date}T12:00:00.000Z`,
        }
      : null,
};

export interface BoardFill {
  /** Rows written per entity. */
  written: Record<string, number>;
  /** Entities this bench can generate that the registry does not have (yet). */
  absent: string[];
  /** Entities whose generator no longer fits the schema, with the first issue. */
  outdated: Record<string, string>;
}

/**
 * Checks one record against the schema. Fields the schema no longer knows are dropped (a board
 * that moved a field into its id, say); anything else wrong returns the issue and the entity
 * is skipped, so a changed schema shows up in the report instead of as rows the route ignores.
 */
function conform(def: EntityDef, data: Record<string, unknown>): { keys: string[] } | { issue: string } {
  let check = def.schema.safeParse(data);
  const extra = check.success ? [] : check.error.issues.filter((i) => i.code === 'unrecognized_keys').flatMap((i) => (i as { keys: string[] }).keys);
  const keys = Object.keys(data).filter((k) => !extra.includes(k));
  if (extra.length > 0) check = def.schema.safeParse(Object.fromEntries(keys.map((k) => [k, data[k]])));
  return check.success ? { keys } : { issue: JSON.stringify(check.error.issues[0]) };
}

export async function fillBoards(raw: RawDb, unitIds: readonly string[], months: readonly string[]): Promise<BoardFill> {
  const entities = ENTITIES as Record<string, EntityDef | undefined>;
  const fill: BoardFill = { written: {}, absent: Object.keys(MAKERS).filter((e) => entities[e] === undefined), outdated: {} };
  const keysOf: Record<string, string[]> = {};
  const rand = prng(50_000);
  for (const entity of Object.keys(MAKERS).filter((e) => entities[e] !== undefined)) {
    const sample = (MAKERS[entity] as Maker)(() => 0, 'bench-unit', '2026-01-15') ?? {};
    const fit = conform(entities[entity] as EntityDef, sample);
    if ('issue' in fit) fill.outdated[entity] = fit.issue;
    else keysOf[entity] = fit.keys;
  }
  const hlc = formatHlc({ millis: Date.now() - 86_400_000, counter: 0, node: 'benchgenerator' });
  let batch: RawRow[] = [];
  for (const unitId of unitIds) {
    for (const month of months) {
      for (let day = 1; day <= daysIn(month); day++) {
        const date = `${month}-${String(day).padStart(2, '0')}`;
        for (const [entity, keys] of Object.entries(keysOf)) {
          const def = entities[entity] as EntityDef;
          const made = (MAKERS[entity] as Maker)(rand, unitId, date);
          if (made === null) continue;
          const data = Object.fromEntries(keys.map((k) => [k, made[k]]));
          fill.written[entity] = (fill.written[entity] ?? 0) + 1;
          const hlcs = def.mode === 'lww' ? Object.fromEntries(keys.map((k) => [k, hlc])) : {};
          batch.push({ entity, id: String(data.id), unitId, data, sortKey: def.sortKey(data), hlcs });
        }
      }
    }
    if (batch.length >= 10_000) {
      await raw.insertBatched(batch, [], 1_000);
      batch = [];
    }
  }
  if (batch.length > 0) await raw.insertBatched(batch, [], 1_000);
  return fill;
}
