/**
 * Which observations count in a period, after corrections, and the självskattning filter.
 *
 * An observation belongs to the period of its ORIGINAL's date: a correction changes answers, never
 * the period (a wrong date is fixed by voiding and recording anew). So a correction made on
 * 2 December for a 28 November observation counts in November, and a void made in December
 * removes it from November. Records carry that date as `originalDate` on corrections (and are
 * indexed by it, registry.ts); a correction whose original is absent from the input uses it too.
 *
 * The tablet (its own unit, offline) and the server (every unit under a root) both call these, so
 * the same rows give the same figures on both.
 */
import type { BhkObservation } from '../schema/bhk-observation';
import { byDateThenId, type ResolvedObservation, resolveCorrections } from './bhk';

export const BHK_SOURCES = ['all', 'observed', 'self'] as const;
/** all = everything; observed = observations only; self = självskattning only. */
export type BhkSource = (typeof BHK_SOURCES)[number];

export interface DateRange {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The date that decides an observation's period: its original's. */
export const periodDateOf = (r: ResolvedObservation): string => r.original.originalDate ?? r.original.date;

export const inRange = (date: string, range: DateRange): boolean => date >= range.from && date <= range.to;

export function matchesSource(o: Pick<BhkObservation, 'selfAssessment'>, source: BhkSource): boolean {
  return source === 'all' || (source === 'self') === o.selfAssessment;
}

/**
 * Current states of every observation whose original is dated in `range`, with `date` set to that
 * original's date. Voided ones are included (the unit board lists them for the audit trail).
 */
export function resolvedInPeriod(all: readonly BhkObservation[], range: DateRange): ResolvedObservation[] {
  return resolveCorrections(all)
    .filter((r) => inRange(periodDateOf(r), range))
    .map((r) => {
      const date = periodDateOf(r);
      return r.current.date === date ? r : { ...r, current: { ...r.current, date } };
    });
}

/**
 * The observations that count in `range` for `source`: one per original dated in the range, in
 * its current state, voided ones left out. Sorted by (date, id).
 */
export function observationsInPeriod(
  all: readonly BhkObservation[],
  range: DateRange,
  source: BhkSource = 'all',
): BhkObservation[] {
  return resolvedInPeriod(all, range)
    .filter((r) => r.current.voided !== true && matchesSource(r.current, source))
    .map((r) => r.current)
    .sort(byDateThenId);
}
