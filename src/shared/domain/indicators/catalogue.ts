/**
 * The built-in indicator catalogue (issue 6 §1): one full definition per key, built from the
 * boards' metrics. Rows (schema/indicator.ts) override these field by field per level
 * (resolve.ts); nothing here is ever stored. Order = position in this list.
 */
import type { IndicatorDef } from '../../indicators-api';
import type { IndicatorSource, Metric, Tolerance } from '../../schema/indicator';

/** Yellow band default (docs/domain.md §5.2): 5 % of the target, relative. */
export const DEFAULT_TOLERANCE: Tolerance = { kind: 'relative', value: 5 };

/** Order given to an indicator without a default and without its own `order`. */
export const CUSTOM_ORDER = 1000;

const ratio = (num: Metric, den: Metric): IndicatorSource => ({ kind: 'ratio', num, den });
const count = (metric: Metric): IndicatorSource => ({ kind: 'count', metric });

type Base = Omit<IndicatorDef, 'order' | 'builtIn' | 'tolerance' | 'longTermTarget' | 'compare' | 'period'> &
  Partial<Pick<IndicatorDef, 'compare' | 'period'>>;

const LIST: Base[] = [
  {
    key: 'bhkTotal',
    name: { sv: 'BHK total följsamhet', en: 'Hygiene and dress code, total compliance' },
    perspective: 'medborgare',
    source: ratio('bhkCorrect', 'bhkObserved'),
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 100 },
    minN: 10,
  },
  {
    key: 'bhkHygiene',
    name: { sv: 'Hygienrutiner', en: 'Basic hygiene routines' },
    perspective: 'medborgare',
    source: ratio('bhkHygieneCorrect', 'bhkHygieneObserved'),
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 100 },
    minN: 10,
  },
  {
    key: 'bhkDress',
    name: { sv: 'Klädregler', en: 'Dress code' },
    perspective: 'medborgare',
    source: ratio('bhkDressCorrect', 'bhkDressObserved'),
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 100 },
    minN: 10,
  },
  {
    key: 'bhkQuota',
    name: { sv: 'Observationer mot kvot', en: 'Observations against quota' },
    perspective: 'verksamhet',
    source: ratio('bhkObserved', 'bhkQuota'),
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 100 },
    minN: 0,
  },
  {
    key: 'harmDays',
    name: { sv: 'Dagar med vårdskada', en: 'Days with harm' },
    perspective: 'medborgare',
    source: count('safetyHarmDays'),
    unit: 'count',
    direction: 'lower',
    target: { op: 'lte', value: 0 },
    minN: 0,
  },
  {
    key: 'daysSinceFall',
    name: { sv: 'Dagar sedan senaste fall', en: 'Days since the last fall' },
    perspective: 'medborgare',
    source: count('safetyDaysSinceFall'),
    unit: 'days',
    direction: 'higher',
    target: { op: 'gte', value: 30 },
    minN: 0,
  },
  {
    key: 'greenShare',
    name: { sv: 'Andel gröna dagar', en: 'Share of green days' },
    perspective: 'medborgare',
    source: ratio('safetyGreenDays', 'safetyFilledDays'),
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 90 },
    minN: 0,
  },
  {
    key: 'sickShare',
    name: { sv: 'Sjukfrånvaro (tavlan)', en: 'Sick leave (board)' },
    perspective: 'medarbetare',
    source: ratio('staffSick', 'staffPlanned'),
    unit: 'pct',
    direction: 'lower',
    target: { op: 'decrease' },
    minN: 0,
  },
  {
    key: 'hrKvot',
    name: { sv: 'Sjukfrånvarokvot (HR)', en: 'Sick leave rate (HR)' },
    perspective: 'medarbetare',
    source: count('hrKvot'),
    unit: 'pct',
    direction: 'lower',
    target: { op: 'decrease' },
    minN: 0,
  },
];

export const DEFAULT_INDICATORS: Readonly<Record<string, IndicatorDef>> = Object.fromEntries(
  LIST.map((b, i) => [
    b.key,
    {
      ...b,
      longTermTarget: null,
      tolerance: DEFAULT_TOLERANCE,
      period: b.period ?? 'month',
      compare: b.compare ?? 'lastYear',
      order: i * 10,
      builtIn: true,
    } satisfies IndicatorDef,
  ]),
);

export const DEFAULT_INDICATOR_KEYS: readonly string[] = LIST.map((b) => b.key);
