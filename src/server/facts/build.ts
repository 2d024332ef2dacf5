/**
 * Facts from raw rows, unit by unit: the build that fills the fact tables of a database that had
 * rows before migration 0004 (at start, resumable: each unit is one transaction and is marked
 * built), and the rebuild check (`npm run facts`), which recomputes every unit's facts from its
 * raw rows and reports any difference from the stored ones (it must find none).
 *
 * Each unit's transaction takes the change-log lock, so a push to the unit is either wholly in the
 * rows it reads or maintained on top of what it wrote. Memory is bounded by one unit's rows. The
 * change log and the rows' data are never touched; only a BHK correction stored without
 * `originalDate` (before the write rule required it) is re-filed under its original's date.
 */
import { bhkFiledDates, cumulativeFacts, factsOfRows } from '../../shared/domain/facts/contrib';
import { type FactRow, factKey } from '../../shared/domain/facts/families';
import { BedsDay } from '../../shared/schema/beds-day';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { HrMonth } from '../../shared/schema/hr-month';
import { ReportedValue } from '../../shared/schema/reported-value';
import type { EntityName } from '../../shared/schema/registry';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { publicData, type RowState } from '../../shared/sync/merge';
import type { BlockRef, StoredUnitFacts } from '../store/fact-ops';
import { reportedText, type ReportedYearToMonth, yearToMonthSums, yearToMonthText } from './reported';
import type { Store, StoreTx } from '../store/store';

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

async function liveRows<T>(tx: StoreTx, entity: EntityName, unitId: string, schema: Schema<T>): Promise<{ row: RowState & { sortKey: string }; data: T }[]> {
  const out: { row: RowState & { sortKey: string }; data: T }[] = [];
  for (const row of await tx.listUnitRows(entity, unitId)) {
    const p = schema.safeParse(publicData(row));
    if (p.success) out.push({ row, data: p.data });
  }
  return out;
}

export interface UnitFacts extends StoredUnitFacts {
  /** BHK rows whose stored sort key is not their tree's date: id → the right date. */
  refile: Map<string, string>;
}

/** A unit's facts computed from its raw rows. */
export async function computeUnitFacts(tx: StoreTx, unitId: string): Promise<UnitFacts> {
  const bhk = await liveRows(tx, 'bhkObservation', unitId, BhkObservation);
  const filed = bhkFiledDates(bhk.map((b) => b.data));
  const refile = new Map<string, string>();
  for (const b of bhk) {
    const date = filed.get(b.data.id) as string;
    if (b.row.sortKey !== date) refile.set(b.data.id, date);
  }
  const dayMonth = factsOfRows({
    bhk: bhk.map((b) => b.data),
    events: (await liveRows(tx, 'safetyEvent', unitId, SafetyEvent)).map((r) => r.data),
    days: (await liveRows(tx, 'safetyDay', unitId, SafetyDay)).map((r) => r.data),
    shifts: (await liveRows(tx, 'staffingShift', unitId, StaffingShift)).map((r) => r.data),
    beds: (await liveRows(tx, 'bedsDay', unitId, BedsDay)).map((r) => r.data),
  });
  const rows = [...dayMonth, ...cumulativeFacts(dayMonth)];
  const hr = (await liveRows(tx, 'hrMonth', unitId, HrMonth)).map((r) => r.data);
  const reported = (await liveRows(tx, 'reportedValue', unitId, ReportedValue)).map((r) => r.data);
  return { rows, hr, reported, refile };
}

/** A unit's stored facts: its fact rows, HR months and reported values. */
const storedFacts = async (tx: StoreTx, unitId: string): Promise<StoredUnitFacts> => ({ ...(await tx.facts.unitFacts(unitId)), reported: await tx.facts.unitReported(unitId) });

/** Differences between stored and computed facts of a unit, as readable lines (none = equal). */
export function factDifferences(stored: StoredUnitFacts, computed: StoredUnitFacts): string[] {
  const out: string[] = [];
  const a = new Map(stored.rows.map((r) => [factKey(r), r]));
  const b = new Map(computed.rows.map((r) => [factKey(r), r]));
  for (const [k, r] of b) {
    const s = a.get(k);
    if (s === undefined) out.push(`missing ${r.family} ${r.unitId} ${r.grain} ${r.period} ${r.key}: ${r.v.join(',')}`);
    else if (s.v.join(',') !== r.v.join(',')) out.push(`differs ${r.family} ${r.unitId} ${r.grain} ${r.period} ${r.key}: stored ${s.v.join(',')}, raw ${r.v.join(',')}`);
  }
  for (const [k, s] of a) if (!b.has(k)) out.push(`extra ${s.family} ${s.unitId} ${s.grain} ${s.period} ${s.key}: ${s.v.join(',')}`);
  const hrKey = (h: HrMonth) => `${h.unitId} ${h.month}`;
  const hrText = (h: HrMonth) => [h.kvotTotal, h.kvotK, h.kvotM, h.korttid, h.ordinaryHours, h.source].join(',');
  const ha = new Map(stored.hr.map((h) => [hrKey(h), h]));
  const hb = new Map(computed.hr.map((h) => [hrKey(h), h]));
  for (const [k, h] of hb) if (ha.get(k) === undefined || hrText(ha.get(k) as HrMonth) !== hrText(h)) out.push(`hr ${k}: stored ${ha.has(k) ? hrText(ha.get(k) as HrMonth) : '-'}, raw ${hrText(h)}`);
  for (const k of ha.keys()) if (!hb.has(k)) out.push(`hr ${k}: extra`);
  const rKey = (v: ReportedValue) => `${v.unitId} ${v.period} ${v.measure}`;
  const ra = new Map(stored.reported.map((v) => [rKey(v), reportedText(v)]));
  const rb = new Map(computed.reported.map((v) => [rKey(v), reportedText(v)]));
  for (const [k, t] of rb) if (ra.get(k) !== t) out.push(`reported ${k}: stored ${ra.get(k) ?? '-'}, raw ${t}`);
  for (const k of ra.keys()) if (!rb.has(k)) out.push(`reported ${k}: extra`);
  return out;
}

/** Where a unit's stored year-to-month sums of reported values differ from those of its values computed from raw rows. */
export function yearToMonthDifferences(stored: readonly ReportedYearToMonth[], values: readonly ReportedValue[]): string[] {
  const out: string[] = [];
  const key = (c: ReportedYearToMonth) => `${c.unitId} ${c.month} ${c.measure}`;
  const a = new Map(stored.map((c) => [key(c), yearToMonthText(c.sums)]));
  for (const c of yearToMonthSums(values)) {
    const t = yearToMonthText(c.sums);
    if (a.get(key(c)) !== t) out.push(`reported year-to-month ${key(c)}: stored ${a.get(key(c)) ?? '-'}, raw ${t}`);
    a.delete(key(c));
  }
  for (const k of a.keys()) out.push(`reported year-to-month ${k}: extra`);
  return out;
}

const blocksOf = (f: { rows: FactRow[]; hr: HrMonth[]; reported: ReportedValue[] }): BlockRef[] => [
  ...f.rows.map((r) => ({ unitId: r.unitId, block: r.grain === 'd' ? `D${r.period.slice(0, 7)}` : `Y${r.period.slice(0, 4)}` })),
  ...f.hr.map((h) => ({ unitId: h.unitId, block: `Y${h.month.slice(0, 4)}` })),
  ...f.reported.map((v) => ({ unitId: v.unitId, block: `Y${v.period.slice(0, 4)}` })),
];

/** Replaces a unit's stored facts with `f` (re-filing BHK rows first); bumps its blocks. */
async function writeUnitFacts(tx: StoreTx, unitId: string, f: UnitFacts, before: StoredUnitFacts): Promise<void> {
  for (const [id, date] of f.refile) await tx.setSortKey('bhkObservation', id, date);
  await tx.facts.clearUnit(unitId);
  const families = new Map<FactRow['family'], FactRow[]>();
  for (const r of f.rows) families.set(r.family, [...(families.get(r.family) ?? []), r]);
  for (const [family, rows] of families) await tx.facts.write(family, rows, 'set');
  await tx.facts.setHr(f.hr.map((h) => ({ unitId: h.unitId, month: h.month, hr: h })));
  await tx.facts.setReported(f.reported.map((v) => ({ unitId: v.unitId, measure: v.measure, period: v.period, value: v })));
  const blocks = [...blocksOf(f), ...blocksOf(before)];
  if (blocks.length > 0) await tx.facts.bumpBlocks(blocks);
}

export interface BuildReport {
  units: number;
  /** Units whose stored facts differed from their raw rows (rebuild/check). */
  differing: { unitId: string; lines: string[] }[];
}

/**
 * Builds the facts of every unit not yet built (marking each), then records the build as done.
 * Resumable: an interrupted build continues with the units left.
 */
export async function ensureFactsBuilt(store: Store, log: (msg: string) => void = () => {}): Promise<number> {
  if ((await store.facts.getState('build')) === 'done') return 0;
  const units = await store.listUnits();
  let built = 0;
  for (const u of units) {
    if (await store.facts.isBuilt(u.id)) continue;
    await store.tx(async (tx) => {
      await tx.lockChangeLog();
      const before = await storedFacts(tx, u.id);
      await writeUnitFacts(tx, u.id, await computeUnitFacts(tx, u.id), before);
      await tx.facts.markBuilt(u.id);
    });
    built += 1;
    if (built % 100 === 0) log(`facts: ${built} of ${units.length} units built`);
  }
  await store.facts.setState('build', 'done');
  if (built > 0) log(`facts: built for ${built} units`);
  return built;
}

/** Recomputes every unit's facts from raw rows; reports differences and, unless `checkOnly`, fixes them. */
export async function rebuildFacts(store: Store, opts: { checkOnly: boolean; log?: (msg: string) => void }): Promise<BuildReport> {
  const units = await store.listUnits();
  const report: BuildReport = { units: units.length, differing: [] };
  for (const u of units) {
    await store.tx(async (tx) => {
      await tx.lockChangeLog();
      const stored = await storedFacts(tx, u.id);
      const computed = await computeUnitFacts(tx, u.id);
      // The sum tables are checked against the stored keyed rows; writeUnitFacts re-sums them.
      const lines = [...factDifferences(stored, computed), ...yearToMonthDifferences(await tx.facts.unitYearToMonth(u.id), computed.reported), ...(await tx.facts.sumDifferences(u.id))];
      if (lines.length === 0 && computed.refile.size === 0) return;
      report.differing.push({ unitId: u.id, lines: [...lines, ...[...computed.refile].map(([id, d]) => `refile bhkObservation ${id} under ${d}`)] });
      if (!opts.checkOnly) await writeUnitFacts(tx, u.id, computed, stored);
    }, { readOnly: opts.checkOnly });
  }
  opts.log?.(`facts: ${units.length} units checked, ${report.differing.length} differing`);
  return report;
}
