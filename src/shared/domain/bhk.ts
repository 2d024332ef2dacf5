/**
 * BHK compliance math (docs/domain.md §2.2). Counts are the unit of truth: every figure shown is a
 * ratio of summed counts, so a roll-up adds counts (addCounts) and never averages percentages.
 *
 * Answers "ej_aktuellt" (not indicated) are left out: a step ratio is ja / (ja + nej), and an
 * observation is "all ok" when every step that applies to it is "ja".
 */
import {
  BHK_DRESS_STEPS,
  BHK_HYGIENE_STEPS,
  BHK_STEPS,
  type BhkObservation,
  type BhkStep,
  type BhkSteps,
} from '../schema/bhk-observation';
import { byDateThenId, effectiveRecords, type Resolved, resolveCorrections as resolveRecords } from './corrections';

export interface StepCounts {
  ja: number;
  nej: number;
  na: number;
}

export interface BhkCounts {
  /** Observations counted. */
  n: number;
  /** How many of n are självskattning (self-assessment), shown beside n. */
  selfAssessmentN: number;
  steps: Record<BhkStep, StepCounts>;
  /** Observations with every applicable hygiene step (the first 4) = ja. */
  hygieneAllOk: number;
  /** Observations with all 4 dress steps = ja. */
  dressAllOk: number;
  /** Observations with every applicable step of 8 = ja: the headline figure. */
  totalAllOk: number;
}

/** A ratio with its parts, so n is always at hand. pct is 0–100, unrounded; null when den = 0. */
export interface Ratio {
  num: number;
  den: number;
  pct: number | null;
}

export interface BhkFigures {
  n: number;
  selfAssessmentN: number;
  total: Ratio;
  hygieneAll: Ratio;
  dressAll: Ratio;
  steps: Record<BhkStep, Ratio>;
  /** Step with the lowest compliance among steps with answers; ties go to the earlier step. */
  weakestStep: BhkStep | null;
  /** n below the region's minimum (SKR used 30): show the figure greyed as "för få mätningar". */
  tooFew: boolean;
}

const mapSteps = <T>(f: (step: BhkStep) => T): Record<BhkStep, T> =>
  Object.fromEntries(BHK_STEPS.map((s) => [s, f(s)])) as Record<BhkStep, T>;

export function emptyCounts(): BhkCounts {
  return {
    n: 0,
    selfAssessmentN: 0,
    steps: mapSteps(() => ({ ja: 0, nej: 0, na: 0 })),
    hygieneAllOk: 0,
    dressAllOk: 0,
    totalAllOk: 0,
  };
}

/** One original observation and where its corrections leave it (see corrections.ts). */
export type ResolvedObservation = Resolved<BhkObservation>;

/** Corrections applied per observation tree, voided trees included (corrections.ts). */
export const resolveCorrections = (all: readonly BhkObservation[]): ResolvedObservation[] => resolveRecords(all);

export { byDateThenId };

/** The observations that count after corrections, sorted by (date, id) (corrections.ts). */
export const effectiveObservations = (all: readonly BhkObservation[]): BhkObservation[] => effectiveRecords(all);

const allApplicableOk = (steps: BhkSteps, which: readonly BhkStep[]): boolean =>
  which.every((s) => steps[s] !== 'nej');

/** Counts observations that are already effective (see effectiveObservations). */
export function countObservations(obs: readonly Pick<BhkObservation, 'steps' | 'selfAssessment'>[]): BhkCounts {
  const c = emptyCounts();
  for (const o of obs) {
    c.n += 1;
    if (o.selfAssessment) c.selfAssessmentN += 1;
    for (const s of BHK_STEPS) {
      const answer = o.steps[s];
      const sc = c.steps[s];
      if (answer === 'ja') sc.ja += 1;
      else if (answer === 'nej') sc.nej += 1;
      else sc.na += 1;
    }
    const hygieneOk = allApplicableOk(o.steps, BHK_HYGIENE_STEPS);
    const dressOk = allApplicableOk(o.steps, BHK_DRESS_STEPS);
    if (hygieneOk) c.hygieneAllOk += 1;
    if (dressOk) c.dressAllOk += 1;
    if (hygieneOk && dressOk) c.totalAllOk += 1;
  }
  return c;
}

/** Pooled sum: the only way BHK counts combine across days, units or levels. */
export function addCounts(a: BhkCounts, b: BhkCounts): BhkCounts {
  return {
    n: a.n + b.n,
    selfAssessmentN: a.selfAssessmentN + b.selfAssessmentN,
    steps: mapSteps((s) => ({
      ja: a.steps[s].ja + b.steps[s].ja,
      nej: a.steps[s].nej + b.steps[s].nej,
      na: a.steps[s].na + b.steps[s].na,
    })),
    hygieneAllOk: a.hygieneAllOk + b.hygieneAllOk,
    dressAllOk: a.dressAllOk + b.dressAllOk,
    totalAllOk: a.totalAllOk + b.totalAllOk,
  };
}

export function ratio(num: number, den: number): Ratio {
  return { num, den, pct: den === 0 ? null : (num / den) * 100 };
}

export function bhkFigures(c: BhkCounts, minN: number): BhkFigures {
  const steps = mapSteps((s) => ratio(c.steps[s].ja, c.steps[s].ja + c.steps[s].nej));
  let weakestStep: BhkStep | null = null;
  let weakestPct = Infinity;
  for (const s of BHK_STEPS) {
    const pct = steps[s].pct;
    // Strict "<" keeps the earliest step on ties.
    if (pct !== null && pct < weakestPct) {
      weakestStep = s;
      weakestPct = pct;
    }
  }
  return {
    n: c.n,
    selfAssessmentN: c.selfAssessmentN,
    total: ratio(c.totalAllOk, c.n),
    hygieneAll: ratio(c.hygieneAllOk, c.n),
    dressAll: ratio(c.dressAllOk, c.n),
    steps,
    weakestStep,
    tooFew: c.n < minN,
  };
}
