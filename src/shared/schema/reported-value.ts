/**
 * A reported measure's value (issue 13): a figure that no board measures (väntande till första
 * besök, utskrivningsklara, kostnad inhyrd personal, resultat mot budget …) typed in by a manager
 * or controller, or imported from the region's BI or HR system. One editable cell per (unit,
 * measure, period), id `reportedValue:<unitId>:<measure>:<period>`; the measure is an indicator
 * key whose source is `{kind: 'reported'}` (schema/indicator.ts), the period a month `2026-03`,
 * a tertial `2026-T1` or a year `2026`, as the measure's grain says.
 *
 * Every value is additive, so levels pool it by summing (domain/indicators/reported.ts):
 *  - form `count` or `value`: `num` is the count or the value in the measure's unit (kr, mnkr,
 *    dagar, antal), `den` is null;
 *  - form `ratio`: `num` / `den` (e.g. patients waiting ≤ 90 days / all waiting), so a level's
 *    share is Σnum / Σden, never an average of shares.
 * K/M: `numK`/`denK` and `numM`/`denM` split the figure by kvinnor and män (null: no split).
 *
 * Invariant: every write carries every field (null where the figure lacks it), so a re-import
 * replaces the whole cell and never leaves an old K/M value behind.
 */
import { z } from 'zod/mini';
import { UnitId } from './ids';
import { IndicatorKey } from './indicator';
import { CellId, cellId } from './staffing-cell';

export const REPORTED_SOURCES = ['manual', 'import'] as const;

/** A reported period: month `2026-03`, tertial `2026-T2` or year `2026` (from year 1000: the periods' dates start there, domain/periods.ts). */
export const REPORTED_PERIOD = /^[1-9]\d{3}(-(0[1-9]|1[0-2])|-T[1-3])?$/;
export const ReportedPeriod = z.string().check(z.regex(REPORTED_PERIOD));

const KEY = /^[a-z][a-zA-Z0-9]{1,39}$/;

export const reportedValueIdFor = (unitId: string, measure: string, period: string): string => cellId('reportedValue', unitId, `${measure}:${period}`);
/**
 * The unit, measure and period a value's id names, or null when it is not such an id. Read from the
 * right: a unit id may hold ':' (ids.ts), a measure and a period never do.
 */
export function reportedValueParts(id: string): { unitId: string; measure: string; period: string } | null {
  const prefix = 'reportedValue:';
  if (!id.startsWith(prefix)) return null;
  const parts = id.slice(prefix.length).split(':');
  const period = parts.pop();
  const measure = parts.pop();
  const unitId = parts.join(':');
  return unitId !== '' && measure !== undefined && period !== undefined && KEY.test(measure) && REPORTED_PERIOD.test(period) ? { unitId, measure, period } : null;
}

/** The measure and period a value's id names for `unitId`, or null when it is not such an id. */
export function reportedValueAddress(id: string, unitId: string): { measure: string; period: string } | null {
  const p = reportedValueParts(id);
  return p === null || p.unitId !== unitId ? null : { measure: p.measure, period: p.period };
}
export const ownsReportedValueId = (id: string, unitId: string): boolean => reportedValueAddress(id, unitId) !== null;

/** A reported amount: mnkr can be negative (resultat mot budget); 1e12 catches a slipped unit. */
const Amount = z.number().check(z.gte(-1e12), z.lte(1e12));
const Den = z.number().check(z.gte(0), z.lte(1e12));

export const ReportedValue = z
  .strictObject({
    id: CellId,
    unitId: UnitId,
    measure: IndicatorKey,
    period: ReportedPeriod,
    num: Amount,
    den: z.nullable(Den),
    numK: z.nullable(Amount),
    denK: z.nullable(Den),
    numM: z.nullable(Amount),
    denM: z.nullable(Den),
    source: z.enum(REPORTED_SOURCES),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.id !== reportedValueIdFor(v.unitId, v.measure, v.period)) ctx.issues.push({ code: 'custom', path: ['id'], input: v });
      // A ratio's parts come in pairs, and a numerator never exceeds its denominator's count.
      const pairs = [
        ['num', 'den'],
        ['numK', 'denK'],
        ['numM', 'denM'],
      ] as const;
      for (const [n, d] of pairs) {
        const nv = v[n];
        const dv = v[d];
        if (d !== 'den' && (nv === null) !== (dv === null) && v.den !== null) ctx.issues.push({ code: 'custom', path: [dv === null ? d : n], input: v });
        if (d !== 'den' && v.den === null && dv !== null) ctx.issues.push({ code: 'custom', path: [d], input: v });
      }
    }),
  );
export type ReportedValue = z.infer<typeof ReportedValue>;
