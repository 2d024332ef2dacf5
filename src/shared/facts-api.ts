/**
 * The fact feed of devices above the unit level (sync/README.md rules 20–24, protocol 3). A VO,
 * division or region manager's device does not replicate its units' raw board rows; it pulls the
 * units' facts in blocks instead:
 *  - a year block `Y2026`: the unit's month rows of every family for that year, its HR months and
 *    the dates it had a fall (for "days since the last fall");
 *  - a month block `D2026-11`: the unit's day rows of that month.
 * Year blocks also carry the unit's reported values (issue 13) whose period lies in the year (its
 * months, tertials and the year itself), from protocol 4.
 * A block is always sent whole, in its latest state, and replaces the device's copy (an empty block
 * removes it). Blocks carry the server's block sequence; the device keeps the highest it applied as
 * its fact cursor. Only blocks inside the window (factWindow) are sent: the last three years of
 * months, and days from the current month back to the same month a year ago and the one before
 * it (a period in progress is compared with the same days last year; a week with the same week).
 * The window only ever gains the current month, whose blocks are new, so moving it never needs a
 * block the feed already passed. A unit's raw rows come on demand (UnitSnapshot) when someone
 * opens that unit's own board.
 */
import { z } from 'zod/mini';
import { FAMILY_NAMES, type Family, type FactRow, fieldsOf } from './domain/facts/families';
import { addDays } from './domain/periods';
import { type HrMonth, hrMonthIdFor, hrMonthParts } from './schema/hr-month';
import { UnitId } from './schema/ids';
import { IndicatorKey } from './schema/indicator';
import { REPORTED_SOURCES, ReportedPeriod, type ReportedValue, reportedValueIdFor, reportedValueParts } from './schema/reported-value';
import { EntityName } from './schema/registry';
import type { RawJson } from './raw-json';

/** First protocol version whose clients are sent `facts` on pull (the fact feed itself needs REPORTED_FACTS_SINCE). */
export const FACTS_SINCE = 3;
/**
 * First protocol version whose clients read reported values from year blocks (`FactBlock.rep`):
 * a device in facts mode below it would hold its leaf units' values as rows the feed no longer
 * updates, so it is answered `client-too-old` (rule 22).
 */
export const REPORTED_FACTS_SINCE = 4;
export const FACT_PAGE_BLOCKS = 200;
/** Years of month blocks (this one and the two before) and months of day blocks (this one and 13 before). */
export const FACT_YEARS = 3;
export const FACT_DAY_MONTHS = 14;
/** Units a device may hold raw rows of on demand at once (the pinned units sent with each pull). */
export const MAX_PINNED_UNITS = 12;

export interface FactWindow {
  /** First year of month blocks (YYYY). */
  fromYear: string;
  /** First month of day blocks (YYYY-MM). */
  fromDayMonth: string;
}

/** The window on `today` (YYYY-MM-DD, Europe/Stockholm). */
export function factWindow(today: string): FactWindow {
  const fromYear = String(Number(today.slice(0, 4)) - (FACT_YEARS - 1));
  let month = today.slice(0, 7);
  for (let i = 1; i < FACT_DAY_MONTHS; i++) month = addDays(`${month}-01`, -1).slice(0, 7);
  return { fromYear, fromDayMonth: month };
}

/** Bulk entities: the boards' rows, which devices above the unit level get as facts instead. */
export const BULK_ENTITIES: readonly EntityName[] = ['bhkObservation', 'safetyEvent', 'safetyDay', 'staffingShift', 'bedsDay', 'hrMonth', 'meetingLog', 'reportedValue'];

/**
 * The entities whose cells a unit's year blocks hold (FactBlock.hr, FactBlock.rep): a device in
 * facts mode keeps its own write of one as a row over the block until a block of that year comes
 * (client facts-repo.ts dropSupersededCells; the server numbers it anew for every accepted change,
 * push-buffer.ts).
 */
export const YEAR_BLOCK_CELLS = ['hrMonth', 'reportedValue'] as const satisfies readonly EntityName[];

/** The unit and year block (Y2026) of such a cell, by its id; null for any other entity or id. */
export function yearBlockOfCell(entity: string, id: string): { unitId: string; block: string } | null {
  if (entity === 'hrMonth') {
    const p = hrMonthParts(id);
    return p === null ? null : { unitId: p.unitId, block: `Y${p.month.slice(0, 4)}` };
  }
  if (entity === 'reportedValue') {
    const p = reportedValueParts(id);
    return p === null ? null : { unitId: p.unitId, block: `Y${p.period.slice(0, 4)}` };
  }
  return null;
}

const BlockId = z.string().check(z.regex(/^(Y\d{4}|D\d{4}-\d{2})$/));
/**
 * [period, key, ...the family's fields in order]. Checked by one loop, not a union per element: a
 * region manager's first sync is two million rows, and zod's union per value was ~2.5 s of it on
 * a desktop's Chromium (issue 17).
 */
const EncodedRow = z.custom<(string | number)[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'), { message: 'Expected an encoded fact row' });
/** [period, num, den, numK, denK, numM, denM, source]: a reported value of the measure it is listed under. */
const EncodedReported = z.tuple([ReportedPeriod, z.number(), z.nullable(z.number()), z.nullable(z.number()), z.nullable(z.number()), z.nullable(z.number()), z.nullable(z.number()), z.enum(REPORTED_SOURCES)]);
/** [month, kvotTotal, kvotK, kvotM, korttid, ordinaryHours, source]. */
const EncodedHr = z.tuple([z.string(), z.number(), z.nullable(z.number()), z.nullable(z.number()), z.nullable(z.number()), z.nullable(z.number()), z.enum(['manual', 'import'])]);

export const FactBlock = z.strictObject({
  unitId: UnitId,
  block: BlockId,
  seq: z.int(),
  rows: z.record(z.string(), z.array(EncodedRow)),
  hr: z.array(EncodedHr),
  /** Year blocks: the days of the year with a fall. */
  falls: z.array(z.string()),
  /**
   * Year blocks: the unit's last fall before 1 January of the year (null: none), so a device
   * holding its oldest year block knows "days since the last fall" without older blocks.
   */
  fallBefore: z.nullable(z.string()),
  /**
   * Year blocks, from protocol 4: the unit's reported values of the year by measure. Missing in a
   * block a device stored before it (read as none; the server sent those blocks again, 0015).
   */
  rep: z.optional(z.record(IndicatorKey, z.array(EncodedReported))),
});
export type FactBlock = z.infer<typeof FactBlock>;

export const FactsPullResponse = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    blocks: z.array(FactBlock),
    /** Pass back as `cursor`; only stored after the blocks are applied. */
    cursor: z.int(),
    hasMore: z.boolean(),
    headSeq: z.int(),
    window: z.strictObject({ fromYear: z.string(), fromDayMonth: z.string() }),
    serverTime: z.number(),
  }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.literal('client-too-old'),
    minProtocolVersion: z.int(),
    serverTime: z.number(),
  }),
]);
export type FactsPullResponse = z.infer<typeof FactsPullResponse>;

/** A fact page as the server writes it (its blocks as FactBlockOut); the client reads FactsPullResponse. */
export type FactsPullOut =
  | Exclude<FactsPullResponse, { ok: true }>
  | (Omit<Extract<FactsPullResponse, { ok: true }>, 'blocks'> & { blocks: FactBlockOut[] });

/** One unit's raw rows of the bulk entities, as the server holds them (on demand, rule 24). */
export const UnitSnapshot = z.strictObject({
  unitId: UnitId,
  rows: z.array(
    z.strictObject({
      entity: EntityName,
      id: z.string(),
      data: z.record(z.string(), z.unknown()),
      hlcs: z.record(z.string(), z.string()),
      deleted: z.boolean(),
    }),
  ),
  /** The change log's head when the snapshot was read. */
  headSeq: z.int(),
});
export type UnitSnapshot = z.infer<typeof UnitSnapshot>;

/**
 * A block as the server writes it: a family's rows either as FactRows or as rows the database has
 * already written as JSON arrays in EncodedRow's order (RawJson); both go out as the same text.
 */
export type FactBlockOut = Omit<FactBlock, 'rows'> & { rows: Record<string, readonly (EncodedRow | RawJson)[]> };
type EncodedRow = z.infer<typeof EncodedRow>;

export function encodeBlock(
  unitId: string,
  block: string,
  seq: number,
  rows: readonly FactRow[] | ReadonlyMap<Family, readonly RawJson[]>,
  hr: readonly HrMonth[],
  falls: readonly string[],
  fallBefore: string | null,
  reported: readonly ReportedValue[] = [],
): FactBlockOut {
  const rep: Record<string, z.infer<typeof EncodedReported>[]> = {};
  for (const v of reported) (rep[v.measure] ??= []).push([v.period, v.num, v.den, v.numK, v.denK, v.numM, v.denM, v.source]);
  const out: Record<string, (EncodedRow | RawJson)[]> = {};
  if (rows instanceof Map) {
    for (const [family, list] of rows) if (list.length > 0) out[family] = [...list];
  } else {
    for (const r of rows as readonly FactRow[]) (out[r.family] ??= []).push([r.period, r.key, ...r.v]);
  }
  return {
    unitId: unitId as FactBlock['unitId'],
    block,
    seq,
    rows: out,
    hr: hr.map((h) => [h.month, h.kvotTotal, h.kvotK, h.kvotM, h.korttid, h.ordinaryHours, h.source]),
    falls: [...falls],
    fallBefore: block.startsWith('Y') ? fallBefore : null,
    ...(block.startsWith('Y') ? { rep } : {}),
  };
}

/** A block's fact rows, HR months, fall days and reported values; rows of a family this client does not know are left out. */
export function decodeBlock(b: FactBlock): { rows: FactRow[]; hr: HrMonth[]; falls: string[]; fallBefore: string | null; reported: ReportedValue[] } {
  const grain = b.block.startsWith('D') ? 'd' : 'm';
  const rows: FactRow[] = [];
  for (const family of FAMILY_NAMES) {
    const n = fieldsOf(family).length;
    for (const r of b.rows[family] ?? []) {
      const [period, key, ...v] = r;
      rows.push({ family: family as Family, unitId: b.unitId, grain, period: String(period), key: String(key), v: Array.from({ length: n }, (_, i) => Number(v[i] ?? 0)) });
    }
  }
  const hr = b.hr.map(
    ([month, kvotTotal, kvotK, kvotM, korttid, ordinaryHours, source]) =>
      ({ id: hrMonthIdFor(b.unitId, month), unitId: b.unitId, month, kvotTotal, kvotK, kvotM, korttid, ordinaryHours, source }) as HrMonth,
  );
  return { rows, hr, falls: b.falls, fallBefore: b.fallBefore, reported: reportedOfBlock(b) };
}

/** A block's reported values, as their rows would parse. */
export function reportedOfBlock(b: FactBlock): ReportedValue[] {
  const out: ReportedValue[] = [];
  for (const [measure, list] of Object.entries(b.rep ?? {})) {
    for (const [period, num, den, numK, denK, numM, denM, source] of list) {
      out.push({ id: reportedValueIdFor(b.unitId, measure, period) as ReportedValue['id'], unitId: b.unitId, measure: measure as ReportedValue['measure'], period, num, den, numK, denK, numM, denM, source });
    }
  }
  return out;
}
