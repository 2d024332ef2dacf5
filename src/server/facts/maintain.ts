/**
 * Keeps the fact tables equal to the facts of the raw rows (shared/domain/facts), inside the
 * push's transaction (sync/README.md rule 20): for every row the push wrote, its old contribution
 * goes out and its new one goes in.
 *  - An editable cell (safety day, shift, beds day) contributes its own state: old minus new.
 *  - An append-only record without `replaces` is a tree of its own: its contribution is added.
 *  - A correction changes its tree, which lies in one (unit, date) bucket (the write rules keep a
 *    correction on its original's unit and date): the bucket's stored records are read, and the
 *    bucket's contribution before and after the push is what goes out and in.
 *  - HR months are stored as they are (fact_hr), not summed; so are reported values (fact_reported).
 * Day rows of families with derived fields (a day's worst colour, "the day has a shift") are read,
 * changed and derived again; a month's row changes by exactly what its day's row changed, so
 * months stay the sum of their days, and the year-to-month rows (grain c, summed over keys) of that
 * month to December change by the same. The (unit, year) and (unit, month) blocks touched get the
 * next block sequence number (the fact feed of manager devices, rule 21).
 */
import { type Contribution, bedsContribution, bhkBucket, cumulativeFacts, eventBucket, safetyDayContribution, shiftContribution } from '../../shared/domain/facts/contrib';
import { addVectors, baseOnly, derive, type Family, type FactRow, FAMILIES, fieldIndex, isZero, subVectors } from '../../shared/domain/facts/families';
import { FACT_YEARS } from '../../shared/facts-api';
import { BedsDay } from '../../shared/schema/beds-day';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { HrMonth } from '../../shared/schema/hr-month';
import { ReportedValue, reportedValueAddress } from '../../shared/schema/reported-value';
import type { EntityName } from '../../shared/schema/registry';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { publicData, type RowState } from '../../shared/sync/merge';
import type { BlockRef, FactRef } from '../store/fact-ops';
import type { StoreTx } from '../store/store';

/** One row the push wrote: its state before the push (null: new) and after. */
export interface RowWrite {
  initial: RowState | null;
  final: RowState;
  sortKey: string;
}

export const FACT_ENTITIES: ReadonlySet<EntityName> = new Set(['bhkObservation', 'safetyEvent', 'safetyDay', 'staffingShift', 'bedsDay', 'hrMonth', 'reportedValue']);

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

/** A live row's record, or null (tombstone, or a row that no longer parses: it counts nowhere). */
function live<T>(schema: Schema<T>, row: RowState | null): T | null {
  if (row === null || row.deleted) return null;
  const p = schema.safeParse(publicData(row));
  return p.success ? p.data : null;
}

function cellContribution(row: RowState | null): Contribution[] {
  if (row === null) return [];
  switch (row.entity) {
    case 'safetyDay': {
      const d = live(SafetyDay, row);
      return d === null ? [] : safetyDayContribution(d);
    }
    case 'staffingShift': {
      const s = live(StaffingShift, row);
      return s === null ? [] : shiftContribution(s);
    }
    case 'bedsDay': {
      const b = live(BedsDay, row);
      return b === null ? [] : bedsContribution(b);
    }
    default:
      return [];
  }
}

const negate = (cs: readonly Contribution[]): Contribution[] => cs.map((c) => ({ ...c, v: c.v.map((x) => -x) }));

function bucketContribution(entity: EntityName, unitId: string, date: string, rows: readonly RowState[]): Contribution[] {
  if (entity === 'bhkObservation') return bhkBucket(unitId, date, rows.flatMap((r) => live(BhkObservation, r) ?? []));
  return eventBucket(unitId, date, rows.flatMap((r) => live(SafetyEvent, r) ?? []));
}

/** Every contribution that changes with these writes, signed (+ new state, − old state). */
async function deltasOf(tx: StoreTx, writes: readonly RowWrite[]): Promise<Contribution[]> {
  const out: Contribution[] = [];
  const buckets = new Map<string, { entity: EntityName; unitId: string; date: string; rows: RowState[]; corrects: boolean }>();
  for (const w of writes) {
    const entity = w.final.entity;
    if (entity === 'bhkObservation' || entity === 'safetyEvent') {
      if (w.initial !== null) continue; // an append-only row never changes once stored
      const k = `${entity}\u0000${w.final.unitId}\u0000${w.sortKey}`;
      let b = buckets.get(k);
      if (b === undefined) buckets.set(k, (b = { entity, unitId: w.final.unitId, date: w.sortKey, rows: [], corrects: false }));
      b.rows.push(w.final);
      if (typeof w.final.data.replaces === 'string') b.corrects = true;
    } else {
      out.push(...cellContribution(w.final), ...negate(cellContribution(w.initial)));
    }
  }
  for (const b of buckets.values()) {
    if (!b.corrects) {
      // Only new trees: each record is its own, nothing stored changes.
      out.push(...bucketContribution(b.entity, b.unitId, b.date, b.rows));
      continue;
    }
    const stored = await tx.listBucket(b.entity, b.unitId, b.date);
    const ids = new Set(b.rows.map((r) => r.id));
    const before = stored.filter((r) => !ids.has(r.id));
    out.push(...bucketContribution(b.entity, b.unitId, b.date, [...before, ...b.rows]), ...negate(bucketContribution(b.entity, b.unitId, b.date, before)));
  }
  return out;
}

const refKey = (r: FactRef): string => `${r.unitId}\u0000${r.grain}\u0000${r.period}\u0000${r.key}`;

function sumByRef(family: Family, rows: Iterable<FactRow>): Map<string, FactRow> {
  const out = new Map<string, FactRow>();
  for (const r of rows) {
    const k = refKey(r);
    const cur = out.get(k);
    out.set(k, cur === undefined ? { ...r, family, v: [...r.v] } : { ...cur, v: addVectors(cur.v, r.v) });
  }
  return out;
}

/** Applies the facts of the push's row writes. Call before the rows themselves are written. */
export async function maintainFacts(tx: StoreTx, writes: readonly RowWrite[]): Promise<void> {
  const relevant = writes.filter((w) => FACT_ENTITIES.has(w.final.entity));
  if (relevant.length === 0) return;
  const blocks: BlockRef[] = [];
  // HR months: stored as they are.
  const hr = relevant.filter((w) => w.final.entity === 'hrMonth');
  if (hr.length > 0) {
    const items = hr.map((w) => ({ unitId: w.final.unitId, month: w.sortKey, hr: live(HrMonth, w.final) }));
    await tx.facts.setHr(items);
    for (const it of items) blocks.push({ unitId: it.unitId, block: `Y${it.month.slice(0, 4)}` });
  }
  // Reported values: stored as they are, found by their id (a tombstone keeps it), and sent in
  // their year's block.
  const reported = relevant.flatMap((w) => {
    if (w.final.entity !== 'reportedValue') return [];
    const at = reportedValueAddress(w.final.id, w.final.unitId);
    return at === null ? [] : [{ unitId: w.final.unitId, ...at, value: live(ReportedValue, w.final) }];
  });
  if (reported.length > 0) await tx.facts.setReported(reported);
  for (const it of reported) blocks.push({ unitId: it.unitId, block: `Y${it.period.slice(0, 4)}` });
  // Day deltas per family and address.
  const byFamily = new Map<Family, FactRow[]>();
  for (const c of await deltasOf(tx, relevant)) {
    const list = byFamily.get(c.family) ?? [];
    list.push({ family: c.family, unitId: c.unitId, grain: 'd', period: c.date, key: c.key, v: c.v });
    byFamily.set(c.family, list);
  }
  for (const [family, list] of byFamily) {
    const deltas = [...sumByRef(family, list).values()].filter((r) => !isZero(r.v));
    if (deltas.length === 0) continue;
    let dayWrites: FactRow[];
    let monthDeltas: FactRow[];
    if (FAMILIES[family].derived.length === 0) {
      dayWrites = deltas;
      monthDeltas = deltas;
    } else {
      // Derived fields depend on the day's totals: read, add, derive again.
      const stored = new Map((await tx.facts.get(family, deltas)).map((r) => [refKey(r), r]));
      dayWrites = [];
      monthDeltas = [];
      for (const d of deltas) {
        const old = stored.get(refKey(d))?.v ?? d.v.map(() => 0);
        const next = derive(family, addVectors(baseOnly(family, old), d.v));
        dayWrites.push({ ...d, v: next });
        monthDeltas.push({ ...d, v: subVectors(next, old) });
      }
    }
    const months = [...sumByRef(family, monthDeltas.map((d) => ({ ...d, grain: 'm' as const, period: d.period.slice(0, 7) }))).values()].filter((r) => !isZero(r.v));
    await tx.facts.write(family, dayWrites, FAMILIES[family].derived.length === 0 ? 'add' : 'set');
    // The months' year-to-month rows (grain c) change by what their months changed: one write.
    await tx.facts.write(family, [...months, ...cumulativeFacts(months)], 'add');
    for (const d of dayWrites) blocks.push({ unitId: d.unitId, block: `D${d.period.slice(0, 7)}` }, { unitId: d.unitId, block: `Y${d.period.slice(0, 4)}` });
    // A fall changes the "last fall before the year" of the years after it (FactBlock.fallBefore).
    if (family === 'safety') {
      for (const d of deltas) {
        if (d.v[fieldIndex('safety', 'falls')] === 0) continue;
        const year = Number(d.period.slice(0, 4));
        for (let y = year + 1; y < year + FACT_YEARS; y++) blocks.push({ unitId: d.unitId, block: `Y${y}` });
      }
    }
  }
  if (blocks.length > 0) await tx.facts.bumpBlocks(blocks);
}
