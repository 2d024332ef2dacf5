/**
 * Facts behind the indicators (schema/indicator.ts METRICS) per unit and date range, read from the
 * boards' fact rows (domain/facts: the same contributions every board's own figures come from), so
 * an indicator can never disagree with a board:
 *  - BHK: observations counted in the range after corrections (hygiene-all, dress-all, total).
 *  - BHK quota: the unit's monthly quota (unitSettings, else DEFAULT_UNIT_SETTINGS) prorated by
 *    calendar days: for each month the range touches, quota × days in range / days in month, not
 *    rounded (a week of a 30-day month is 10 × 7 / 30 ≈ 2,33; a whole month is exactly the
 *    quota). Leaf units only; a closed unit's quota stops the day it closed. Days after today
 *    do not count: in the current period the quota is the part due so far ("in step").
 *  - Safety: each day up to today has its colour (safety-colour.ts, derived per day in the facts);
 *    today counts only once it has a colour; events dated after today are not counted.
 *  - Days since the last fall (category code "fall"), as of min(range end, today), looking back
 *    FALL_LOOKBACK_DAYS at most: a unit with no fall in that window that filled its cross in the
 *    range gets the bound itself (read "at least 730 days"); otherwise it has no value. Not
 *    additive: a level takes the smallest value among its units.
 *  - Staffing: shift rows dated in the range, pooled staff-shifts (staffing.ts).
 *  - Reported measures (issue 13): the leaf units' values whose period lies in the range
 *    (reported.ts), summed per measure.
 *  - HR: the leaf units' hrMonths whose whole month lies in the range (so a week has none),
 *    pooled by ordinary hours as staffing-hr.ts does, K and M likewise; rows on higher levels
 *    are the HR system's own figures and never added to their children's.
 * A level's facts are its units' facts pooled (addFactsInto along the tree's walk, rollupWalk):
 * sums, never averages.
 */
import { METRICS } from '../../schema/indicator';
import type { HrMonth } from '../../schema/hr-month';
import { DEFAULT_UNIT_SETTINGS, type UnitSettings } from '../../schema/unit-settings';
import { FALL_CATEGORY } from '../facts/contrib';
import { fieldIndex, type FieldOf } from '../facts/families';
import { type DateRange, wholeMonths } from '../facts/plan';
import { type FactReader, rangeKey } from '../facts/reader';
import { addDays, daysInMonth } from '../periods';
import { type RollupNode, rollupWalk, rollupWalkPaced, subtreeIds, type TreeUnit, treeWalk, type Walk } from '../rollup';
import { daysBetween } from '../safety-counters';
import type { ReportedValue } from '../../schema/reported-value';
import { addFactsInto, emptyFacts, kvot, setByFamily } from './pool';
import { reportedSumsByRange, type ReportedSumsByUnit } from './reported';
import type { Facts, IndicatorContext, ReportedSums } from './types';
import { sliceUsed, turn } from '../pace';

export { addFacts, emptyFacts, METRIC_FAMILY } from './pool';
export { FALL_CATEGORY };

export const FALL_LOOKBACK_DAYS = 730;

/** Monthly quota prorated over [from, to] by calendar days (a report's are worked out once per range: rangeFrame). */
export function proratedQuota(monthly: number, from: string, to: string): number {
  let total = 0;
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-${daysInMonth(month)}`, 1).slice(0, 7)) {
    const days = daysInMonth(month);
    const first = from > `${month}-01` ? from : `${month}-01`;
    const last = to < `${month}-${days}` ? to : `${month}-${days}`;
    const inRange = first <= last ? daysBetween(first, last) + 1 : 0;
    total += (monthly * inRange) / days;
  }
  return total;
}

/**
 * The fields ownFacts reads of each family: a server sums only these (FactReader.sums). A field
 * read below but missing here would be 0 on the server only, and the server = device property
 * tests would show it.
 */
const OWN_FIELDS: { [F in 'bhk' | 'staff' | 'safety']: readonly FieldOf<F>[] } = {
  bhk: ['n', 'total', 'hygiene', 'dress'],
  staff: ['planned', 'sick', 'shifts'],
  safety: ['green', 'wGul', 'wOrange', 'wRod', 'evGul', 'evOrange', 'evRod'],
};

/** What one unit's facts hold for one range (loadPeriodFacts). */
export interface UnitPeriodFacts {
  /** bhk family summed over its keys, the whole range. */
  bhk?: number[];
  /** safety family over the range's days before today. */
  safety?: number[];
  /** today's safety row, when the range holds today. */
  safetyToday?: number[];
  /** staff family, the whole range. */
  staff?: number[];
  /** The last fall on or before min(range end, today), at most FALL_LOOKBACK_DAYS back. */
  lastFall: string | null;
  /** The unit's HR months wholly inside the range, in month order. */
  hr: HrMonth[];
  /** The unit's reported values (issue 13) inside the range, summed per measure (reported.ts). */
  reported?: Map<string, ReportedSums>;
}

/** range key → unit → its facts. */
export type PeriodFacts = Map<string, Map<string, UnitPeriodFacts>>;

const minDate = (a: string, b: string): string => (a < b ? a : b);

/** The index of the first of `months` (sorted by month) whose month is `month` or later. */
function firstAtOrAfter(months: readonly HrMonth[], month: string): number {
  let lo = 0;
  let hi = months.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((months[mid] as HrMonth).month < month) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a range's facts are read for: a board's family, the last fall, HR months, reported values. */
export type FactNeed = 'bhk' | 'safety' | 'staff' | 'falls' | 'hr' | 'reported';
/** Per range (rangeKey), what is read of it: a range not in it has everything read. */
export type RangeNeeds = ReadonlyMap<string, ReadonlySet<FactNeed>>;

/**
 * Reads what ownFacts needs for every range, in a handful of reads whatever the number of ranges.
 * With `needs`, a range has only what it names read: the rest of its facts are as if empty (a
 * report's compare ranges, see report.ts rangeNeeds).
 */
export async function loadPeriodFacts(
  reader: FactReader,
  ranges: readonly DateRange[],
  today: string,
  reportedRows: readonly ReportedValue[] = [],
  reportedSums?: (ranges: readonly DateRange[]) => Promise<ReportedSumsByUnit[]>,
  needs?: RangeNeeds,
): Promise<PeriodFacts> {
  const uniq = [...new Map(ranges.map((r) => [rangeKey(r), r])).values()];
  // Every range, also one whose boards' facts are not read: a device outside its fact window says so.
  reader.covers?.(uniq);
  // The ranges (their indices in uniq) that `need` is read for.
  const readFor = (need: FactNeed): number[] => uniq.flatMap((r, i) => (needs?.get(rangeKey(r))?.has(need) ?? true ? [i] : []));
  const [bhkAt, staffAt, safetyAt, hrAt, reportedAt] = (['bhk', 'staff', 'safety', 'hr', 'reported'] as const).map(readFor) as [number[], number[], number[], number[], number[]];
  const yesterday = addDays(today, -1);
  const before = safetyAt.map((i) => ({ from: (uniq[i] as DateRange).from, to: minDate((uniq[i] as DateRange).to, yesterday) }));
  const hasToday = uniq.map((r) => r.from <= today && today <= r.to);
  // Gröna korset's days before today and today itself in one read: on a server one set of statements, not two.
  const todayRange = safetyAt.some((i) => hasToday[i]) ? [{ from: today, to: today }] : [];
  // The last fall per range (up to its end or today, at most FALL_LOOKBACK_DAYS back); HR months
  // once for the span of the ranges that want them, then cut per range.
  const lasts = uniq.map((r) => minDate(r.to, today));
  const looked = readFor('falls').filter((i) => (uniq[i] as DateRange).from <= (lasts[i] as string));
  const hrSpan = hrAt.map((i) => uniq[i] as DateRange);
  const at = (list: readonly number[]) => list.map((i) => uniq[i] as DateRange);
  // All six reads at once: on a server they share its reader threads or connections, and in two
  // rounds the second waited for the slowest of the first (a region's year report, ~20–30 ms).
  const [bhk, staff, safety, lastFalls, hr, reported] = await Promise.all([
    bhkAt.length === 0 ? [] : reader.sums('bhk', at(bhkAt), true, OWN_FIELDS.bhk),
    staffAt.length === 0 ? [] : reader.sums('staff', at(staffAt), true, OWN_FIELDS.staff),
    before.length === 0 ? [] : reader.sums('safety', [...before, ...todayRange], true, OWN_FIELDS.safety),
    reader.lastFalls(looked.map((i) => ({ from: addDays(lasts[i] as string, -FALL_LOOKBACK_DAYS), to: lasts[i] as string }))),
    hrSpan.length === 0 ? [] : reader.hrMonths(hrSpan.map((r) => r.from.slice(0, 7)).reduce(minDate), hrSpan.map((r) => r.to.slice(0, 7)).reduce((a, b) => (a > b ? a : b))),
    reportedAt.length === 0 ? [] : reportedSums === undefined ? reportedSumsByRange(reportedRows, at(reportedAt)) : reportedSums(at(reportedAt)),
  ]);
  const safetyToday = safety[before.length];
  const sortedHr = [...hr].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const out: PeriodFacts = new Map();
  uniq.forEach((r, i) => {
    const units = new Map<string, UnitPeriodFacts>();
    const at = (unitId: string): UnitPeriodFacts => {
      let u = units.get(unitId);
      if (u === undefined) units.set(unitId, (u = { lastFall: null, hr: [] }));
      return u;
    };
    for (const [unitId, byKey] of bhk[bhkAt.indexOf(i)] ?? new Map()) at(unitId).bhk = byKey.get('');
    for (const [unitId, byKey] of staff[staffAt.indexOf(i)] ?? new Map()) at(unitId).staff = byKey.get('');
    const safetyIndex = safetyAt.indexOf(i);
    for (const [unitId, byKey] of safety[safetyIndex] ?? new Map()) at(unitId).safety = byKey.get('');
    if (hasToday[i] && safetyIndex >= 0) for (const [unitId, byKey] of safetyToday ?? new Map()) at(unitId).safetyToday = byKey.get('');
    const asked = looked.indexOf(i);
    if (asked >= 0) for (const [unitId, date] of lastFalls[asked] ?? new Map<string, string>()) at(unitId).lastFall = date;
    // The months wholly inside the range, found in the sorted list (a region's year report has
    // ~36,000 HR months for each of its ranges; compared day by day they were ~8 ms a report).
    if (hrAt.includes(i)) {
      const { first, last } = wholeMonths(r);
      for (let j = firstAtOrAfter(sortedHr, first); j < sortedHr.length && (sortedHr[j] as HrMonth).month <= last; j++) at((sortedHr[j] as HrMonth).unitId).hr.push(sortedHr[j] as HrMonth);
    }
    for (const [unitId, sums] of reported[reportedAt.indexOf(i)] ?? new Map<string, Map<string, ReportedSums>>()) at(unitId).reported = sums;
    out.set(rangeKey(r), units);
  });
  return out;
}

interface LeafInfo {
  /** No units below it: quota and HR belong to it. */
  leaf: boolean;
  /** A leaf that is open: expected to report, counted in `reporting`. */
  open: boolean;
  /** Date the unit closed (YYYY-MM-DD), or null. */
  closedOn: string | null;
}

/** Where ownFacts' fields lie in their family's vectors, looked up once (a region's report reads ~120,000). */
const AT = {
  bhk: { n: fieldIndex('bhk', 'n'), total: fieldIndex('bhk', 'total'), hygiene: fieldIndex('bhk', 'hygiene'), dress: fieldIndex('bhk', 'dress') },
  safety: {
    green: fieldIndex('safety', 'green'),
    wGul: fieldIndex('safety', 'wGul'),
    wOrange: fieldIndex('safety', 'wOrange'),
    wRod: fieldIndex('safety', 'wRod'),
    evGul: fieldIndex('safety', 'evGul'),
    evOrange: fieldIndex('safety', 'evOrange'),
    evRod: fieldIndex('safety', 'evRod'),
  },
  staff: { planned: fieldIndex('staff', 'planned'), sick: fieldIndex('staff', 'sick'), shifts: fieldIndex('staff', 'shifts') },
};

const get = (v: number[] | undefined, at: number): number => (v === undefined ? 0 : (v[at] as number));

const filledOf = (v: number[] | undefined): number =>
  get(v, AT.safety.green) + get(v, AT.safety.wGul) + get(v, AT.safety.wOrange) + get(v, AT.safety.wRod);
const eventsOf = (v: number[] | undefined): number => get(v, AT.safety.evGul) + get(v, AT.safety.evOrange) + get(v, AT.safety.evRod);

/**
 * What ownFacts needs of its range, worked out once per range rather than once per unit: every
 * unit of a report shares it, and a region's year report makes ~7,800 units' facts (issue 17).
 * The few per-unit dates (a closing day, the last fall) are remembered per range.
 */
export interface RangeFrame {
  range: DateRange;
  /** min(range end, today): the day a last fall is counted to. */
  last: string;
  /** The range's days before today (today counts once it has a colour). */
  pastDays: number;
  /** Whether the range holds today. */
  holdsToday: boolean;
  /** A leaf's quota so far, by its monthly quota and the day it closed (null: open). */
  quota(monthly: number, closedOn: string | null): number;
  /** Days from a last fall to `last`. */
  sinceFall(lastFall: string): number;
}

export function rangeFrame(range: DateRange, today: string): RangeFrame {
  const yesterday = minDate(range.to, addDays(today, -1));
  const last = minDate(range.to, today);
  // An open unit's quota by its monthly quota (a number: no text made per unit), a closed one's by both.
  const openQuotas = new Map<number, number>();
  const closedQuotas = new Map<string, number>();
  const falls = new Map<string, number>();
  return {
    range,
    last,
    pastDays: yesterday >= range.from ? daysBetween(range.from, yesterday) + 1 : 0,
    holdsToday: range.from <= today && today <= range.to,
    quota: (monthly, closedOn) => {
      const key = closedOn === null ? '' : `${monthly}|${closedOn}`;
      let q = closedOn === null ? openQuotas.get(monthly) : closedQuotas.get(key);
      if (q === undefined) {
        const closedBefore = closedOn === null ? null : addDays(closedOn, -1);
        const open = closedBefore !== null && closedBefore < range.to ? closedBefore : range.to;
        // The quota so far: on the 10th a unit is measured against a third of the month, not all of it.
        const end = open > today ? today : open;
        q = end >= range.from ? proratedQuota(monthly, range.from, end) : 0;
        if (closedOn === null) openQuotas.set(monthly, q);
        else closedQuotas.set(key, q);
      }
      return q;
    },
    sinceFall: (lastFall) => {
      let d = falls.get(lastFall);
      if (d === undefined) falls.set(lastFall, (d = daysBetween(lastFall, last)));
      return d;
    },
  };
}

/** One unit's own facts (its own rows; nothing of the units below it). */
export function ownFacts(uf: UnitPeriodFacts | undefined, quota: number, info: LeafInfo, frame: RangeFrame): Facts {
  const { range } = frame;
  const f = emptyFacts();
  const m = f.metrics;
  // BHK
  const n = get(uf?.bhk, AT.bhk.n);
  m.bhkObserved = n;
  m.bhkCorrect = get(uf?.bhk, AT.bhk.total);
  m.bhkHygieneObserved = n;
  m.bhkHygieneCorrect = get(uf?.bhk, AT.bhk.hygiene);
  m.bhkDressObserved = n;
  m.bhkDressCorrect = get(uf?.bhk, AT.bhk.dress);
  if (info.leaf) m.bhkQuota = frame.quota(quota, info.closedOn);
  // Safety: the days before today, and today once it has a colour.
  const todayFilled = frame.holdsToday && filledOf(uf?.safetyToday) > 0;
  m.safetyEvents = eventsOf(uf?.safety) + eventsOf(uf?.safetyToday);
  m.safetyPastDays = frame.pastDays + (todayFilled ? 1 : 0);
  m.safetyFilledDays = filledOf(uf?.safety) + filledOf(uf?.safetyToday);
  m.safetyGreenDays = get(uf?.safety, AT.safety.green) + get(uf?.safetyToday, AT.safety.green);
  m.safetyRiskDays = m.safetyFilledDays - m.safetyGreenDays;
  m.safetyHarmDays =
    get(uf?.safety, AT.safety.wOrange) + get(uf?.safety, AT.safety.wRod) + get(uf?.safetyToday, AT.safety.wOrange) + get(uf?.safetyToday, AT.safety.wRod);
  if (range.from <= frame.last) {
    const lastFall = uf?.lastFall ?? null;
    f.daysSinceFall = lastFall !== null ? frame.sinceFall(lastFall) : m.safetyFilledDays > 0 ? FALL_LOOKBACK_DAYS : null;
  }
  // Staffing
  const shiftRows = get(uf?.staff, AT.staff.shifts);
  m.staffPlanned = get(uf?.staff, AT.staff.planned);
  m.staffSick = get(uf?.staff, AT.staff.sick);
  // HR: whole months inside the range, leaf units only, in month order (floating-point sums must
  // not depend on the order rows arrive in).
  if (info.leaf) {
    for (const h of uf?.hr ?? []) {
      f.hr.months += 1;
      const hours = h.ordinaryHours;
      if (hours === null || hours <= 0) continue;
      f.hr.hours += hours;
      f.hr.sick += (h.kvotTotal * hours) / 100;
      if (h.kvotK !== null) {
        f.hr.kHours += hours;
        f.hr.kSick += (h.kvotK * hours) / 100;
      }
      if (h.kvotM !== null) {
        f.hr.mHours += hours;
        f.hr.mSick += (h.kvotM * hours) / 100;
      }
    }
  }
  m.safetyDaysSinceFall = f.daysSinceFall ?? 0;
  m.hrKvot = kvot(f.hr.sick, f.hr.hours) ?? 0;
  // Reported measures: a leaf's values (a level's own are read by ownLevelFacts, unpooled). A copy:
  // pooling adds into a node's map, and the loaded one serves every tree of the range.
  if (info.leaf && uf?.reported !== undefined) f.reported = new Map(uf.reported);
  if (info.open) {
    setByFamily(f.reporting, n > 0 ? 1 : 0, m.safetyFilledDays > 0 ? 1 : 0, shiftRows > 0 ? 1 : 0, f.hr.months > 0 ? 1 : 0);
    f.reporting.safetyDaysSinceFall = f.daysSinceFall !== null ? 1 : 0;
  }
  return f;
}

/** The monthly BHK quota of each unit that sets one (else DEFAULT_UNIT_SETTINGS applies). */
export const quotasOf = (settings: readonly UnitSettings[]): Map<string, number> => new Map(settings.map((s) => [s.unitId as string, s.bhkMonthlyQuota]));

/**
 * The tree a report pools its facts over, made once for all its ranges (factTree): a region's
 * year report pools ~1,600 units for each of three ranges, and each range walked and sorted the
 * tree anew (issue 17).
 */
export interface FactTree {
  /** The subtree's units, each with what ownFacts needs to know of it. */
  units: readonly { id: string; info: LeafInfo }[];
  /** The walk the pool follows: the units in id order, so pooled floating-point sums (HR) do not depend on the input's order. */
  walk: Walk;
}

export function factTree(units: readonly TreeUnit[], rootId: string): FactTree {
  const parents = new Set(units.filter((u) => u.parentId !== null && u.parentId !== u.id).map((u) => u.parentId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: { id: string; info: LeafInfo }[] = [];
  for (const id of subtreeIds(units, rootId)) {
    const u = byId.get(id);
    if (u === undefined) continue;
    const leaf = !parents.has(u.id);
    out.push({ id: u.id, info: { leaf, open: leaf && u.closedAt === null, closedOn: u.closedAt === null ? null : u.closedAt.slice(0, 10) } });
  }
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { units: out, walk: treeWalk(sorted, rootId) };
}

const hasFacts = (f: Facts): boolean => METRICS.some((k) => f.reporting[k] > 0) || f.reported.size > 0;

/** Facts of every node of `tree` for `range`, pooled up the tree with completeness. */
export function treeFacts(
  tree: FactTree,
  today: string,
  quotas: ReadonlyMap<string, number>,
  unitFacts: ReadonlyMap<string, UnitPeriodFacts> | undefined,
  range: DateRange,
): Map<string, RollupNode<Facts>> {
  const own = new Map<string, Facts>();
  const of = ownOf(today, quotas, unitFacts, range);
  for (const unit of tree.units) own.set(unit.id, of(unit));
  return rollupWalk(tree.walk, own, addFactsInto, emptyFacts, hasFacts);
}

/**
 * A node's own facts for the range (treeFacts, treeFactsPaced). Every unit's own record is made
 * here and read by nothing else: a parent's pool adds into it.
 */
const ownOf = (today: string, quotas: ReadonlyMap<string, number>, unitFacts: ReadonlyMap<string, UnitPeriodFacts> | undefined, range: DateRange) => {
  const frame = rangeFrame(range, today);
  return ({ id, info }: FactTree['units'][number]): Facts => ownFacts(unitFacts?.get(id), quotas.get(id) ?? DEFAULT_UNIT_SETTINGS.bhkMonthlyQuota, info, frame);
};

/** treeFacts with the event loop's turns (pace.ts): a region's 1,561 nodes for each range of a report. */
export async function treeFactsPaced(
  tree: FactTree,
  today: string,
  quotas: ReadonlyMap<string, number>,
  unitFacts: ReadonlyMap<string, UnitPeriodFacts> | undefined,
  range: DateRange,
): Promise<Map<string, RollupNode<Facts>>> {
  const own = new Map<string, Facts>();
  const of = ownOf(today, quotas, unitFacts, range);
  for (const unit of tree.units) {
    own.set(unit.id, of(unit));
    if (sliceUsed()) await turn();
  }
  return rollupWalkPaced(tree.walk, own, addFactsInto, emptyFacts, hasFacts);
}

/** A unit's own reported values of a range, as loaded (a level's own measures: reported.ts ownLevelFacts). */
export type OwnReported = ReadonlyMap<string, Pick<UnitPeriodFacts, 'reported'>>;

/** A range's pooled tree, and (`own`) each unit's own reported values of it as loaded. */
export type PooledFacts = ((range: DateRange) => Map<string, RollupNode<Facts>>) & { own: (range: DateRange) => OwnReported | undefined };

/**
 * Facts per node for every range a report needs (the indicator report's cells, the tertial
 * report's styrmått), read in one go (loadPeriodFacts; of a range in `needs` only what it names)
 * and pooled up the tree under `rootId` once per range, each range's tree in its own turn of the
 * event loop.
 */
export async function loadPooledFacts(ctx: IndicatorContext, rootId: string, ranges: readonly DateRange[], needs?: RangeNeeds): Promise<PooledFacts> {
  const loaded = await loadPeriodFacts(ctx.reader, ranges, ctx.today, ctx.reportedRows, ctx.reportedSums, needs);
  const quotas = quotasOf(ctx.unitSettings);
  const tree = factTree(ctx.units, rootId);
  const cache = new Map<string, Map<string, RollupNode<Facts>>>();
  // Of the loaded facts only the units' reported values are kept past pooling: the rest (a
  // region's ~3,000 units' vectors a range, and their maps) is not read again, and kept alive it
  // was copied by every collection of the young generation while the report's cells were made.
  const owns = new Map<string, Map<string, Pick<UnitPeriodFacts, 'reported'>>>();
  for (const range of ranges) {
    const key = rangeKey(range);
    if (cache.has(key)) continue;
    await turn();
    const unitFacts = loaded.get(key);
    cache.set(key, await treeFactsPaced(tree, ctx.today, quotas, unitFacts, range));
    const own = new Map<string, Pick<UnitPeriodFacts, 'reported'>>();
    unitFacts?.forEach((uf, unitId) => {
      if (uf.reported !== undefined) own.set(unitId, { reported: uf.reported });
    });
    owns.set(key, own);
    loaded.delete(key);
  }
  // A range the report did not name has no loaded facts: its tree pools nothing.
  const of = (range: DateRange) => {
    const key = rangeKey(range);
    let f = cache.get(key);
    if (f === undefined) {
      f = treeFacts(tree, ctx.today, quotas, undefined, range);
      cache.set(key, f);
    }
    return f;
  };
  return Object.assign(of, { own: (range: DateRange) => owns.get(rangeKey(range)) });
}
