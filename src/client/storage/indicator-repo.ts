/**
 * Mål och resultat (issue 6) in the local replica: the indicator rows (definitions and target
 * overrides per level) and the raw rows the shared indicator functions need, so a manager's
 * device computes the same report and series as the server, offline (a manager's device holds
 * its whole read scope; rows on the ancestors above it come from the cached config answer).
 *
 * Writes are lww per field: saveIndicator inserts a row the device has never seen and otherwise
 * patches only the given fields (reviving a removed row with `_deleted: false`). A revived row
 * keeps the fields it had before the removal that the patch does not set again.
 */
import { emptyInput, type IndicatorInput, type LoadRange } from '../../shared/domain/indicators';
import { ancestorsOf, subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { IndicatorConfigResponse } from '../../shared/indicators-api';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { HrMonth } from '../../shared/schema/hr-month';
import { Indicator, indicatorIdFor } from '../../shared/schema/indicator';
import type { EntityName } from '../../shared/schema/registry';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import { StaffingSettings, staffingSettingsIdFor } from '../../shared/schema/staffing-settings';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { settingsIdFor, UnitSettings } from '../../shared/schema/unit-settings';
import { DELETED_FIELD, publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import type { z } from 'zod/mini';
import type { PulsDb, RowRecord } from './db';
import { writeChange } from './records';

const configCacheKey = (unitId: string) => `indicators.config:${unitId}`;

/** Live rows that still parse (a row written under an older schema is left out, not guessed at). */
function parsed<T>(rows: readonly RowRecord[], schema: z.ZodMiniType<T>): T[] {
  const out: T[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const p = schema.safeParse(publicData(row));
    if (p.success) out.push(p.data);
  }
  return out;
}

/** A unit's rows of `entity` with from ≤ sortKey ≤ to (dates, or months for hrMonth). */
const dated = <T>(db: PulsDb, entity: EntityName, schema: z.ZodMiniType<T>, unitId: string, from: string, to: string): Promise<T[]> =>
  db.rows
    .where('[entity+unitId+sortKey]')
    .between([entity, unitId, from], [entity, unitId, to], true, true)
    .toArray()
    .then((rows) => parsed(rows, schema));

async function byId<T>(db: PulsDb, entity: EntityName, id: string, schema: z.ZodMiniType<T>): Promise<T | null> {
  const row = await db.rows.get([entity, id]);
  return row === undefined ? null : (parsed([row], schema)[0] ?? null);
}

/** Live indicator rows owned by `unitId` (its own definitions and overrides). */
export async function listIndicatorRows(db: PulsDb, unitId: string): Promise<Indicator[]> {
  const rows = await db.rows.where('[entity+unitId]').equals(['indicator', unitId]).toArray();
  return parsed(rows, Indicator).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
async function indicatorRowsFor(db: PulsDb, units: readonly TreeUnit[], rootId: string): Promise<Indicator[]> {
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
 * The raw rows the shared indicator functions need for `rootId`'s subtree and `range` (from
 * reportRange / seriesRange; only its `windows` when it has them): BHK observations filed in the
 * range (corrections included), safety events from `range.eventsFrom` (the last fall), confirmed
 * days, shifts, HR months whose month touches the range, quotas and staffing settings, and the indicator rows (see indicatorRowsFor).
 */
export async function indicatorInput(
  db: PulsDb,
  units: TreeUnit[],
  rootId: string,
  range: { from: string; to: string; eventsFrom?: string } | LoadRange,
  today: string,
): Promise<IndicatorInput> {
  const input: IndicatorInput = { ...emptyInput(units, rootId, today), indicatorRows: await indicatorRowsFor(db, units, rootId) };
  const { from, to } = range;
  const eventsFrom = range.eventsFrom ?? from;
  // Only the windows the figures need (a month's report: not the year between it and last year's).
  const windows = ('windows' in range ? range.windows : undefined) ?? [{ from, to }];
  for (const id of subtreeIds(units, rootId)) {
    for (const w of windows) {
      input.bhk.push(...(await dated(db, 'bhkObservation', BhkObservation, id, w.from, w.to)));
      input.safetyDays.push(...(await dated(db, 'safetyDay', SafetyDay, id, w.from, w.to)));
      input.shifts.push(...(await dated(db, 'staffingShift', StaffingShift, id, w.from, w.to)));
    }
    input.safetyEvents.push(...(await dated(db, 'safetyEvent', SafetyEvent, id, eventsFrom, to)));
    // Two windows may touch one month (weeks on either side of a month's turn): one row each.
    const seen = new Set<string>();
    for (const w of windows) {
      for (const m of await dated(db, 'hrMonth', HrMonth, id, w.from.slice(0, 7), w.to.slice(0, 7))) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        input.hrMonths.push(m);
      }
    }
    const settings = await byId(db, 'unitSettings', settingsIdFor(id), UnitSettings);
    if (settings !== null) input.unitSettings.push(settings);
    const staffing = await byId(db, 'staffingSettings', staffingSettingsIdFor(id), StaffingSettings);
    if (staffing !== null) input.staffingSettings.push(staffing);
  }
  return input;
}
