/**
 * Indicator settings (issue 6): one editable row per (level, indicator key), id
 * `indicator:<unitId>:<key>`, patched per field. A row at the region sets the catalogue; a row
 * lower down overrides single fields (typically the target) for that level and its subtree.
 * The definition in force at a node = the built-in default for the key (domain/indicators/
 * catalogue.ts), then every row from the root down to the node, field by field, nearest wins.
 * An indicator key without a default needs nameSv, source, unit and direction somewhere on the
 * path, or it is not shown. `hidden` hides it at that level and below (nothing is deleted).
 * Values are definitions, never stored results: figures are always computed from the facts.
 */
import { z } from 'zod/mini';
import { UnitId } from './ids';
import { codeText, NameText } from './text';

export const INDICATOR_PREFIX = 'indicator:';
export const IndicatorKey = codeText(/^[a-z][a-zA-Z0-9]{1,39}$/);
export const indicatorIdFor = (unitId: string, key: string): string => `${INDICATOR_PREFIX}${unitId}:${key}`;
export function ownsIndicatorId(id: string, unitId: string): boolean {
  const prefix = `${INDICATOR_PREFIX}${unitId}:`;
  return id.startsWith(prefix) && /^[a-z][a-zA-Z0-9]{1,39}$/.test(id.slice(prefix.length));
}

/** Additive facts per unit and period that indicator sources are built from (domain/indicators/facts.ts). */
export const METRICS = [
  'bhkObserved', // BHK observations that count (corrections applied, voids dropped)
  'bhkCorrect', // … with every applicable step correct (total compliance numerator)
  'bhkHygieneObserved',
  'bhkHygieneCorrect',
  'bhkDressObserved',
  'bhkDressCorrect',
  'bhkQuota', // the unit's monthly quota prorated to the period
  'safetyHarmDays', // days whose colour is orange or red (vårdskada)
  'safetyRiskDays', // days whose colour is yellow or worse
  'safetyGreenDays',
  'safetyFilledDays', // past days with a colour (green confirmed or an event)
  'safetyPastDays', // days of the period up to today
  'safetyEvents',
  'safetyDaysSinceFall', // not additive: at a level, the smallest of its units (as of period end)
  'staffPlanned', // planned staff-shifts
  'staffSick', // sick staff-shifts
  'hrKvot', // HR sjukfrånvarokvot: pooled as hrFigure does (ordinary-hours weighted), special-cased
] as const;
export const Metric = z.enum(METRICS);
export type Metric = z.infer<typeof Metric>;

/**
 * A reported measure (issue 13): values typed in or imported per unit and period
 * (schema/reported-value.ts), not read from a board. `form`: a count, a value in the indicator's
 * unit, or a numerator/denominator (a share, pooled as Σnum / Σden). `grain`: the period one value
 * covers. `at`: 'unit' = each leaf unit reports and levels pool their units' values; 'level' = the
 * figure only exists at a level (a region-wide figure) and is that level's own row, never pooled.
 */
export const REPORTED_FORMS = ['count', 'value', 'ratio'] as const;
export const REPORTED_GRAINS = ['month', 'tertial', 'year'] as const;
export const ReportedSource = z.strictObject({
  kind: z.literal('reported'),
  form: z.enum(REPORTED_FORMS),
  grain: z.enum(REPORTED_GRAINS),
  at: z.enum(['unit', 'level']),
  /**
   * Who may write values: the managers of the value's unit (default), or only the level that owns
   * the measure (where its source is defined; e.g. a controller's import no unit may overwrite).
   */
  writers: z.optional(z.enum(['unit', 'owner'])),
});
export type ReportedSource = z.infer<typeof ReportedSource>;

export const IndicatorSource = z.union([
  z.strictObject({ kind: z.literal('ratio'), num: Metric, den: Metric }),
  z.strictObject({ kind: z.literal('count'), metric: Metric }),
  ReportedSource,
]);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const PERSPECTIVES = ['medborgare', 'verksamhet', 'medarbetare', 'ekonomi'] as const;
export const Perspective = z.enum(PERSPECTIVES);
export type Perspective = z.infer<typeof Perspective>;

/** pct: a ratio shown ×100 with "%"; count: "antal"; days: "dagar"; kr and mnkr: money (issue 13). */
export const INDICATOR_UNITS = ['pct', 'count', 'days', 'kr', 'mnkr'] as const;
export const IndicatorUnit = z.enum(INDICATOR_UNITS);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

export const Direction = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof Direction>;

/**
 * gte/lte: a fixed value ("Minst 90 %", "Under 6,5 %"), in the indicator's display unit (pct
 * as 0–100). increase/decrease: Öka/Minska against the baseline period (`compare`), value unused.
 * `k` and `m` (added for issue 13; optional, sync rule 16): a bound per sex ("Mål K 16,0 M 17,2"),
 * given together and only with gte/lte; women are judged against `k` and men against `m` where the
 * figure is split by sex, and `value` (which may then be left out) where it is not
 * (domain/indicators/status.ts).
 */
const TargetNum = z.number().check(z.gte(-1e9), z.lte(1e9));
export const IndicatorTarget = z
  .strictObject({
    op: z.enum(['gte', 'lte', 'increase', 'decrease']),
    value: z.optional(TargetNum),
    k: z.optional(TargetNum),
    m: z.optional(TargetNum),
  })
  .check(
    z.refine((t) => (t.k === undefined) === (t.m === undefined), { path: ['m'] }),
    z.refine((t) => t.k === undefined || t.op === 'gte' || t.op === 'lte', { path: ['k'] }),
  );
export type IndicatorTarget = z.infer<typeof IndicatorTarget>;

export const LongTermTarget = z.strictObject({
  op: z.enum(['gte', 'lte']),
  value: z.number().check(z.gte(-1e9), z.lte(1e9)),
  year: z.int().check(z.gte(2000), z.lte(2100)),
});

/** Yellow band below a fixed target: relative (% of the target, default 5) or absolute (display units). */
export const Tolerance = z.strictObject({
  kind: z.enum(['relative', 'absolute']),
  value: z.number().check(z.gte(0), z.lte(1e6)),
});
export type Tolerance = z.infer<typeof Tolerance>;

export const INDICATOR_PERIODS = ['week', 'month', 'tertial', 'year'] as const;
export const IndicatorPeriod = z.enum(INDICATOR_PERIODS);
export type IndicatorPeriod = z.infer<typeof IndicatorPeriod>;

/** What the trend arrow (and an Öka/Minska target) compares with. */
export const Compare = z.enum(['lastYear', 'previous']);
export type Compare = z.infer<typeof Compare>;

export const Indicator = z.strictObject({
  /** `indicator:<unitId>:<key>`, checked against both below (a bad key is reported at the key). */
  id: z.string().check(z.maxLength(260), z.refine((s) => s.startsWith(INDICATOR_PREFIX))),
  unitId: UnitId,
  key: IndicatorKey,
  nameSv: z.optional(NameText),
  nameEn: z.optional(NameText),
  perspective: z.optional(Perspective),
  source: z.optional(IndicatorSource),
  unit: z.optional(IndicatorUnit),
  direction: z.optional(Direction),
  /** null = no target at this level (status "ej mätbart" is not implied: see status.ts). */
  target: z.optional(z.nullable(IndicatorTarget)),
  longTermTarget: z.optional(z.nullable(LongTermTarget)),
  tolerance: z.optional(Tolerance),
  minN: z.optional(z.int().check(z.gte(0), z.lte(100000))),
  period: z.optional(IndicatorPeriod),
  compare: z.optional(Compare),
  /** Order in lists (lower first). */
  order: z.optional(z.int().check(z.gte(0), z.lte(10000))),
  hidden: z.optional(z.boolean()),
}).check(z.refine((i) => i.id === indicatorIdFor(i.unitId, i.key), { path: ['id'] }));
export type Indicator = z.infer<typeof Indicator>;
