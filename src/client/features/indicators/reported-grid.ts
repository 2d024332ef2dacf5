/**
 * The month grid of a reported measure (issue 13, #/mal/rapportera): one line per period of a
 * year as the measure's grain says (12 months, 3 tertials or the year), the figure and its K/M
 * split as text fields, checked field by field with a Swedish message, and turned into whole
 * cells (schema/reported-value.ts: every write carries every field). A line emptied is removed.
 * Pure and unit-tested; the view saves the result in one transaction (storage/reported-repo.ts).
 */
import type { IndicatorDef } from '../../../shared/indicators-api';
import type { ReportedSource } from '../../../shared/schema/indicator';
import { type ReportedValue, reportedValueIdFor } from '../../../shared/schema/reported-value';
import { parseNumber } from './catalogue-draft';
import type { IndicatorTextKey } from './texts';

export const LINE_FIELDS = ['num', 'den', 'numK', 'denK', 'numM', 'denM'] as const;
export type LineField = (typeof LINE_FIELDS)[number];
export type LineText = Record<LineField, string>;
export type GridErrors = Record<string, IndicatorTextKey>;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The periods of `year` at the measure's grain. */
export function gridPeriods(grain: ReportedSource['grain'], year: number): string[] {
  if (grain === 'year') return [String(year)];
  if (grain === 'tertial') return [1, 2, 3].map((t) => `${year}-T${t}`);
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad2(i + 1)}`);
}

/** Which fields a line of this form has: a ratio has denominators, a count or value has not. */
export const fieldsOf = (src: ReportedSource): readonly LineField[] => (src.form === 'ratio' ? LINE_FIELDS : (['num', 'numK', 'numM'] as const));

const text = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v).replace('.', ','));
export const emptyLine = (): LineText => ({ num: '', den: '', numK: '', denK: '', numM: '', denM: '' });

/** The grid's text from stored values of one unit and measure. */
export function linesOf(values: readonly ReportedValue[], measure: string, periods: readonly string[]): Record<string, LineText> {
  const out: Record<string, LineText> = {};
  for (const p of periods) {
    const v = values.find((x) => x.measure === measure && x.period === p);
    out[p] = v === undefined ? emptyLine() : { num: text(v.num), den: text(v.den), numK: text(v.numK), denK: text(v.denK), numM: text(v.numM), denM: text(v.denM) };
  }
  return out;
}

/**
 * The grid after the stored values changed under it (a sync brought another device's values, or
 * our own save came back): lines the user has edited and not saved keep what they typed; the rest
 * show what is stored. Typing is never overwritten by a sync.
 */
export function refreshLines(
  current: Readonly<Record<string, LineText>>,
  edited: ReadonlySet<string>,
  values: readonly ReportedValue[],
  measure: string,
  periods: readonly string[],
): Record<string, LineText> {
  const fresh = linesOf(values, measure, periods);
  for (const p of periods) {
    const mine = current[p];
    if (edited.has(p) && mine !== undefined) fresh[p] = mine;
  }
  return fresh;
}

const MAX = 1e12;

/**
 * The cells to save and to remove, or the errors keyed `<period>.<field>`. Nothing is saved when
 * any line has an error (the view shows them all at once).
 */
export function parseGrid(
  unitId: string,
  def: Pick<IndicatorDef, 'key'> & { source: ReportedSource },
  lines: Readonly<Record<string, LineText>>,
  stored: readonly ReportedValue[],
  source: ReportedValue['source'] = 'manual',
): { ok: true; save: ReportedValue[]; remove: { id: string; unitId: string }[] } | { ok: false; errors: GridErrors } {
  const errors: GridErrors = {};
  const save: ReportedValue[] = [];
  const remove: { id: string; unitId: string }[] = [];
  const fields = fieldsOf(def.source);
  const ratio = def.source.form === 'ratio';
  for (const [period, line] of Object.entries(lines)) {
    const id = reportedValueIdFor(unitId, def.key, period);
    const blank = fields.every((f) => line[f].trim() === '');
    if (blank) {
      if (stored.some((v) => v.id === id)) remove.push({ id, unitId });
      continue;
    }
    const n: Partial<Record<LineField, number | null>> = {};
    for (const f of fields) {
      const s = line[f].trim();
      if (s === '') {
        n[f] = null;
        continue;
      }
      const x = parseNumber(s);
      if (x === null) errors[`${period}.${f}`] = 'err.number';
      else if (Math.abs(x) > MAX || (f.startsWith('den') && x < 0)) errors[`${period}.${f}`] = 'rep.err.range';
      else if (ratio && x < 0) errors[`${period}.${f}`] = 'rep.err.range';
      else n[f] = x;
    }
    if (n.num === null) errors[`${period}.num`] = 'err.required';
    if (ratio && n.den === null) errors[`${period}.den`] = 'err.required';
    for (const [a, b] of [
      ['num', 'den'],
      ['numK', 'denK'],
      ['numM', 'denM'],
    ] as const) {
      if (!ratio) break;
      const na = n[a];
      const nb = n[b];
      if ((na === null) !== (nb === null) && na !== undefined && nb !== undefined) errors[`${period}.${na === null ? a : b}`] = 'err.required';
      if (typeof na === 'number' && typeof nb === 'number' && na > nb) errors[`${period}.${a}`] = 'rep.err.numOverDen';
    }
    if (Object.keys(errors).some((k) => k.startsWith(`${period}.`))) continue;
    const cell: ReportedValue = {
      id,
      unitId: unitId as ReportedValue['unitId'],
      measure: def.key,
      period,
      num: n.num as number,
      den: ratio ? (n.den as number) : null,
      numK: n.numK ?? null,
      denK: ratio ? (n.denK ?? null) : null,
      numM: n.numM ?? null,
      denM: ratio ? (n.denM ?? null) : null,
      source,
    };
    // A line left as it was is not written again (its stored source, e.g. an import, stays).
    const old = stored.find((v) => v.id === id);
    if (old !== undefined && LINE_FIELDS.every((f) => old[f] === cell[f])) continue;
    save.push(cell);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, save, remove };
}

/** The reported measures a unit can type values for: `unit` measures at a leaf, `level` ones at any node. */
export function enterableDefs(defs: readonly IndicatorDef[], isLeaf: boolean): (IndicatorDef & { source: ReportedSource })[] {
  return defs.filter((d): d is IndicatorDef & { source: ReportedSource } => d.source.kind === 'reported' && (d.source.at === 'level' || isLeaf));
}
