/**
 * Facts: the boards' raw rows reduced to additive counts per unit and day (issue 17), so every
 * figure above a unit is a sum over facts instead of a walk over raw rows. A fact row is
 * (family, unit, period, key) → a vector of numbers in the family's field order:
 *  - `base` fields are sums of what each raw row (or, for append-only boards, each correction tree)
 *    contributes on its own (contrib.ts);
 *  - `derived` fields are functions of one DAY's base totals (the day's worst colour on Gröna
 *    korset, "the day has a shift"), computed by `derive`; a month's row is the sum of its days'
 *    rows, derived fields included, so "green days in May" is a plain sum too.
 * `key` splits a family where figures need it (BHK by source and profession, events by category);
 * '' where it does not. Every field is an integer count, so sums are exact in any order, on the
 * server (SQL SUM) and on a device alike. The HR month is not a count; it stays a row (hr.ts).
 *
 * The server stores each family in a table of its own (fact_<family>, one column per field,
 * migration 0004); the order below is the wire and storage order: never reorder, only append.
 */
import { BHK_STEPS } from '../../schema/bhk-observation';

/**
 * d: a day (period YYYY-MM-DD); m: a month (YYYY-MM), the sum of its days; c: a month's year to
 * date (YYYY-MM), the sum of the months from January up to and including it, summed over keys (key
 * ''). The server alone keeps c rows (plan.ts reads them for ranges that start on 1 January, in
 * reads summed over keys); a device's fact blocks carry d and m.
 */
export type Grain = 'd' | 'm' | 'c';

const STEP_FIELDS = BHK_STEPS.flatMap((s) => [`${s}Ja`, `${s}Nej`]);

export const FAMILIES = {
  /** key `o|<profession>` (observations) or `s|<profession>` (självskattning). */
  bhk: { base: ['n', 'total', 'hygiene', 'dress', ...STEP_FIELDS], derived: [] },
  /** conf: the day confirmed green (a month: days confirmed). ev*: effective events by severity. */
  safety: {
    base: ['conf', 'evGul', 'evOrange', 'evRod', 'falls'],
    /** green: confirmed and no event; w*: the day's worst severity, one-hot. */
    derived: ['green', 'wGul', 'wOrange', 'wRod'],
  },
  /** key: the event category; effective events by severity. */
  safetyCat: { base: ['gul', 'orange', 'rod'], derived: [] },
  staff: { base: ['planned', 'sick', 'vab', 'otherAbsence', 'covered', 'shifts'], derived: ['days'] },
  /** One bedsDay row per unit and day: `days` is that row's 1. */
  beds: { base: ['days', 'disponibla', 'belagda', 'overbelaggningar', 'utlokaliserade', 'utskrivningsklara'], derived: [] },
} as const;

export type Family = keyof typeof FAMILIES;
export const FAMILY_NAMES = Object.keys(FAMILIES) as Family[];
/** Families whose key is always '' (contrib.ts): one row per unit, grain and period. */
export const UNKEYED_FAMILIES: ReadonlySet<Family> = new Set<Family>(['safety', 'staff', 'beds']);

export type FieldOf<F extends Family> = (typeof FAMILIES)[F]['base'][number] | (typeof FAMILIES)[F]['derived'][number];

/** Every field of a family, base first: the vector's layout. */
export const fieldsOf = (f: Family): readonly string[] => [...FAMILIES[f].base, ...FAMILIES[f].derived];

const INDEX = new Map<Family, Map<string, number>>(FAMILY_NAMES.map((f) => [f, new Map(fieldsOf(f).map((n, i) => [n, i]))]));

/** Position of `field` in the family's vector. */
export function fieldIndex<F extends Family>(family: F, field: FieldOf<F>): number {
  return INDEX.get(family)?.get(field) as number;
}

export const zeroVector = (f: Family): number[] => new Array<number>(fieldsOf(f).length).fill(0);

/** a + b element-wise, into a new vector. */
export const addVectors = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x + (b[i] ?? 0));
export const subVectors = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x - (b[i] ?? 0));
export const isZero = (v: readonly number[]): boolean => v.every((x) => x === 0);

/**
 * The derived fields of one day from its base totals (the rest of `v` is left as it is). Only a
 * day's row may be derived: a month's derived fields are sums of its days'.
 */
export function derive(family: Family, v: number[]): number[] {
  const out = [...v];
  if (family === 'safety') {
    const at = (f: FieldOf<'safety'>) => fieldIndex('safety', f);
    const [conf, gul, orange, rod] = [at('conf'), at('evGul'), at('evOrange'), at('evRod')].map((i) => out[i] ?? 0) as [number, number, number, number];
    out[at('green')] = conf > 0 && gul + orange + rod === 0 ? 1 : 0;
    out[at('wRod')] = rod > 0 ? 1 : 0;
    out[at('wOrange')] = rod === 0 && orange > 0 ? 1 : 0;
    out[at('wGul')] = rod === 0 && orange === 0 && gul > 0 ? 1 : 0;
  } else if (family === 'staff') {
    out[fieldIndex('staff', 'days')] = (out[fieldIndex('staff', 'shifts')] as number) > 0 ? 1 : 0;
  }
  return out;
}

/** A family's base part of a vector with the derived fields zeroed (contributions carry no derived). */
export function baseOnly(family: Family, v: readonly number[]): number[] {
  const n = FAMILIES[family].base.length;
  return v.map((x, i) => (i < n ? x : 0));
}

/** One stored fact: a family's vector for a unit, a day (grain d), month (m) or year to a month (c), and a key. */
export interface FactRow {
  family: Family;
  unitId: string;
  grain: Grain;
  /** YYYY-MM-DD (grain d) or YYYY-MM (grains m and c). */
  period: string;
  key: string;
  v: number[];
}

export const factKey = (r: Pick<FactRow, 'family' | 'unitId' | 'grain' | 'period' | 'key'>): string =>
  `${r.family}\u0000${r.unitId}\u0000${r.grain}\u0000${r.period}\u0000${r.key}`;

/** bhk keys: source and profession. */
export const bhkKey = (selfAssessment: boolean, profession: string): string => `${selfAssessment ? 's' : 'o'}|${profession}`;
export function parseBhkKey(key: string): { self: boolean; profession: string } {
  return { self: key.startsWith('s|'), profession: key.slice(2) };
}
