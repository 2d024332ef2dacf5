/**
 * The fact tables (migration 0004) over Kysely, for both dialects: writes of the push's fact
 * deltas (server/facts/maintain.ts), the reads the figures make (server/facts/reader.ts), the
 * blocks a manager's device pulls, and what the build needs. Statements are plain SQL built from
 * the shared field lists (families.ts): one column per field, snake_case.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { type Family, type FactRow, fieldsOf, type Grain, UNKEYED_FAMILIES } from '../../shared/domain/facts/families';
import { contiguousRuns, type Segment, type SegmentAt } from '../../shared/domain/facts/plan';
import type { DayGrid, UnitDays, UnitSums } from '../../shared/domain/facts/reader';
import { addInto, dayGrids } from '../../shared/domain/facts/reader';
import { type HrMonth, hrMonthIdFor } from '../../shared/schema/hr-month';
import { type ReportedValue, reportedValueIdFor } from '../../shared/schema/reported-value';
import { addReportedValue, reportedPeriodsIn, type ReportedSumsByUnit } from '../../shared/domain/indicators/reported';
import { emptyReportedSums } from '../../shared/domain/indicators/pool';
import type { DateRange, ReportedSums } from '../../shared/domain/indicators/types';
import { sliceUsed, turn } from '../../shared/domain/pace';
import { dayNumber } from '../../shared/domain/periods';
import { RawJson } from '../../shared/raw-json';
import { unpackDayOfUnits, readFields } from './packed-fields';
import type { Database } from './schema';
import type { ReadThread } from './sqlite/read-thread';
import type { Dialect } from './store';
import { reportedOfRow, type ReportedYearToMonth, yearToMonthOf, yearToMonthSums } from '../facts/reported';

export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const factTable = (family: Family): string => `fact_${snake(family)}`;
const COLUMNS = new Map<Family, string[]>();
/** The family's columns (cached: toRow runs once per fact row read). */
const columnsOf = (family: Family): string[] => {
  let cols = COLUMNS.get(family);
  if (cols === undefined) COLUMNS.set(family, (cols = fieldsOf(family).map(snake)));
  return cols;
};

/** The columns of `fields` (all without): a read selects only these, the rest read as 0 (toRow's `?? 0`). */
const pick = (family: Family, fields: readonly string[] | undefined): string[] => {
  const cols = columnsOf(family);
  const wanted = fields === undefined ? [] : cols.filter((c) => fields.some((f) => snake(f) === c));
  return wanted.length > 0 ? wanted : cols;
};

export interface FactRef {
  unitId: string;
  grain: Grain;
  period: string;
  key: string;
}

/** A unit's stored facts (FactOps.unitFacts and unitReported). */
export interface StoredUnitFacts {
  rows: FactRow[];
  hr: HrMonth[];
  reported: ReportedValue[];
}

export interface BlockRef {
  unitId: string;
  block: string;
}

/** A block's contents (facts-api.ts FactBlock). */
export interface BlockContent {
  rows: FactRow[];
  hr: HrMonth[];
  falls: string[];
  /** Year blocks: the last fall before the year. */
  fallBefore: string | null;
  /** Year blocks: the unit's reported values of the year (fact_reported). */
  reported: ReportedValue[];
  /**
   * Asked for `encoded`: the rows per family as the JSON arrays the feed sends ([period, key,
   * ...fields], facts-api.ts), written by the database; `rows` is then empty.
   */
  encoded?: Map<Family, RawJson[]>;
}

/**
 * The subtree a read covers, by its path. A reader passes the same object to all its reads (a
 * region's report makes six), and they look its units up once: their ids on SQLite, their share of
 * all units on both (`scoped`, and SQLite's wideOnSqlite). A path alone is looked up anew by each read. A Scope lives
 * for one request (server/facts/reader.ts makes one per reader, and a reader serves one request):
 * all its reads see the units as the first one found them, and a failed look fails them all.
 */
export interface Scope {
  readonly path: string;
  ids?: Promise<string[]>;
  share?: Promise<number>;
}
export type ScopeRef = string | Scope;
const scopeOf = (ref: ScopeRef): Scope => (typeof ref === 'string' ? { path: ref } : ref);

export interface FactOps {
  /** The stored rows at these addresses (absent ones are not returned). */
  get(family: Family, refs: readonly FactRef[]): Promise<FactRow[]>;
  /**
   * 'set' stores the vectors as given, 'add' adds them to what is stored; a row left all zero is
   * deleted, so the tables hold exactly the rows a rebuild from raw rows would write.
   */
  write(family: Family, rows: readonly FactRow[], mode: 'set' | 'add'): Promise<void>;
  /** Stores (or, with null, removes) HR months. */
  setHr(items: readonly { unitId: string; month: string; hr: HrMonth | null }[]): Promise<void>;
  /**
   * Stores (or, with null, removes) reported values (fact_reported: one a unit, period and
   * measure), and sums anew the year-to-month rows of their units, measures and years
   * (fact_reported_c) from the values then stored.
   */
  setReported(items: readonly { unitId: string; measure: string; period: string; value: ReportedValue | null }[]): Promise<void>;
  /** Gives each block the next block sequence number (each its own, ascending); returns the last. */
  bumpBlocks(blocks: readonly BlockRef[]): Promise<number>;

  /**
   * Per segment (same order): per unit (and key unless collapse) the family's sum, in the scope;
   * with `fields`, the other fields 0. With `parts` (plan.ts: per range, its segments' indices),
   * per range instead: each row's sum is added into every range that holds its segment as the rows
   * come, so no segment's sums are kept beside the ranges' (a region's year report's largest
   * passing allocation, issue 17).
   */
  sumSegments(family: Family, scope: ScopeRef, segments: readonly Segment[], collapse: boolean, fields?: readonly string[], parts?: readonly (readonly number[])[]): Promise<UnitSums[]>;
  /** Days in [from, to] in the scope, keys collapsed: per unit a DayGrid of `fields` (at least one), in that order. */
  days(family: Family, scope: ScopeRef, from: string, to: string, fields: readonly string[]): Promise<UnitDays>;
  /** Per day in [from, to]: the family's sum in the scope. */
  byDay(family: Family, scope: ScopeRef, from: string, to: string): Promise<Map<string, number[]>>;
  /** Per range (same order): unit in the scope → its latest day in [from, to] with a fall. */
  lastFalls(scope: ScopeRef, ranges: readonly { from: string; to: string }[]): Promise<Map<string, string>[]>;
  hrMonths(scope: ScopeRef, fromMonth: string, toMonth: string): Promise<HrMonth[]>;
  /** The reported values in the scope whose period lies in [from, to] (periods as text: '2026' < '2026-01' < '2026-T1'). */
  reported(scope: ScopeRef, from: string, to: string): Promise<ReportedValue[]>;
  /**
   * Per range (same order): per unit in the scope, its reported values whose period lies wholly
   * inside the range, summed per measure as the shared code sums them (reported.ts
   * reportedSumsByRange): a range from 1 January to a day of that year reads each unit's
   * year-to-month sums at its last whole month (fact_reported_c, facts/reported.ts yearToMonthOf);
   * any other only the values whose periods lie inside it, summed as they are read.
   */
  reportedSums(scope: ScopeRef, ranges: readonly DateRange[]): Promise<ReportedSumsByUnit[]>;

  /** Every fact row and HR month of a unit (build, rebuild check). */
  unitFacts(unitId: string): Promise<{ rows: FactRow[]; hr: HrMonth[] }>;
  /** Every reported value of a unit (build, rebuild check). */
  unitReported(unitId: string): Promise<ReportedValue[]>;
  /** Every year-to-month sum of a unit's reported values (rebuild check). */
  unitYearToMonth(unitId: string): Promise<ReportedYearToMonth[]>;
  /** Removes every fact row and HR month of a unit. */
  clearUnit(unitId: string): Promise<void>;
  /** Where a unit's sum tables differ from the sums of its keyed rows (none = equal), as readable lines. */
  sumDifferences(unitId: string): Promise<string[]>;
  /** Blocks under scopePath with seq > cursor, ascending, at most `limit`; day blocks only from `dayFrom` (YYYY-MM). */
  blocksAfter(scopePath: string, cursor: number, limit: number, yearFrom: string, dayFrom: string): Promise<(BlockRef & { seq: number })[]>;
  /** The highest block sequence under scopePath. */
  headBlockSeq(scopePath: string): Promise<number>;
  /**
   * The contents of blocks: a year block ('Y2026') holds the unit's month rows, HR months and fall
   * days of that year; a month block ('D2026-11') its day rows. A few statements per call.
   */
  blockContents(blocks: readonly BlockRef[], encoded?: boolean): Promise<Map<string, BlockContent>>;

  getState(name: string): Promise<string | undefined>;
  setState(name: string, value: string): Promise<void>;
  isBuilt(unitId: string): Promise<boolean>;
  markBuilt(unitId: string): Promise<void>;
  /** How many units the build has marked; clearBuilt forgets the marks (a build starts over). */
  builtCount(): Promise<number>;
  clearBuilt(): Promise<void>;
}

/** Where readFields puts a packed sum's segment number (a vector of one). */
const SEG_AT = [0];
const FAMILY_LIST: Family[] = ['bhk', 'safety', 'safetyCat', 'staff', 'beds'];
/**
 * Keyed families with a table of their sums over keys (migration 0008). A collapsed read (the
 * indicators' BHK) of a region's year reads one row per unit and period there instead of one per
 * source and profession (~7 in a month). Every write of the family re-sums the addresses it
 * touched, in the same transaction, so the table always equals `sum(…) group by unit_id, grain,
 * period` over the family's own (sumDifferences checks it).
 */
const SUM_TABLES: ReadonlyMap<Family, string> = new Map([['bhk', 'fact_bhk_sum']]);
const CHUNK = 100;
/**
 * Units per statement of a scope read on SQLite (see `scoped`). A region's year of month rows for
 * 100 units is ~1.5 ms a statement (a month's packed day rows ~2 ms), far inside the task's
 * slice; at 25 the statements' own overhead was a quarter of the report's reads (issue 17).
 */
export const SCOPE_UNITS = 100;
/** Blocks per part of a fact page's read on SQLite. */
const BLOCKS_PER_PART = 20;

/**
 * Calls `fn` on every item, giving the event loop a turn whenever the task's slice is used up,
 * looked at after every item (a look is a clock read; an item can be a unit's month of days).
 */
async function eachPaced<T>(items: readonly T[], fn: (item: T) => unknown): Promise<void> {
  for (const item of items) {
    fn(item);
    if (sliceUsed()) await turn();
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pushTo = <K, V>(m: Map<K, V[]> | undefined, k: K, v: V) => {
  if (m === undefined) return;
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
};

/** A segment of one month's year-to-month rows (plan.ts plans no other c segment), which cumulativeRows reads. */
const isCumulative = (s: Segment): boolean => s.grain === 'c' && s.from === s.to;

/** The index after the packed item that starts at or before `i` ("…;"): the next item's start. */
const skipItem = (text: string, i: number): number => {
  const end = text.indexOf(';', i);
  return end < 0 ? text.length : end + 1;
};

/**
 * Walks a unit's packed reported values ("2026-03,measure,12,40,,,,,import;…", fact-ops.ts
 * packedReported) field by field, no split: a region's year is ~700,000 fields. A number is the
 * database's text of a double, which reads back as the same double; an empty field is null.
 */
function walkReported(
  text: string,
  onValue: (period: string, measure: string, num: number, den: number | null, numK: number | null, denK: number | null, numM: number | null, denM: number | null, source: string) => void,
): void {
  const f = new PackedFields(text);
  while (!f.done()) {
    const period = f.next();
    const measure = f.next();
    onValue(period, measure, f.num() as number, f.num(), f.num(), f.num(), f.num(), f.num(), f.next());
  }
}

/** Walks packed year-to-month sums (packedYearToMonth), as walkReported walks values. */
function walkYearToMonth(text: string, onRow: (month: string, measure: string, sums: ReportedSums) => void): void {
  const f = new PackedFields(text);
  while (!f.done()) {
    const month = f.next();
    const measure = f.next();
    onRow(month, measure, { reporters: 1, units: f.count(), num: f.count(), den: f.count(), kUnits: f.count(), numK: f.count(), denK: f.count(), mUnits: f.count(), numM: f.count(), denM: f.count() });
  }
}

/**
 * The fields of a packed text (',' between fields, ';' between items), one at a time, no split. A
 * class, not closures: under tsx every function made inside a function is named on each call, and
 * a region's year report makes a reader for each of its ~1,500 units' texts.
 */
class PackedFields {
  private i = 0;
  constructor(private readonly text: string) {}

  next(): string {
    const text = this.text;
    let end = this.i;
    for (let c = text.charCodeAt(end); end < text.length && c !== 44 && c !== 59; c = text.charCodeAt(++end));
    const field = text.slice(this.i, end);
    this.i = end + 1;
    return field;
  }

  num(): number | null {
    const field = this.next();
    return field === '' ? null : Number(field);
  }

  /** A field that is never empty (the year-to-month sums are numbers). */
  count(): number {
    return this.num() as number;
  }

  done(): boolean {
    return this.i >= this.text.length;
  }
}

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `reads`: the SQLite store's reader threads (sqlite/read-thread.ts), given only outside a
 * transaction; scope reads then run there.
 */
export function factOps(db: Kysely<Database>, dialect: Dialect, reads?: ReadThread): FactOps {
  /** A statement with the dialect's placeholders: `?` in `text` become $n on PostgreSQL. */
  const q = (text: string, params: readonly unknown[]): CompiledQuery => {
    if (dialect !== 'postgres') return CompiledQuery.raw(text, [...params]);
    let n = 0;
    return CompiledQuery.raw(text.replace(/\?/g, () => `$${++n}`), [...params]);
  };
  const run = async <R>(text: string, params: readonly unknown[]): Promise<R[]> => (await db.executeQuery<R>(q(text, params))).rows;
  /** A read outside a transaction: on the reader threads when there are some (SQLite), else `run`. */
  const readOff = <R>(text: string, params: readonly unknown[]): Promise<R[]> => (reads === undefined ? run<R>(text, params) : reads.query<R>(text, params, () => run<R>(text, params)));
  const toRow = (family: Family, r: Record<string, unknown>): FactRow => {
    const cols = columnsOf(family);
    const v = new Array<number>(cols.length);
    for (let i = 0; i < cols.length; i++) v[i] = Number(r[cols[i] as string] ?? 0);
    return { family, unitId: r.unit_id as string, grain: r.grain as Grain, period: r.period as string, key: r.key as string, v };
  };
  const toHr = (r: Record<string, unknown>): HrMonth =>
    ({
      id: hrMonthIdFor(r.unit_id as string, r.month as string),
      unitId: r.unit_id as string,
      month: r.month as string,
      kvotTotal: Number(r.kvot_total),
      kvotK: r.kvot_k === null ? null : Number(r.kvot_k),
      kvotM: r.kvot_m === null ? null : Number(r.kvot_m),
      korttid: r.korttid === null ? null : Number(r.korttid),
      ordinaryHours: r.ordinary_hours === null ? null : Number(r.ordinary_hours),
      source: r.source as HrMonth['source'],
    }) as HrMonth;
  const scopeIds = "select id from units where path like ? escape '\\'";
  const scope = "join units u on u.id = f.unit_id where u.path like ? escape '\\'";
  /**
   * PostgreSQL: ` order by …`, the primary key's order a read walking the key gave by itself. Read
   * from the period index and hashed (see `scoped`) rows come in any order, and a unit's keys go
   * into its maps in the order they come (Gröna korset's categories in the answer). SQLite reads
   * every scope through the primary key: nothing to sort.
   */
  const inKeyOrder = (columns: string): string => (dialect === 'postgres' ? ` order by ${columns}` : '');

  /**
   * A read over a scope's units. PostgreSQL runs it as one statement (the units' ids by path).
   * SQLite runs every statement on the event loop, so there the read goes SCOPE_UNITS units at a
   * time, the SQLite dialect giving the loop its turns between them: a region's read never holds
   * the loop for long (issue 17, "nothing blocks"). `build` gets the WHERE clause naming the units (alias f) and its parameters.
   */
  const scoped = async <R, T = R>(ref: ScopeRef, build: (where: string, params: unknown[]) => [string, unknown[]], map?: (r: R) => T, perUnit = false): Promise<T[]> => {
    const as = map ?? ((r: R) => r as unknown as T);
    const of = scopeOf(ref);
    const scopePath = of.path;
    if (dialect === 'postgres') {
      // A scope of half the units or more (a region) is read from the period index, which holds
      // every column a read needs (migration 0010: a page PostgreSQL has marked all-visible needs
      // no table page; pages written since the last vacuum still do), joined to the units: the
      // period's rows of all units in one range. A smaller one (a division, a VO, a unit) walks
      // the primary key unit by unit, `unit_id = any(array)`: three index pages per unit and
      // segment, so a region's year read ~17,700 pages a family that way (~300 from the index),
      // while a division's, a fifth of the units, read from the index joined ~1.2–1.7× slower.
      // `perUnit`: the key's walk whatever the scope, for a table without a period index (the HR
      // months). The reported values and their year-to-month sums have one (migration 0017): a
      // wide scope's are read from it and sorted by unit for their texts, one per unit.
      const wide = !perUnit && (await (of.share ??= scopeShare(scopePath))) >= 1 / 2;
      const [text, params] = build(wide ? scope : `where f.unit_id = any(array(${scopeIds}))`, [likePrefix(scopePath)]);
      // A region's answer is tens of thousands of rows: turned in slices (pace.ts), not in one task.
      const out: T[] = [];
      await eachPaced(await run<R>(text, params), (r) => out.push(as(r)));
      return out;
    }
    const ids = await idsOf(of);
    const out: T[] = [];
    const statements = chunks(ids, SCOPE_UNITS).map((part) => build(`where f.unit_id in (${part.map(() => '?').join(', ')})`, part));
    // Parts in flight: one per reader thread, which reads the next while this one's rows are turned
    // here (no more: parts that arrive together are taken in by the event loop in one task); one on
    // the store's connection, whose SQLite dialect gives the loop its turn before each statement.
    const inFlight: Promise<R[]>[] = [];
    let sent = 0;
    const fill = () => {
      while (sent < statements.length && inFlight.length < Math.max(1, reads?.width ?? 1)) {
        const p = readOff<R>(...(statements[sent++] as [string, unknown[]]));
        // Its failure is thrown where it is awaited, not reported as unhandled before then.
        p.catch(() => undefined);
        inFlight.push(p);
      }
    };
    fill();
    while (inFlight.length > 0) {
      const rows = await (inFlight.shift() as Promise<R[]>);
      fill();
      if (sliceUsed()) await turn();
      // Each part's rows turned as they come, so a region's rows are not converted in one go.
      for (const r of rows) out.push(as(r));
    }
    return out;
  };

  /** SQLite: the scope's unit ids, looked up once per Scope. */
  const idsOf = (of: Scope): Promise<string[]> =>
    // On the reader threads when there are some: on the store's connection the look would wait for a transaction open there.
    (of.ids ??= readOff<{ id: string }>("select id from units where path like ? escape '\\' order by id", [likePrefix(of.path)]).then((rows) => rows.map((u) => u.id)));

  /** Writes year-to-month rows (fact_reported_c), 12 parameters a row, CHUNK rows a statement. */
  const insertYearToMonth = async (rows: readonly ReportedYearToMonth[]): Promise<void> => {
    for (const part of chunks(rows, CHUNK)) {
      await run(
        `insert into fact_reported_c (unit_id, month, measure, units, num, den, k_units, num_k, den_k, m_units, num_m, den_m) values ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap(({ unitId, month, measure, sums: s }) => [unitId, month, measure, s.units, s.num, s.den, s.kUnits, s.numK, s.denK, s.mUnits, s.numM, s.denM]),
      );
    }
  };

  /**
   * The reported values in the scope matching `filter` (alias f), one text per unit, its values in
   * (measure, period) order: the order the shared code sums a unit's values in (reported.ts), in
   * bytes on both databases. As a row object each, copied from SQLite's reader thread, a region's
   * ~70,000 values were ~250 ms a report. A number is written as the database gives a double as
   * text, which reads back as the same double (SQLite from 3.52 writes 17 significant digits,
   * PostgreSQL the shortest exact text; tests/server/fact-reported.test.ts holds one that needs
   * all 17); a null as nothing.
   */
  const packedReported = (within: ScopeRef, filter: string, params: readonly unknown[]) => {
    const num = (c: string) => (dialect === 'postgres' ? `coalesce(f.${c}::text, '')` : `coalesce(f.${c}, '')`);
    const item = ['f.period', 'f.measure', num('num'), num('den'), num('num_k'), num('den_k'), num('num_m'), num('den_m'), 'f.source'].join(" || ',' || ");
    const agg = dialect === 'postgres' ? `string_agg(${item}, ';' order by f.measure collate "C", f.period collate "C")` : `group_concat(${item}, ';' order by f.measure, f.period)`;
    return scoped<{ unit_id: string; v: string }>(
      within,
      (where, scopeParams) => [`select f.unit_id, ${agg} as v from fact_reported f ${where} and ${filter} group by f.unit_id${inKeyOrder('f.unit_id')}`, [...scopeParams, ...params]],
    );
  };

  /**
   * The year-to-month sums (fact_reported_c) of `months` in the scope, one text per unit
   * ("2026-11,measure,units,num,den,kUnits,numK,denK,mUnits,numM,denM;…"), numbers written as
   * packedReported writes them. A region's year report reads ~9,000 of them.
   */
  const packedYearToMonth = (within: ScopeRef, months: readonly string[]) => {
    const num = (c: string) => (dialect === 'postgres' ? `f.${c}::text` : `f.${c}`);
    const item = ['f.month', 'f.measure', ...['units', 'num', 'den', 'k_units', 'num_k', 'den_k', 'm_units', 'num_m', 'den_m'].map(num)].join(" || ',' || ");
    const agg = dialect === 'postgres' ? `string_agg(${item}, ';' order by f.month, f.measure collate "C")` : `group_concat(${item}, ';' order by f.month, f.measure)`;
    return scoped<{ unit_id: string; v: string }>(
      within,
      (where, scopeParams) => [
        `select f.unit_id, ${agg} as v from fact_reported_c f ${where} and f.month in (${months.map(() => '?').join(', ')}) group by f.unit_id${inKeyOrder('f.unit_id')}`,
        [...scopeParams, ...months],
      ],
    );
  };

  /**
   * SQLite: whether a scope is wide enough that its year-to-month rows are read for all units
   * from their period index (cumulativeRows) rather than walked per unit: a tenth of the units or
   * more. A unit's c rows of a period are one entry of that index, read in order, where its walk
   * is a seek down the primary key (~6 µs with its group); a division's share is a fifth.
   */
  const wideOnSqlite = async (ref: ScopeRef): Promise<boolean> => {
    const of = scopeOf(ref);
    const share = (of.share ??= Promise.all([idsOf(of), readOff<{ n: number }>('select count(*) as n from units', [])]).then(([ids, [r]]) =>
      r === undefined || Number(r.n) === 0 ? 0 : ids.length / Number(r.n),
    ));
    return (await share) >= 1 / 10;
  };

  /**
   * SQLite: the year-to-month rows (grain c: one a unit and period, key '') of the segments'
   * periods for a wide scope, from the partial index of c rows in period order (migration 0013):
   * one range a period holding every unit's row, read in one statement and packed per period
   * ("unit,12,0,3;unit,…": one text a period, not a row object each, ~1,500 a period in a
   * region). Calls `each` with each row in the scope: its unit, its segments and the text with
   * its fields from `at`; the units outside the scope are left out here.
   */
  const cumulativeRows = async (
    table: string,
    segments: readonly Segment[],
    picked: readonly string[],
    ref: ScopeRef,
    each: (unitId: string, segs: readonly number[], text: string, at: number) => number,
  ): Promise<void> => {
    const segOf = new Map<string, number[]>();
    segments.forEach((s, i) => {
      if (isCumulative(s)) pushTo(segOf, s.to, i);
    });
    const periods = [...segOf.keys()];
    // c rows are kept summed over keys (key ''); the sum tables have no key.
    const keyed = [...SUM_TABLES.values()].includes(table) ? '' : " and f.key = ''";
    const [ids, rows] = await Promise.all([
      idsOf(scopeOf(ref)),
      readOff<{ period: string; units: string }>(
        `select f.period, group_concat(f.unit_id || ',' || ${picked.map((c) => `f.${c}`).join(" || ',' || ")}, ';') as units from ${table} f indexed by ${table}_c ` +
          `where f.grain = 'c' and f.period in (${periods.map(() => '?').join(', ')})${keyed} group by f.period`,
        periods,
      ),
    ]);
    const inScope = new Set(ids);
    for (const r of rows) {
      const segs = segOf.get(r.period) ?? [];
      const text = r.units;
      for (let i = 0, n = 0; i < text.length; n++) {
        const comma = text.indexOf(',', i);
        const unitId = text.slice(i, comma);
        i = inScope.has(unitId) ? each(unitId, segs, text, comma + 1) : skipItem(text, comma);
        // A look at the clock every 256 units: a period of a very large tree is not turned in one task.
        if ((n & 255) === 255 && sliceUsed()) await turn();
      }
      if (sliceUsed()) await turn();
    }
  };

  /** The share of all units that lie in the scope (0–1). */
  const scopeShare = async (scopePath: string): Promise<number> => {
    const [r] = await run<{ n: number | string; total: number | string }>(`select (select count(*) from (${scopeIds}) s) as n, (select count(*) from units) as total`, [likePrefix(scopePath)]);
    return r === undefined || Number(r.total) === 0 ? 0 : Number(r.n) / Number(r.total);
  };

  /**
   * Whether the fact feed reads a scope's blocks by walking the block sequence from the cursor,
   * skipping other units' blocks, instead of gathering the scope's blocks by unit and sorting
   * them (SQLite only; PostgreSQL plans this itself and does not hold the event loop). For a
   * region's 60,000 blocks the sort held the loop ~10 ms per page and the head's max ~4 ms; the
   * walk reads ~one page's worth. A small scope's blocks are few and found by unit faster than
   * by walking past everyone else's, so the walk is for scopes of a quarter of the units or more.
   */
  const walksSequence = async (scopePath: string): Promise<boolean> => dialect !== 'postgres' && (await scopeShare(scopePath)) >= 1 / 4;

  /** Re-sums the sum table's rows at the (unit, grain, period) addresses of `refs` (SUM_TABLES). */
  const resum = async (family: Family, refs: readonly FactRef[]) => {
    const table = SUM_TABLES.get(family);
    if (table === undefined || refs.length === 0) return;
    const cols = columnsOf(family);
    const addresses = [...new Map(refs.map((r) => [`${r.unitId}\u0000${r.grain}\u0000${r.period}`, r])).values()];
    for (const part of chunks(addresses, CHUNK)) {
      const match = part.map(() => '(unit_id = ? and grain = ? and period = ?)').join(' or ');
      const params = part.flatMap((r) => [r.unitId, r.grain, r.period]);
      await run(`delete from ${table} where ${match}`, params);
      await run(
        `insert into ${table} (unit_id, grain, period, ${cols.join(', ')}) select unit_id, grain, period, ${cols.map((c) => `sum(${c})`).join(', ')} from ${factTable(family)} where ${match} group by unit_id, grain, period`,
        params,
      );
    }
  };

  /** Deletes the rows at `refs`; with `onlyZero`, only those whose stored vector is all zero. */
  const remove = async (family: Family, refs: readonly FactRef[], onlyZero: boolean) => {
    const zero = onlyZero ? ` and ${columnsOf(family).map((c) => `${c} = 0`).join(' and ')}` : '';
    for (const part of chunks(refs, CHUNK)) {
      const match = part.map(() => '(unit_id = ? and grain = ? and period = ? and key = ?)').join(' or ');
      await run(`delete from ${factTable(family)} where (${match})${zero}`, part.flatMap((r) => [r.unitId, r.grain, r.period, r.key]));
    }
  };

  return {
    get: async (family, refs) => {
      const out: FactRow[] = [];
      for (const part of chunks(refs, CHUNK)) {
        const match = part.map(() => '(unit_id = ? and grain = ? and period = ? and key = ?)').join(' or ');
        const rows = await run<Record<string, unknown>>(`select * from ${factTable(family)} where ${match}`, part.flatMap((r) => [r.unitId, r.grain, r.period, r.key]));
        for (const r of rows) out.push(toRow(family, r));
      }
      return out;
    },
    write: async (family, rows, mode) => {
      if (rows.length === 0) return;
      const cols = columnsOf(family);
      const table = factTable(family);
      const all = ['unit_id', 'grain', 'period', 'key', ...cols];
      const update = cols.map((c) => (mode === 'add' ? `${c} = ${table}.${c} + excluded.${c}` : `${c} = excluded.${c}`)).join(', ');
      const live = mode === 'set' ? rows.filter((r) => r.v.some((x) => x !== 0)) : rows;
      const dead = mode === 'set' ? rows.filter((r) => r.v.every((x) => x === 0)) : [];
      for (const part of chunks(live, CHUNK)) {
        const values = part.map(() => `(${all.map(() => '?').join(', ')})`).join(', ');
        await run(
          `insert into ${table} (${all.join(', ')}) values ${values} on conflict (unit_id, grain, period, key) do update set ${update}`,
          part.flatMap((r) => [r.unitId, r.grain, r.period, r.key, ...r.v]),
        );
      }
      if (dead.length > 0) await remove(family, dead, false);
      // An addition can only empty a row when it subtracts.
      if (mode === 'add') {
        const shrunk = rows.filter((r) => r.v.some((x) => x < 0));
        if (shrunk.length > 0) await remove(family, shrunk, true);
      }
      await resum(family, rows);
    },
    setHr: async (items) => {
      for (const it of items) {
        if (it.hr === null) {
          await run('delete from fact_hr where unit_id = ? and month = ?', [it.unitId, it.month]);
          continue;
        }
        const h = it.hr;
        await run(
          'insert into fact_hr (unit_id, month, kvot_total, kvot_k, kvot_m, korttid, ordinary_hours, source) values (?, ?, ?, ?, ?, ?, ?, ?) ' +
            'on conflict (unit_id, month) do update set kvot_total = excluded.kvot_total, kvot_k = excluded.kvot_k, kvot_m = excluded.kvot_m, ' +
            'korttid = excluded.korttid, ordinary_hours = excluded.ordinary_hours, source = excluded.source',
          [it.unitId, it.month, h.kvotTotal, h.kvotK, h.kvotM, h.korttid, h.ordinaryHours, h.source],
        );
      }
    },
    setReported: async (items) => {
      // One per address, the last one given (a statement may not update a row twice on PostgreSQL).
      const last = [...new Map(items.map((it) => [`${it.unitId}\u0000${it.period}\u0000${it.measure}`, it])).values()];
      for (const part of chunks(last, CHUNK)) {
        const gone = part.filter((it) => it.value === null);
        if (gone.length > 0) {
          await run(`delete from fact_reported where ${gone.map(() => '(unit_id = ? and period = ? and measure = ?)').join(' or ')}`, gone.flatMap((it) => [it.unitId, it.period, it.measure]));
        }
        const live = part.flatMap((it) => (it.value === null ? [] : [it.value]));
        if (live.length === 0) continue;
        await run(
          `insert into fact_reported (unit_id, period, measure, num, den, num_k, den_k, num_m, den_m, source) values ${live.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ` +
            'on conflict (unit_id, period, measure) do update set num = excluded.num, den = excluded.den, num_k = excluded.num_k, den_k = excluded.den_k, num_m = excluded.num_m, den_m = excluded.den_m, source = excluded.source',
          live.flatMap((v) => [v.unitId, v.period, v.measure, v.num, v.den, v.numK, v.denK, v.numM, v.denM, v.source]),
        );
      }
      // The year-to-month sums of each (unit, measure, year) touched, from all its values now
      // stored (at most 16: a year, 3 tertials, 12 months): removed and written again whole.
      const touched = [...new Map(last.map((it) => [`${it.unitId}\u0000${it.measure}\u0000${it.period.slice(0, 4)}`, it])).values()];
      for (const part of chunks(touched, CHUNK)) {
        const where = (period: string) => part.map(() => `(unit_id = ? and measure = ? and ${period} between ? and ?)`).join(' or ');
        const of = (y: (year: string) => [string, string]) => part.flatMap((it) => [it.unitId, it.measure, ...y(it.period.slice(0, 4))]);
        const values = (await run<Record<string, unknown>>(`select * from fact_reported where ${where('period')}`, of((y) => [y, `${y}-T9`]))).map(reportedOfRow);
        await run(`delete from fact_reported_c where ${where('month')}`, of((y) => [`${y}-01`, `${y}-12`]));
        await insertYearToMonth(yearToMonthSums(values));
      }
    },
    bumpBlocks: async (blocks) => {
      // One number per block, so a page of the feed can end anywhere (FactsPullResponse.cursor).
      const uniq = [...new Map(blocks.map((b) => [`${b.unitId}\u0000${b.block}`, b])).values()];
      const cur = await run<{ value: string }>("select value from fact_state where name = 'seq'", []);
      const base = Number(cur[0]?.value ?? 0);
      const last = base + uniq.length;
      await run("insert into fact_state (name, value) values ('seq', ?) on conflict (name) do update set value = excluded.value", [String(last)]);
      for (const [c, part] of chunks(uniq, CHUNK).entries()) {
        const values = part.map(() => '(?, ?, ?)').join(', ');
        await run(
          `insert into fact_blocks (unit_id, block, seq) values ${values} on conflict (unit_id, block) do update set seq = excluded.seq`,
          part.flatMap((b, i) => [b.unitId, b.block, base + c * CHUNK + i + 1]),
        );
      }
      return last;
    },

    sumSegments: async (family, within, segments, collapse, fields, parts) => {
      if (segments.length === 0) return (parts ?? []).map(() => new Map());
      const cols = columnsOf(family);
      const picked = pick(family, fields);
      const at = picked.map((c) => cols.indexOf(c));
      // The sums come as one text per row ("12,0,3"): a row's values as columns cost the driver a
      // property each, and a unit's month of BHK by key (20 fields) is 1.6× slower read that way.
      const sums = `${picked.map((c) => `coalesce(sum(f.${c}), 0)`).join(" || ',' || ")} as v`;
      // Collapsed, a family with a sum table reads that: one row per unit and period (SUM_TABLES).
      const sumTable = collapse ? SUM_TABLES.get(family) : undefined;
      const table = sumTable ?? factTable(family);
      // Rows the primary key makes one per unit (and key, when the read keeps keys) in one period:
      // a read of one period then needs no GROUP BY, its columns as they are (NOT NULL, 0 by default).
      // A region's month and compare month of BHK: ~19 → ~11 ms of SQLite's time on its own.
      const onePerUnit = !collapse || sumTable !== undefined || UNKEYED_FAMILIES.has(family);
      const plain = `${picked.map((c) => `f.${c}`).join(" || ',' || ")} as v`;
      const key = collapse ? "'' as key" : 'f.key';
      const groupKey = collapse ? '' : ', f.key';
      // Where each segment's rows go: itself, or every range that holds it.
      const into: number[][] = segments.map((_, i) => (parts === undefined ? [i] : parts.flatMap((p, r) => (p.includes(i) ? [r] : []))));
      const out: UnitSums[] = (parts ?? segments).map(() => new Map());
      // Each part is a set of whole units, so a unit's (segment, key) sum comes from one part.
      // PostgreSQL: segments of one grain that follow each other (year-to-month rows of consecutive
      // months, last year to date and whole; days of a month and the days after them) are read in
      // one range and told apart by a CASE, each unit's rows found once and hashed. SQLite sorts
      // rows grouped by such a CASE in a temporary B-tree first; one SELECT per segment grouped by
      // unit walks the primary key in its own order instead (a region's year of month rows, the
      // statements alone: BHK ~30 → 21 ms, Gröna korset ~40 → 25 ms per request).
      // SQLite, a wide scope: its year-to-month segments from their period index (cumulativeRows).
      // A unit's c rows then come from another statement than its other segments: a push committed
      // between the two shows in one and not yet in the other, as it may between two families' reads.
      const cFirst = dialect !== 'postgres' && segments.some(isCumulative) && (await wideOnSqlite(within));
      const reads: { seg: string; caseParams: string[]; s: Segment; to: string }[] =
        dialect === 'postgres'
          ? contiguousRuns(segments).map((run) => ({
              seg: run.length === 1 ? `${run[0]?.i}` : `case ${run.map((r) => `when f.period <= ? then ${r.i}`).join(' ')} end`,
              caseParams: run.length === 1 ? [] : run.map((r) => r.s.to),
              s: (run[0] as SegmentAt).s,
              to: (run.at(-1) as SegmentAt).s.to,
            }))
          : segments.flatMap((s, i) => (cFirst && isCumulative(s) ? [] : [{ seg: `${i}`, caseParams: [], s, to: s.to }]));
      // PostgreSQL, collapsed: a unit's segments come as one row ("0,12,0,3;2,40,1,9": segment,
      // then the sums), not one row each: a region's year is ~1,600 rows a family instead of ~8,000,
      // and the driver's row objects, all alive until the statement ends, were most of what a year
      // report's reads left for the garbage collector to copy (issue 17).
      const packed = dialect === 'postgres' && collapse;
      // SQLite, collapsed: a statement's rows (100 units' segments) come as one text
      // ("0,unit,12,0,3;…": segment, unit, then the sums), not a row object each, which the reader
      // thread would copy to this one (the units' ids hold no ',' or ';': ID_PATTERN).
      const allPacked = dialect !== 'postgres' && collapse;
      // Each row's sums are read into one vector used again for the next (readFields writes the
      // picked fields, the rest stay 0) and added into the ranges that hold its segment: a range's
      // sums own their vectors (addInto copies the first), one per unit and range rather than one
      // per unit and segment (a region's year report read ~110,000 of them; issue 17).
      const v = new Array<number>(cols.length).fill(0);
      const seg = [0];
      const add = (unitId: string, rowKey: string, segment: number) => {
        for (const target of into[segment] as number[]) addInto(out[target] as UnitSums, unitId, rowKey, v);
      };
      // Read beside the other segments (on another reader thread), and added as they come.
      const cRows = cFirst
        ? cumulativeRows(table, segments, picked, within, (unitId, segs, text, i) => {
            const next = readFields(text, i, at, v);
            for (const segment of segs) add(unitId, '', segment);
            return next;
          })
        : undefined;
      cRows?.catch(() => undefined);
      const rows = reads.length === 0 ? [] : await scoped<Record<string, unknown>>(within, (where, scopeParams) => {
        const union = reads
          .map((r) => {
            const bySeg = r.caseParams.length > 0 ? ', seg' : '';
            // One period (a month, a day) as an equality: then the key, too, comes in the primary key's order.
            const one = r.s.from === r.to;
            const period = one ? 'f.period = ?' : 'f.period between ? and ?';
            if (one && onePerUnit) return `select ${r.seg} as seg, f.unit_id, ${key}, ${plain} from ${table} f ${where} and f.grain = ? and ${period}`;
            return `select ${r.seg} as seg, f.unit_id, ${key}, ${sums} from ${table} f ${where} and f.grain = ? and ${period} group by f.unit_id${groupKey}${bySeg}`;
          })
          .join(' union all ');
        return [
          packed
            ? `select unit_id, string_agg(seg || ',' || v, ';') as v from (${union}) s group by unit_id`
            : allPacked
              ? `select '' as unit_id, group_concat(seg || ',' || unit_id || ',' || v, ';') as v from (${union}) s`
              : union + (collapse ? '' : inKeyOrder('2, 3')),
          reads.flatMap((r) => [...r.caseParams, ...scopeParams, r.s.grain, ...(r.s.from === r.to ? [r.to] : [r.s.from, r.to])]),
        ];
      });
      const each = (r: Record<string, unknown>) => {
        if (r.v === null) return;
        const text = String(r.v);
        if (allPacked) {
          for (let i = 0; i < text.length; ) {
            const comma = text.indexOf(',', (i = readFields(text, i, SEG_AT, seg)));
            const unitId = text.slice(i, comma);
            i = readFields(text, comma + 1, at, v);
            add(unitId, '', seg[0] as number);
          }
          return;
        }
        if (!packed) {
          readFields(text, 0, at, v);
          add(r.unit_id as string, r.key as string, Number(r.seg));
          return;
        }
        for (let i = 0; i < text.length; ) {
          i = readFields(text, readFields(text, i, SEG_AT, seg), at, v);
          add(r.unit_id as string, '', seg[0] as number);
        }
      };
      await eachPaced(rows, each);
      await cRows;
      return out;
    },
    days: async (family, within, from, to, fields) => {
      if (fields.length === 0) throw new Error('days: no fields asked for');
      // Each field's column, in `fields` order (the grid's).
      const cols = fields.map((f) => {
        const c = columnsOf(family).find((x) => snake(f) === x);
        if (c === undefined) throw new Error(`${family} has no field ${f}`);
        return c;
      });
      const first = dayNumber(from);
      const length = dayNumber(to) - first + 1;
      // The days come packed, one text per day with every unit's fields ("avd-1,1,0,0,0;avd-2,…";
      // a family with keys summed per unit and day first): a region's month is 45,000 day rows, and
      // as rows each one cost the driver a row object and a string per column. Grouped by day, a
      // wide scope on PostgreSQL is one range of the period index, in its order: ~800 pages for a
      // region's month where a walk of the key unit by unit touches ~12,000, and read cold that walk
      // (~0.7 s after a bench's other reads) was the Gröna korset roll-up's slowest samples.
      const agg = dialect === 'postgres' ? 'string_agg' : 'group_concat';
      const cells = (alias: string, names: readonly string[]) => [`${alias}.unit_id`, ...names.map((c) => `${alias}.${c}`)].join(" || ',' || ");
      const text = UNKEYED_FAMILIES.has(family)
        ? `select f.period, ${agg}(${cells('f', cols)}, ';') as units from ${factTable(family)} f WHERE and f.grain = 'd' and f.period between ? and ? group by f.period`
        : `select d.period, ${agg}(${cells('d', cols)}, ';') as units from (select f.unit_id, f.period, ${cols.map((c) => `sum(f.${c}) as ${c}`).join(', ')} from ${factTable(family)} f WHERE and f.grain = 'd' and f.period between ? and ? group by f.unit_id, f.period) d group by d.period`;
      const packed = await scoped<{ period: string; units: string }>(within, (where, scopeParams) => [text.replace('WHERE', where), [...scopeParams, from, to]]);
      const out: UnitDays = new Map();
      const grid = dayGrids(length, cols.length);
      const gridOf = (unitId: string): DayGrid => {
        let g = out.get(unitId);
        if (g === undefined) out.set(unitId, (g = grid()));
        return g;
      };
      await eachPaced(packed, (r) => unpackDayOfUnits(r.units, dayNumber(r.period) - first, cols.length, gridOf));
      return out;
    },
    byDay: async (family, within, from, to) => {
      const cols = columnsOf(family);
      const rows = await scoped<Record<string, unknown>>(within, (where, scopeParams) => [
        `select f.period, ${cols.map((c) => `sum(f.${c}) as ${c}`).join(', ')} from ${factTable(family)} f ${where} and f.grain = 'd' and f.period between ? and ? group by f.period${inKeyOrder('1')}`,
        [...scopeParams, from, to],
      ]);
      // Parts hold different units: a day's sums add up over the parts.
      const out = new Map<string, number[]>();
      for (const r of rows) {
        const v = cols.map((c) => Number(r[c] ?? 0));
        const cur = out.get(r.period as string);
        out.set(r.period as string, cur === undefined ? v : cur.map((x, i) => x + (v[i] as number)));
      }
      return out;
    },
    lastFalls: async (within, ranges) => {
      const out = ranges.map(() => new Map<string, string>());
      if (ranges.length === 0) return out;
      if (dialect === 'postgres') {
        // One pass over the partial index of fall days (a unit's falls are a few a month) for
        // every range at once, a max() filtered per range. Looked up per unit and range (below),
        // each look was a subplan started anew: a region's year report made ~4,500 of them
        // (~25 ms, the statement alone; this way ~12 ms).
        const from = ranges.map((r) => r.from).reduce((a, b) => (a < b ? a : b));
        const to = ranges.map((r) => r.to).reduce((a, b) => (a > b ? a : b));
        const lasts = ranges.map((_, i) => `max(f.period) filter (where f.period between ? and ?) as l${i}`).join(', ');
        const rows = await scoped<Record<string, string | null>>(within, (where, scopeParams) => [
          `select f.unit_id, ${lasts} from fact_safety f ${where} and f.grain = 'd' and f.falls > 0 and f.period between ? and ? group by f.unit_id`,
          [...ranges.flatMap((r) => [r.from, r.to]), ...scopeParams, from, to],
        ]);
        for (const r of rows) {
          ranges.forEach((_, i) => {
            const last = r[`l${i}`];
            if (last !== null && last !== undefined) out[i]?.set(r.unit_id as string, last);
          });
        }
        return out;
      }
      // SQLite: per unit one look into the partial index of fall days, from the range's end
      // backwards (a max() the index answers at its end), not every fall day of the look-back.
      // Its planner would rather walk the primary key, every day of the unit: hence `indexed by`.
      const indexed = ' indexed by fact_safety_falls';
      const rows = await scoped<{ seg: number | string; unit_id: string; last: string | null }>(within, (where, scopeParams) => [
        ranges
          .map(
            (_, i) =>
              `select ${i} as seg, f.unit_id, (select max(x.period) from fact_safety x${indexed} where x.unit_id = f.unit_id and x.grain = 'd' and x.falls > 0 and x.period between ? and ?) as last from (select id as unit_id from units) f ${where}`,
          )
          .join(' union all '),
        ranges.flatMap((r) => [r.from, r.to, ...scopeParams]),
      ]);
      for (const r of rows) if (r.last !== null) out[Number(r.seg)]?.set(r.unit_id, r.last);
      return out;
    },
    hrMonths: async (within, fromMonth, toMonth) => {
      // Mapped as each part comes (see scoped), not all at once: a region's years of HR months are tens of thousands.
      // fact_hr has no period index (0010): its primary key, walked per unit as before.
      return scoped<Record<string, unknown>, HrMonth>(
        within,
        (where, scopeParams) => [`select f.* from fact_hr f ${where} and f.month between ? and ?${inKeyOrder('f.unit_id, f.month')}`, [...scopeParams, fromMonth, toMonth]],
        toHr,
        true,
      );
    },
    reported: async (within, from, to) => {
      const out: ReportedValue[] = [];
      await eachPaced(await packedReported(within, 'f.period between ? and ?', [from, to]), (r) => {
        walkReported(r.v, (period, measure, num, den, numK, denK, numM, denM, source) => {
          out.push({ id: reportedValueIdFor(r.unit_id, measure, period), unitId: r.unit_id, measure, period, num, den, numK, denK, numM, denM, source } as ReportedValue);
        });
      });
      return out;
    },
    reportedSums: async (within, ranges) => {
      const out: ReportedSumsByUnit[] = ranges.map(() => new Map());
      // Ranges from 1 January read their last whole month's year-to-month sums; the rest read values.
      const monthOf = new Map<string, number[]>();
      const rest: number[] = [];
      ranges.forEach((r, i) => {
        const month = yearToMonthOf(r);
        if (month === undefined) rest.push(i);
        else if (month !== null) pushTo(monthOf, month, i);
      });
      const periods = reportedPeriodsIn(rest.map((i) => ranges[i] as DateRange));
      const months = [...monthOf.keys()];
      const list = [...periods.keys()];
      const [sums, values] = await Promise.all([
        months.length === 0 ? [] : packedYearToMonth(within, months),
        list.length === 0 ? [] : packedReported(within, `f.period in (${list.map(() => '?').join(', ')})`, list),
      ]);
      const sumsOf = (i: number, unitId: string): Map<string, ReportedSums> => {
        const byUnit = out[i] as ReportedSumsByUnit;
        let mine = byUnit.get(unitId);
        if (mine === undefined) byUnit.set(unitId, (mine = new Map()));
        return mine;
      };
      await eachPaced(sums, (r) => {
        walkYearToMonth(r.v, (month, measure, s) => {
          // A range of its own for each (an object is not shared between ranges: pool.ts adds into its copy).
          for (const i of monthOf.get(month) ?? []) sumsOf(i, r.unit_id).set(measure, { ...s });
        });
      });
      await eachPaced(values, (r) => {
        const mine = rest.map(() => new Map<string, ReportedSums>());
        // In (measure, period) order, as the device sums a unit's values (reported.ts reportedSumsOf).
        walkReported(r.v, (period, measure, num, den, numK, denK, numM, denM) => {
          for (const j of periods.get(period) ?? []) {
            const sums = mine[j] as Map<string, ReportedSums>;
            let s = sums.get(measure);
            if (s === undefined) sums.set(measure, (s = emptyReportedSums()));
            addReportedValue(s, num, den, numK, denK, numM, denM);
          }
        });
        mine.forEach((sums, j) => {
          if (sums.size === 0) return;
          for (const s of sums.values()) s.reporters = 1;
          (out[rest[j] as number] as ReportedSumsByUnit).set(r.unit_id, sums);
        });
      });
      return out;
    },

    unitFacts: async (unitId) => {
      const rows: FactRow[] = [];
      for (const family of FAMILY_LIST) {
        for (const r of await run<Record<string, unknown>>(`select * from ${factTable(family)} where unit_id = ?`, [unitId])) rows.push(toRow(family, r));
      }
      const hr = (await run<Record<string, unknown>>('select * from fact_hr where unit_id = ?', [unitId])).map(toHr);
      return { rows, hr };
    },
    unitReported: async (unitId) => (await run<Record<string, unknown>>('select * from fact_reported where unit_id = ?', [unitId])).map(reportedOfRow),
    unitYearToMonth: async (unitId) =>
      (await run<Record<string, unknown>>('select * from fact_reported_c where unit_id = ? order by measure, month', [unitId])).map((r) => ({
        unitId: r.unit_id as string,
        measure: r.measure as string,
        month: r.month as string,
        sums: { reporters: 1, units: Number(r.units), num: Number(r.num), den: Number(r.den), kUnits: Number(r.k_units), numK: Number(r.num_k), denK: Number(r.den_k), mUnits: Number(r.m_units), numM: Number(r.num_m), denM: Number(r.den_m) },
      })),
    clearUnit: async (unitId) => {
      for (const family of FAMILY_LIST) await run(`delete from ${factTable(family)} where unit_id = ?`, [unitId]);
      for (const table of SUM_TABLES.values()) await run(`delete from ${table} where unit_id = ?`, [unitId]);
      await run('delete from fact_hr where unit_id = ?', [unitId]);
      await run('delete from fact_reported where unit_id = ?', [unitId]);
      await run('delete from fact_reported_c where unit_id = ?', [unitId]);
    },
    sumDifferences: async (unitId) => {
      const out: string[] = [];
      for (const [family, table] of SUM_TABLES) {
        const cols = columnsOf(family);
        const text = (r: Record<string, unknown>) => cols.map((c) => Number(r[c] ?? 0)).join(',');
        const at = (r: Record<string, unknown>) => `${family} ${unitId} ${String(r.grain)} ${String(r.period)}`;
        const stored = new Map((await run<Record<string, unknown>>(`select * from ${table} where unit_id = ?`, [unitId])).map((r) => [at(r), text(r)]));
        const summed = await run<Record<string, unknown>>(
          `select grain, period, ${cols.map((c) => `sum(${c}) as ${c}`).join(', ')} from ${factTable(family)} where unit_id = ? group by grain, period`,
          [unitId],
        );
        for (const r of summed) {
          const s = stored.get(at(r));
          if (s !== text(r)) out.push(`sum ${at(r)}: stored ${s ?? '-'}, keys ${text(r)}`);
          stored.delete(at(r));
        }
        for (const [k, s] of stored) out.push(`sum ${k}: stored ${s}, keys -`);
      }
      return out;
    },
    blocksAfter: async (scopePath, cursor, limit, yearFrom, dayFrom) => {
      const inWindow = "((f.block like 'Y%' and f.block >= ?) or (f.block like 'D%' and f.block >= ?))";
      const window = [`Y${yearFrom}`, `D${dayFrom}`];
      const [text, params] = (await walksSequence(scopePath))
        ? [`from fact_blocks f indexed by fact_blocks_seq where f.seq > ? and f.unit_id in (${scopeIds}) and ${inWindow}`, [cursor, likePrefix(scopePath), ...window]]
        : [`from fact_blocks f ${scope} and f.seq > ? and ${inWindow}`, [likePrefix(scopePath), cursor, ...window]];
      const rows = await run<{ unit_id: string; block: string; seq: number | string }>(`select f.unit_id, f.block, f.seq ${text} order by f.seq, f.unit_id, f.block limit ?`, [...params, limit]);
      return rows.map((r) => ({ unitId: r.unit_id, block: r.block, seq: Number(r.seq) }));
    },
    headBlockSeq: async (scopePath) => {
      const rows = await run<{ head: number | string | null }>(
        (await walksSequence(scopePath))
          ? `select f.seq as head from fact_blocks f indexed by fact_blocks_seq where f.unit_id in (${scopeIds}) order by f.seq desc limit 1`
          : `select max(f.seq) as head from fact_blocks f ${scope}`,
        [likePrefix(scopePath)],
      );
      return Number(rows[0]?.head ?? 0);
    },
    blockContents: async (blocks, encoded = false) => {
      const out = new Map<string, BlockContent>();
      const keyOf = (unitId: string, block: string) => `${unitId}\u0000${block}`;
      for (const b of blocks) out.set(keyOf(b.unitId, b.block), { rows: [], hr: [], falls: [], fallBefore: null, reported: [], ...(encoded ? { encoded: new Map() } : {}) });
      const years = blocks.filter((b) => b.block.startsWith('Y'));
      const months = blocks.filter((b) => b.block.startsWith('D'));
      const spanOf = (refs: BlockRef[], grain: Grain) => {
        const units = [...new Set(refs.map((b) => b.unitId))];
        const spans = refs.map((b) => b.block.slice(1)).sort();
        const from = `${spans[0]}-01`;
        const to = grain === 'm' ? `${spans.at(-1)}-12` : `${spans.at(-1)}-31`;
        return { units, from, to };
      };
      // SQLite: smaller parts (see `scoped`): a page of 200 blocks is ~60 statements, none of them
      // holding the loop long, with turns between them as the SQLite dialect gives them.
      const size = dialect === 'postgres' ? CHUNK : BLOCKS_PER_PART;
      for (const [refs, grain] of [[years, 'm'], [months, 'd']] as const) {
        for (const part of chunks(refs, size)) {
          const { units, from, to } = spanOf(part, grain);
          const marks = units.map(() => '?').join(', ');
          // The query spans more than this chunk's blocks: keep only rows of its own blocks.
          const mine = new Set(part.map((b) => keyOf(b.unitId, b.block)));
          const into = (unitId: string, block: string) => (mine.has(keyOf(unitId, block)) ? out.get(keyOf(unitId, block)) : undefined);
          const blockOf = (period: string) => (grain === 'm' ? `Y${period.slice(0, 4)}` : `D${period.slice(0, 7)}`);
          for (const family of FAMILY_LIST) {
            const where = `from ${factTable(family)} where unit_id in (${marks}) and grain = ? and period between ? and ?`;
            const params = [...units, grain, from, to];
            if (encoded) {
              // The database writes each row's JSON array itself: ~5× faster than reading its 24
              // columns into an object and writing them out again (a region's first sync is ~2 M
              // rows). PostgreSQL's json functions put a space after each comma; written out by
              // hand (to_json escapes the texts), the array is the same text as JSON.stringify's.
              const json =
                dialect === 'sqlite'
                  ? `json_array(period, key, ${columnsOf(family).join(', ')})`
                  : `'[' || to_json(period)::text || ',' || to_json(key)::text || ',' || ${columnsOf(family).join(" || ',' || ")} || ']'`;
              for (const r of await run<{ unit_id: string; period: string; j: string }>(`select unit_id, period, ${json} as j ${where}`, params)) {
                pushTo(into(r.unit_id, blockOf(r.period))?.encoded, family, new RawJson(r.j));
              }
              continue;
            }
            for (const r of await run<Record<string, unknown>>(`select * ${where}`, params)) {
              const row = toRow(family, r);
              into(row.unitId, blockOf(row.period))?.rows.push(row);
            }
          }
          if (grain !== 'm') continue;
          for (const r of await run<Record<string, unknown>>(`select * from fact_hr where unit_id in (${marks}) and month between ? and ?`, [...units, from, to])) {
            const h = toHr(r);
            into(h.unitId, `Y${h.month.slice(0, 4)}`)?.hr.push(h);
          }
          // A year's reported periods sort between 'YYYY' and 'YYYY-T3' (months, then tertials).
          const reported = await run<Record<string, unknown>>(
            `select * from fact_reported where unit_id in (${marks}) and period between ? and ? order by unit_id, measure, period`,
            [...units, from.slice(0, 4), `${to.slice(0, 4)}-T9`],
          );
          for (const r of reported) {
            const v = reportedOfRow(r);
            into(v.unitId, `Y${v.period.slice(0, 4)}`)?.reported.push(v);
          }
          // Every fall up to the chunk's last year: the year's own, and the last one before each year.
          const falls = await run<{ unit_id: string; period: string }>(
            `select unit_id, period from fact_safety where unit_id in (${marks}) and grain = 'd' and falls > 0 and period <= ? order by period`,
            [...units, `${to.slice(0, 4)}-12-31`],
          );
          for (const f of falls) into(f.unit_id, `Y${f.period.slice(0, 4)}`)?.falls.push(f.period);
          for (const b of part) {
            const start = `${b.block.slice(1)}-01-01`;
            const c = out.get(keyOf(b.unitId, b.block));
            if (c === undefined) continue;
            for (const f of falls) if (f.unit_id === b.unitId && f.period < start) c.fallBefore = f.period;
          }
        }
      }
      return out;
    },
    getState: async (name) => (await run<{ value: string }>('select value from fact_state where name = ?', [name]))[0]?.value,
    setState: async (name, value) => {
      await run('insert into fact_state (name, value) values (?, ?) on conflict (name) do update set value = excluded.value', [name, value]);
    },
    isBuilt: async (unitId) => (await run('select unit_id from fact_built where unit_id = ?', [unitId])).length > 0,
    markBuilt: async (unitId) => {
      await run('insert into fact_built (unit_id) values (?) on conflict (unit_id) do nothing', [unitId]);
    },
    builtCount: async () => Number((await run<{ n: number | string }>('select count(*) as n from fact_built', []))[0]?.n ?? 0),
    clearBuilt: async () => {
      await run('delete from fact_built', []);
    },
  };
}

