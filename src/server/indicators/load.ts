/**
 * Raw rows for the shared indicator functions (domain/indicators/), loaded from the store for a
 * root's subtree and a date range (report.ts reportRange / seriesRange), like the staffing
 * roll-up: rows that no longer parse are left out, not guessed at. Dated rows are read only in the
 * range's `windows` (the period and its compare periods, not the months between them). Indicator rows come from the
 * root's ancestors and its subtree (definitions resolve along the whole path).
 */
import type { IndicatorInput, LoadRange } from '../../shared/domain/indicators';
import { ancestorsOf } from '../../shared/domain/rollup';
import { localDate } from '../../shared/domain/periods';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { HrMonth } from '../../shared/schema/hr-month';
import { Indicator } from '../../shared/schema/indicator';
import type { EntityName } from '../../shared/schema/registry';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import { StaffingSettings } from '../../shared/schema/staffing-settings';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { UnitSettings } from '../../shared/schema/unit-settings';
import { publicData } from '../../shared/sync/merge';
import type { z } from 'zod/mini';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

export async function rowsOf<T>(store: Store, entity: EntityName, schema: z.ZodMiniType<T>, path: string, from: string, to: string): Promise<T[]> {
  const out: T[] = [];
  for (const row of await store.listRows(entity, path, from, to)) {
    // publicData drops the tombstone field a revived cell keeps (`_deleted: false`).
    const parsed = schema.safeParse(publicData(row));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Indicator rows on the ancestors of `unitId` (not its own). */
export async function ancestorIndicatorRows(store: Store, org: OrgView, unitId: string): Promise<Indicator[]> {
  const ancestors = ancestorsOf(org.tree, unitId);
  const top = org.get(ancestors.at(-1) ?? unitId);
  if (top === undefined || ancestors.length === 0) return [];
  const wanted = new Set(ancestors);
  return (await rowsOf(store, 'indicator', Indicator, top.path, '', '')).filter((r) => wanted.has(r.unitId));
}

/** Rows of a dated entity in every window of `range` (the windows are disjoint: no duplicates). */
async function windowed<T>(store: Store, entity: EntityName, schema: z.ZodMiniType<T>, path: string, range: LoadRange, months = false): Promise<T[]> {
  const out: T[] = [];
  for (const w of range.windows ?? [range]) {
    out.push(...(await rowsOf(store, entity, schema, path, months ? w.from.slice(0, 7) : w.from, months ? w.to.slice(0, 7) : w.to)));
  }
  // Two windows may touch one month (a week on either side of a month's turn): one row each.
  if (!months) return out;
  const seen = new Set<string>();
  return out.filter((r) => {
    const id = (r as { id: string }).id;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export async function loadIndicatorInput(store: Store, org: OrgView, root: UnitRow, range: LoadRange, now: number): Promise<IndicatorInput> {
  const path = root.path;
  return {
    units: [...org.tree],
    rootId: root.id,
    today: localDate(now),
    indicatorRows: [...(await ancestorIndicatorRows(store, org, root.id)), ...(await rowsOf(store, 'indicator', Indicator, path, '', ''))],
    bhk: await windowed(store, 'bhkObservation', BhkObservation, path, range),
    unitSettings: await rowsOf(store, 'unitSettings', UnitSettings, path, '', ''),
    safetyEvents: await rowsOf(store, 'safetyEvent', SafetyEvent, path, range.eventsFrom, range.to),
    safetyDays: await windowed(store, 'safetyDay', SafetyDay, path, range),
    shifts: await windowed(store, 'staffingShift', StaffingShift, path, range),
    staffingSettings: await rowsOf(store, 'staffingSettings', StaffingSettings, path, '', ''),
    hrMonths: await windowed(store, 'hrMonth', HrMonth, path, range, true),
  };
}
