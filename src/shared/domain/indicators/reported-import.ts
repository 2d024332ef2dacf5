/**
 * From a CSV table (the region's BI or HR export, read by hr-csv.ts readCsv: UTF-8, `;` or `,`,
 * every line checked) to a reported measure's values (issue 13): the column mapping (chosen once
 * and remembered by the client), then every row checked — unit known and open, period of the
 * measure's grain ("2026-03", "mars 2026", "2026-T1", "T1 2026", "2026"), numbers (decimal comma),
 * numerator ≤ denominator for a share, K/M in pairs, each unit at most once per period. Every bad
 * row is reported with its line, column and value; the result is all rows or none (nothing
 * half-imported). Each row becomes a whole cell, so a re-import replaces what it names.
 */
import type { ReportedSource } from '../../schema/indicator';
import { type ReportedValue, reportedValueIdFor } from '../../schema/reported-value';
import type { CsvTable, HrCsvError } from '../hr-csv';
import { type ImportUnit, unitIndex, unitOfCell } from '../hr-import';
import { parseDecimal, parseMonth } from '../hr-values';

export const REPORTED_FIELDS = ['unit', 'period', 'num', 'den', 'numK', 'denK', 'numM', 'denM'] as const;
export type ReportedField = (typeof REPORTED_FIELDS)[number];

export interface ReportedMapping {
  columns: Partial<Record<ReportedField, string>>;
}

/** Errors as the HR import reports them, plus the share rule. */
export type ReportedImportError = Omit<HrCsvError, 'code'> & { code: HrCsvError['code'] | 'period' | 'num-over-den' | 'pair' };

const GUESS: [ReportedField, RegExp][] = [
  ['unit', /enhet|ansvar|kostnadsst|avdelning|organisation|unit/],
  ['period', /period|månad|manad|tertial|år\b|month|datum/],
  ['denK', /nämnare.*(kvinn|\bk\b)|(kvinn|\bk\b).*nämnare/],
  ['denM', /nämnare.*(\bmän\b|\bm\b)|(\bmän\b|\bm\b).*nämnare/],
  ['numK', /kvinn|\bk\b|women/],
  ['numM', /\bmän\b|\bm\b|\bmen\b/],
  ['den', /nämnare|totalt antal|denominator|av totalt/],
  ['num', /täljare|värde|utfall|antal|numerator|value/],
];

export function guessReportedMapping(header: readonly string[]): ReportedMapping {
  const columns: Partial<Record<ReportedField, string>> = {};
  const taken = new Set<string>();
  for (const [field, re] of GUESS) {
    const hit = header.find((h) => !taken.has(h) && re.test(h.toLowerCase()));
    if (hit !== undefined) {
      columns[field] = hit;
      taken.add(hit);
    }
  }
  return { columns };
}

/** What an import needs mapped: unit, period and the figure (and the denominator of a share). */
export const reportedMappingComplete = (m: ReportedMapping, src: ReportedSource): boolean =>
  m.columns.unit !== undefined && m.columns.period !== undefined && m.columns.num !== undefined && (src.form !== 'ratio' || m.columns.den !== undefined);

/** A period of the grain, or null. */
export function parsePeriod(raw: string, grain: ReportedSource['grain']): string | null {
  const s = raw.trim();
  if (grain === 'year') return /^\d{4}$/.test(s) ? s : null;
  if (grain === 'tertial') {
    const m = /^(\d{4})[-\s]?T([1-3])$/i.exec(s) ?? /^T([1-3])[-\s]+(\d{4})$/i.exec(s);
    if (m === null) return null;
    return /^\d{4}/.test(s) ? `${m[1]}-T${m[2]}` : `${m[2]}-T${m[1]}`;
  }
  return parseMonth(s);
}

export function parseReportedTable(
  table: CsvTable,
  mapping: ReportedMapping,
  measure: { key: string; source: ReportedSource },
  units: readonly ImportUnit[],
): { ok: true; values: ReportedValue[] } | { ok: false; errors: ReportedImportError[] } {
  const missing = Object.values(mapping.columns).filter((c): c is string => c !== undefined && !table.header.includes(c));
  if (missing.length > 0) return { ok: false, errors: missing.map((column) => ({ line: 1, code: 'missing-column', column })) };
  const index = (f: ReportedField) => (mapping.columns[f] === undefined ? -1 : table.header.indexOf(mapping.columns[f] as string));
  const byKey = unitIndex(units);
  const ratio = measure.source.form === 'ratio';
  const errors: ReportedImportError[] = [];
  const values: ReportedValue[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const rowErrors: ReportedImportError[] = [];
    const cell = (f: ReportedField) => (index(f) < 0 ? '' : (cells[index(f)] ?? '').trim());
    const fail = (code: ReportedImportError['code'], f: ReportedField, value?: string) => rowErrors.push({ line, code, column: mapping.columns[f] ?? f, ...(value ? { value } : {}) });
    const number = (f: ReportedField, required: boolean): number | null => {
      const raw = cell(f);
      if (raw === '') {
        if (required) fail('required', f);
        return null;
      }
      const n = parseDecimal(raw);
      if (n === null) return (fail('number', f, raw), null);
      if (Math.abs(n) > 1e12 || ((ratio || f.startsWith('den')) && n < 0)) return (fail('range', f, raw), null);
      return n;
    };
    const unitRaw = cell('unit');
    const { unit, error: unitError } = unitOfCell(byKey, unitRaw);
    if (unitError !== null) fail(unitError, 'unit', unitError === 'required' ? undefined : unitRaw);
    const periodRaw = cell('period');
    const period = periodRaw === '' ? null : parsePeriod(periodRaw, measure.source.grain);
    if (periodRaw === '') fail('required', 'period');
    else if (period === null) fail('period', 'period', periodRaw);
    const num = number('num', true);
    const den = ratio ? number('den', true) : null;
    const numK = number('numK', false);
    const numM = number('numM', false);
    const denK = ratio ? number('denK', false) : null;
    const denM = ratio ? number('denM', false) : null;
    if (ratio) {
      for (const [a, b] of [['num', 'den'], ['numK', 'denK'], ['numM', 'denM']] as const) {
        const na = a === 'num' ? num : a === 'numK' ? numK : numM;
        const nb = b === 'den' ? den : b === 'denK' ? denK : denM;
        if ((cell(a) === '') !== (cell(b) === '') && a !== 'num') fail('pair', cell(a) === '' ? a : b);
        if (na !== null && nb !== null && na > nb) fail('num-over-den', a, cell(a));
      }
    }
    if (unit !== undefined && period !== null) {
      const k = `${unit.id}|${period}`;
      const first = seen.get(k);
      if (first !== undefined) rowErrors.push({ line, code: 'duplicate', column: mapping.columns.unit ?? 'unit', value: unitRaw, firstLine: first });
      else seen.set(k, line);
    }
    if (rowErrors.length > 0 || unit === undefined || period === null || num === null) {
      errors.push(...rowErrors);
      continue;
    }
    values.push({
      id: reportedValueIdFor(unit.id, measure.key, period),
      unitId: unit.id as ReportedValue['unitId'],
      measure: measure.key,
      period,
      num,
      den: ratio ? den : null,
      numK,
      denK,
      numM,
      denM,
      source: 'import',
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
