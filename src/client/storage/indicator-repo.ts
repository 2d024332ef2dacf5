/**
 * Mål och resultat (issue 6) in the local replica: the indicator rows (definitions and target
 * overrides per level) and the context the shared indicator functions need, so a device computes
 * the same report and series as the server, offline (rows on the levels above the replica come
 * from the cached config answer; the figures from device-facts.ts).
 *
 * Writes are lww per field: saveIndicator inserts a row the device has never seen and otherwise
 * patches only the given fields (reviving a removed row with `_deleted: false`). A revived row
 * keeps the fields it had before the removal that the patch does not set again.
 */
import type { IndicatorContext } from '../../shared/domain/indicators';
import { boardGoal, type BoardGoal } from '../../shared/domain/indicators/board-goal';
import { ancestorsOf, subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { IndicatorConfigResponse } from '../../shared/indicators-api';
import { Indicator, indicatorIdFor } from '../../shared/schema/indicator';
import type { EntityName } from '../../shared/schema/registry';
import { settingsIdFor, UnitSettings } from '../../shared/schema/unit-settings';
import { DELETED_FIELD, publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import type { PulsDb } from './db';
import { deviceFacts } from './device-facts';
import { reportedValuesOf } from './reported-repo';
import { writeChange } from './records';
import { recordOf, recordsOf } from './row-reader';

const configCacheKey = (unitId: string) => `indicators.config:${unitId}`;

async function byId<T>(db: PulsDb, entity: EntityName, id: string): Promise<T | null> {
  const row = await db.rows.get([entity, id]);
  return recordOf<T>(row) ?? null;
}

/** Live indicator rows owned by `unitId` (its own definitions and overrides). */
export async function listIndicatorRows(db: PulsDb, unitId: string): Promise<Indicator[]> {
  const rows = await db.rows.where('[entity+unitId]').equals(['indicator', unitId]).toArray();
  return recordsOf<Indicator>(rows).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Sets fields of `unitId`'s row for `key`; the row as it would be after the write must be valid. */
export async function saveIndicator(
  db: PulsDb,
  unitId: string,
  key: string,
  patch: Partial<Omit<Indicator, 'id' | 'unitId' | 'key'>>,
  now: number = Date.now(),
): Promise<void> {
  const id = indicatorIdFor(unitId, key);
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const existing = await db.rows.get(['indicator', id]);
  const base = existing === undefined || existing.deleted ? {} : publicData(existing);
  const check = Indicator.safeParse({ ...base, ...fields, id, unitId, key });
  if (!check.success) {
    const { code, path } = issueToError(check.error);
    throw new AppError(code, { entity: 'indicator' }, path);
  }
  if (existing === undefined) {
    await writeChange(db, { entity: 'indicator', op: 'insert', id, unitId, fields: { id, unitId, key, ...fields } }, now);
    return;
  }
  if (existing.deleted) fields[DELETED_FIELD] = false;
  if (Object.keys(fields).length === 0) return;
  await writeChange(db, { entity: 'indicator', op: 'patch', id, unitId, fields }, now);
}

/** Removes `unitId`'s own row for `key` (a tombstone): the level inherits from above again. */
export async function removeIndicator(db: PulsDb, unitId: string, key: string, now: number = Date.now()): Promise<void> {
  const id = indicatorIdFor(unitId, key);
  const existing = await db.rows.get(['indicator', id]);
  if (existing === undefined || existing.deleted) return;
  await writeChange(db, { entity: 'indicator', op: 'delete', id, unitId, fields: {} }, now);
}

/** Keeps the server's /api/indicators/config answer for `unitId` (ancestor rows) for offline use. */
export async function cacheIndicatorConfig(db: PulsDb, unitId: string, res: IndicatorConfigResponse): Promise<void> {
  await db.meta.put({ key: configCacheKey(unitId), value: res });
}

export async function getCachedIndicatorConfig(db: PulsDb, unitId: string): Promise<IndicatorConfigResponse | null> {
  const row = await db.meta.get(configCacheKey(unitId));
  const p = IndicatorConfigResponse.safeParse(row?.value);
  return p.success ? p.data : null;
}

/**
 * Indicator rows on the path to `rootId` and in its subtree: rows in the replica, and for the
 * levels above the replica the cached config answers of rootId or any of its ancestors (the
 * replica's row wins where both hold one).
 */
export async function indicatorRowsFor(db: PulsDb, units: readonly TreeUnit[], rootId: string): Promise<Indicator[]> {
  const ancestors = ancestorsOf(units, rootId);
  const out = new Map<string, Indicator>();
  for (const id of [rootId, ...ancestors]) {
    for (const r of (await getCachedIndicatorConfig(db, id))?.rows ?? []) if (!out.has(r.id)) out.set(r.id, r);
  }
  const held = new Set<string>();
  for (const id of [...ancestors, ...subtreeIds(units, rootId)]) {
    for (const r of await listIndicatorRows(db, id)) {
      out.set(r.id, r);
      held.add(r.id);
    }
    // A removal the device holds beats a cached copy of the row.
    const removed = await db.rows.where('[entity+unitId]').equals(['indicator', id]).filter((r) => r.deleted).toArray();
    for (const r of removed) if (!held.has(r.id)) out.delete(r.id);
  }
  return [...out.values()];
}

/**
 * A board's goal at `unitId` (shared/domain/indicators/board-goal.ts): the catalogue's
 * definition of `key` in force there, from the same rows Mål och resultat resolves on this
 * device (the replica's, and the cached config answers for the levels above it).
 */
export async function boardGoalFor(db: PulsDb, units: readonly TreeUnit[], unitId: string, key: string): Promise<BoardGoal> {
  return boardGoal(await indicatorRowsFor(db, units, unitId), units, unitId, key);
}

/**
 * What the shared indicator functions need for `rootId`'s subtree on this device: the tree, the
 * indicator rows (see indicatorRowsFor), the units' settings and the facts (device-facts.ts: the
 * fact blocks in facts mode, else facts of the replica's board rows). Then indicatorReport /
 * indicatorSeries give the server's answer.
 */
export async function indicatorContext(db: PulsDb, units: TreeUnit[], rootId: string, today: string): Promise<IndicatorContext> {
  const unitSettings: UnitSettings[] = [];
  for (const id of subtreeIds(units, rootId)) {
    const settings = await byId<UnitSettings>(db, 'unitSettings', settingsIdFor(id));
    if (settings !== null) unitSettings.push(settings);
  }
  return {
    units,
    rootId,
    today,
    indicatorRows: await indicatorRowsFor(db, units, rootId),
    unitSettings,
    reader: await deviceFacts(db, units, rootId, today),
    reportedRows: await reportedValuesOf(db, units, rootId),
  };
}
