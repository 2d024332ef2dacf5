/**
 * The catalogue form as text fields (what the inputs hold), checked field by field with a
 * Swedish message next to the field, and turned into the patch of one indicator row at one
 * level: only the fields that differ from what is in force there, and for a manager only the
 * target-ish fields (the server's write rule refuses the rest). Pure and unit-tested.
 */
import type { IndicatorDef } from '../../../shared/indicators-api';
import type { IndicatorTextKey } from '../../../shared/i18n/features/indicators';
import type { Params } from '../../../shared/i18n/format';
import { containsPersonnummer } from '../../../shared/domain/personnummer';
import { IndicatorKey, METRICS, type Indicator, type IndicatorPeriod, type IndicatorUnit, type Metric, type Perspective, type ReportedSource } from '../../../shared/schema/indicator';

export interface Draft {
  key: string;
  nameSv: string;
  nameEn: string;
  perspective: Perspective;
  sourceKind: 'ratio' | 'count' | 'reported';
  num: Metric;
  den: Metric;
  metric: Metric;
  /** A reported measure's form, grain and level (schema/indicator.ts ReportedSource). */
  repForm: ReportedSource['form'];
  repGrain: ReportedSource['grain'];
  repAt: ReportedSource['at'];
  repWriters: NonNullable<ReportedSource['writers']>;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  targetOp: '' | 'gte' | 'lte' | 'increase' | 'decrease';
  targetValue: string;
  /** A bound per sex ("Mål K 16,0 M 17,2"): both or neither; with them the total's value may be empty. */
  targetK: string;
  targetM: string;
  ltOp: '' | 'gte' | 'lte';
  ltValue: string;
  ltYear: string;
  tolKind: 'relative' | 'absolute';
  tolValue: string;
  minN: string;
  period: IndicatorPeriod;
  compare: 'lastYear' | 'previous';
  hidden: boolean;
}

export type Patch = Partial<Omit<Indicator, 'id' | 'unitId' | 'key'>>;
export type FieldError = { key: IndicatorTextKey; params?: Params };
export type FieldErrors = Partial<Record<keyof Draft, FieldError>>;

/** The fields a manager may set for their level (the write rule's list). */
export const MANAGER_FIELDS: readonly (keyof Patch)[] = ['target', 'longTermTarget', 'tolerance', 'minN', 'period', 'compare', 'hidden', 'order'];

const numText = (v: number | undefined | null): string => (v === undefined || v === null ? '' : String(v).replace('.', ','));

export function draftFromDef(def: IndicatorDef, hidden: boolean): Draft {
  const src = def.source;
  return {
    key: def.key,
    nameSv: def.name.sv,
    nameEn: def.name.en,
    perspective: def.perspective,
    sourceKind: src.kind,
    num: src.kind === 'ratio' ? src.num : METRICS[1],
    den: src.kind === 'ratio' ? src.den : METRICS[0],
    metric: src.kind === 'count' ? src.metric : METRICS[0],
    repForm: src.kind === 'reported' ? src.form : 'ratio',
    repGrain: src.kind === 'reported' ? src.grain : 'month',
    repAt: src.kind === 'reported' ? src.at : 'unit',
    repWriters: src.kind === 'reported' ? (src.writers ?? 'unit') : 'unit',
    unit: def.unit,
    direction: def.direction,
    targetOp: def.target?.op ?? '',
    targetValue: numText(def.target?.value),
    targetK: numText(def.target?.k),
    targetM: numText(def.target?.m),
    ltOp: def.longTermTarget?.op ?? '',
    ltValue: numText(def.longTermTarget?.value),
    ltYear: def.longTermTarget ? String(def.longTermTarget.year) : '',
    tolKind: def.tolerance.kind,
    tolValue: numText(def.tolerance.value),
    minN: String(def.minN),
    period: def.period,
    compare: def.compare,
    hidden,
  };
}

export function emptyDraft(): Draft {
  return {
    key: '', nameSv: '', nameEn: '', perspective: 'verksamhet', sourceKind: 'count', num: 'bhkCorrect', den: 'bhkObserved', metric: 'safetyEvents',
    repForm: 'ratio', repGrain: 'month', repAt: 'unit', repWriters: 'unit', unit: 'count', direction: 'higher', targetOp: '', targetValue: '', targetK: '', targetM: '', ltOp: '', ltValue: '', ltYear: '', tolKind: 'relative', tolValue: '5',
    minN: '0', period: 'month', compare: 'lastYear', hidden: false,
  };
}

/** "90", "6,5", " -0.5 " → number; "" or junk → null. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

function numberIn(text: string, min: number, max: number, int = false): Checked<number> {
  if (text.trim() === '') return { ok: false, error: { key: 'err.required' } };
  const n = parseNumber(text);
  if (n === null) return { ok: false, error: { key: int ? 'err.int' : 'err.number' } };
  if (int && !Number.isInteger(n)) return { ok: false, error: { key: 'err.int' } };
  if (n < min || n > max) return { ok: false, error: { key: 'err.range', params: { min, max } } };
  return { ok: true, value: n };
}

function nameIn(text: string, required: boolean): Checked<string | undefined> {
  const s = text.trim();
  if (s === '') return required ? { ok: false, error: { key: 'err.required' } } : { ok: true, value: undefined };
  if (s.length > 120) return { ok: false, error: { key: 'err.range', params: { min: 1, max: 120 } } };
  if (containsPersonnummer(s)) return { ok: false, error: { key: 'err.personnummer' } };
  return { ok: true, value: s };
}

/** Every field of the form as row fields, plus the errors of the fields that do not parse. */
export function draftFields(d: Draft, opts: { isNew: boolean; takenKeys: readonly string[] }): { fields: Patch & { key: string }; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const take = <T>(field: keyof Draft, c: Checked<T>): T | undefined => {
    if (c.ok) return c.value;
    errors[field] = c.error;
    return undefined;
  };
  if (opts.isNew) {
    if (!IndicatorKey.safeParse(d.key).success) errors.key = { key: 'err.key' };
    else if (opts.takenKeys.includes(d.key)) errors.key = { key: 'err.keyTaken' };
  }
  const fields: Patch & { key: string } = { key: d.key };
  fields.nameSv = take('nameSv', nameIn(d.nameSv, true));
  fields.nameEn = take('nameEn', nameIn(d.nameEn, false));
  fields.perspective = d.perspective;
  if (d.sourceKind === 'ratio') {
    if (d.num === d.den) errors.den = { key: 'err.sameMetric' };
    fields.source = { kind: 'ratio', num: d.num, den: d.den };
  } else if (d.sourceKind === 'reported') {
    fields.source = { kind: 'reported', form: d.repForm, grain: d.repGrain, at: d.repAt, ...(d.repWriters === 'owner' ? { writers: 'owner' as const } : {}) };
  }
  else fields.source = { kind: 'count', metric: d.metric };
  fields.unit = d.unit;
  fields.direction = d.direction;
  if (d.targetOp === '') fields.target = null;
  else if (d.targetOp === 'increase' || d.targetOp === 'decrease') fields.target = { op: d.targetOp };
  else {
    // Per sex: both bounds or neither; with both, the total's value may be left out.
    const sexGiven = d.targetK.trim() !== '' || d.targetM.trim() !== '';
    const k = sexGiven ? take('targetK', numberIn(d.targetK, -1e9, 1e9)) : undefined;
    const m = sexGiven ? take('targetM', numberIn(d.targetM, -1e9, 1e9)) : undefined;
    if (sexGiven && d.targetK.trim() === '' && errors.targetK?.key === 'err.required') errors.targetK = { key: 'err.sexPair' };
    if (sexGiven && d.targetM.trim() === '' && errors.targetM?.key === 'err.required') errors.targetM = { key: 'err.sexPair' };
    const v = sexGiven && d.targetValue.trim() === '' ? undefined : take('targetValue', numberIn(d.targetValue, -1e9, 1e9));
    const perSex = k !== undefined && m !== undefined ? { k, m } : {};
    if (v !== undefined || 'k' in perSex) fields.target = { op: d.targetOp, ...(v !== undefined ? { value: v } : {}), ...perSex };
  }
  if (d.ltOp === '') fields.longTermTarget = null;
  else {
    const v = take('ltValue', numberIn(d.ltValue, -1e9, 1e9));
    const y = take('ltYear', numberIn(d.ltYear, 2000, 2100, true));
    if (v !== undefined && y !== undefined) fields.longTermTarget = { op: d.ltOp, value: v, year: y };
  }
  const tol = take('tolValue', numberIn(d.tolValue, 0, 1e6));
  if (tol !== undefined) fields.tolerance = { kind: d.tolKind, value: tol };
  fields.minN = take('minN', numberIn(d.minN, 0, 100000, true));
  fields.period = d.period;
  fields.compare = d.compare;
  fields.hidden = d.hidden;
  return { fields, errors };
}

/**
 * The patch to save: for a new indicator every field (admins only); for an existing one the
 * fields whose value differs from the form's starting point, limited to MANAGER_FIELDS for a
 * manager. Nothing when there are errors.
 */
export function draftPatch(
  draft: Draft,
  start: Draft | null,
  opts: { isAdmin: boolean; takenKeys: readonly string[] },
): { ok: true; key: string; patch: Patch } | { ok: false; errors: FieldErrors } {
  const { fields, errors } = draftFields(draft, { isNew: start === null, takenKeys: opts.takenKeys });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { key, ...all } = fields;
  const clean = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Patch;
  if (start === null) return { ok: true, key, patch: clean };
  const before = draftFields(start, { isNew: false, takenKeys: [] }).fields as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(clean)) {
    if (!opts.isAdmin && !MANAGER_FIELDS.includes(k as keyof Patch)) continue;
    if (JSON.stringify(v) !== JSON.stringify(before[k])) patch[k] = v;
  }
  return { ok: true, key, patch: patch as Patch };
}

/** Which form fields a manager may change. */
export const MANAGER_DRAFT_FIELDS: readonly (keyof Draft)[] = ['targetOp', 'targetValue', 'targetK', 'targetM', 'ltOp', 'ltValue', 'ltYear', 'tolKind', 'tolValue', 'minN', 'period', 'compare', 'hidden'];
