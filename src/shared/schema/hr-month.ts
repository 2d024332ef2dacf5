/**
 * The HR system's monthly sick-leave figure for a unit (docs/domain.md §3.1): sjukfrånvarokvot =
 * sick hours / ordinary hours, with optional K/M split and korttid (days 1–14), entered by a
 * manager or imported from the HR system's CSV export. Percentages are 0–100.
 *
 * Invariant: every write carries every field (null where the HR figure lacks it), so a re-import
 * replaces the whole month instead of leaving an old K/M value behind.
 */
import { z } from 'zod/mini';
import { IsoMonth, UnitId } from './ids';
import { CellId, cellId, ownsCell, Pct } from './staffing-cell';

export const HR_SOURCES = ['manual', 'import'] as const;

export const hrMonthIdFor = (unitId: string, month: string): string => cellId('hrMonth', unitId, month);
export const ownsHrMonthId = ownsCell('hrMonth', /^\d{4}-\d{2}$/);

/** The unit and month an HR month's id names, read from the right (a unit id may hold ':'), or null when it is not such an id. */
export function hrMonthParts(id: string): { unitId: string; month: string } | null {
  const prefix = 'hrMonth:';
  if (!id.startsWith(prefix)) return null;
  const at = id.lastIndexOf(':');
  const unitId = id.slice(prefix.length, at);
  const month = id.slice(at + 1);
  return at >= prefix.length && unitId !== '' && /^\d{4}-\d{2}$/.test(month) ? { unitId, month } : null;
}

export const HrMonth = z
  .strictObject({
    id: CellId,
    unitId: UnitId,
    month: IsoMonth,
    /** Sjukfrånvarokvot, % of ordinary hours. */
    kvotTotal: Pct,
    kvotK: z.nullable(Pct),
    kvotM: z.nullable(Pct),
    /** Korttidssjukfrånvaro (day 1–14), % of ordinary hours: a part of kvotTotal. */
    korttid: z.nullable(Pct),
    /** Ordinary working hours of the month: the weight when units are pooled. */
    ordinaryHours: z.nullable(z.number().check(z.gte(0), z.lte(1e8))),
    source: z.enum(HR_SOURCES),
  })
  .check(
    z.superRefine((m, ctx) => {
      if (m.id !== hrMonthIdFor(m.unitId, m.month)) ctx.issues.push({ code: 'custom', path: ['id'], input: m });
      if (m.korttid !== null && m.korttid > m.kvotTotal) ctx.issues.push({ code: 'custom', path: ['korttid'], input: m });
    }),
  );
export type HrMonth = z.infer<typeof HrMonth>;
