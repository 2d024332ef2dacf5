/**
 * From a CSV table to validated HR months (issue 5 §3): the column mapping (chosen once and
 * remembered by the client), then every row checked — unit known and open, month valid and not
 * in the future, kvot a percentage, korttid ≤ total, each unit at most once per month. Every bad
 * row is reported with its line; the result is all rows or none (nothing half-imported).
 */
import { hrMonthIdFor, type HrMonth } from '../schema/hr-month';
import type { CsvTable, HrCsvError } from './hr-csv';
import { normaliseName, parseDecimal, parseMonth } from './hr-values';

export const HR_FIELDS = ['unit', 'month', 'kvotTotal', 'kvotK', 'kvotM', 'korttid', 'ordinaryHours'] as const;
export type HrField = (typeof HR_FIELDS)[number];

export interface HrCsvMapping {
  /** Header name of the column holding each field; month may be left out for a fixed month. */
  columns: Partial<Record<HrField, string>>;
  /** Kvot columns hold fractions (0,086) rather than percent (8,6). */
  fraction: boolean;
}

export interface ImportUnit {
  id: string;
  name: string;
  closedAt: string | null;
}

/** The units a file may name, by id and by name (trimmed, case and spacing folded). */
export function unitIndex(units: readonly ImportUnit[]): Map<string, ImportUnit[]> {
  const byKey = new Map<string, ImportUnit[]>();
  for (const u of units) {
    for (const key of new Set([normaliseName(u.id), normaliseName(u.name)])) byKey.set(key, [...(byKey.get(key) ?? []), u]);
  }
  return byKey;
}

/** The unit a file's unit cell names (its id, else a name only one unit has) and why it may not be
 * used: none named, several with that name, none, or closed (the closed unit is still returned). */
export function unitOfCell(
  byKey: ReadonlyMap<string, readonly ImportUnit[]>,
  raw: string,
): { unit: ImportUnit | undefined; error: 'required' | 'ambiguous-unit' | 'unknown-unit' | 'unit-closed' | null } {
  if (raw === '') return { unit: undefined, error: 'required' };
  const candidates = byKey.get(normaliseName(raw)) ?? [];
  const unit = candidates.find((u) => u.id === raw) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (unit === undefined) return { unit, error: candidates.length > 1 ? 'ambiguous-unit' : 'unknown-unit' };
  return { unit, error: unit.closedAt !== null ? 'unit-closed' : null };
}

export interface HrImportContext {
  /** Units the importer may write: matched by id or by name. */
  units: readonly ImportUnit[];
  /** The month every row belongs to, when the file has no month column. */
  fixedMonth: string | null;
  /** This month (YYYY-MM): an HR figure for a later month is a mistake. */
  currentMonth: string;
}

export interface HrImportRow {
  line: number;
  unitId: string;
  month: string;
  kvotTotal: number;
  kvotK: number | null;
  kvotM: number | null;
  korttid: number | null;
  ordinaryHours: number | null;
}

export type HrImportResult = { ok: true; rows: HrImportRow[] } | { ok: false; errors: HrCsvError[] };

/** Header words that suggest a field, checked in this order (K/M before the total kvot). */
const GUESS: [HrField, RegExp][] = [
  ['unit', /enhet|ansvar|kostnadsst|avdelning|organisation|arbetsplats|unit/],
  ['month', /månad|manad|period|month|datum/],
  ['kvotK', /kvinn|\bk\b|women/],
  ['kvotM', /\bmän\b|\bman\b|\bm\b|\bmen\b/],
  ['korttid', /kort|1-14|dag 1/],
  ['ordinaryHours', /ordinarie|arbetstid|hours/],
  ['kvotTotal', /kvot|sjukfr|total|sick/],
];

/** A first mapping from the header's words; the manager confirms or changes it. */
export function guessMapping(header: readonly string[]): HrCsvMapping {
  const columns: Partial<Record<HrField, string>> = {};
  const taken = new Set<string>();
  for (const [field, re] of GUESS) {
    const hit = header.find((h) => !taken.has(h) && re.test(h.toLowerCase()));
    if (hit !== undefined) {
      columns[field] = hit;
      taken.add(hit);
    }
  }
  return { columns, fraction: false };
}

/** Mapped columns missing from this header (a different file layout: map again). */
export function missingColumns(mapping: HrCsvMapping, header: readonly string[]): string[] {
  return Object.values(mapping.columns).filter((c): c is string => c !== undefined && !header.includes(c));
}

/** True when the mapping names what an import needs: a unit and a kvot, and a month source. */
export const mappingComplete = (m: HrCsvMapping, fixedMonth: string | null): boolean =>
  m.columns.unit !== undefined && m.columns.kvotTotal !== undefined && (m.columns.month !== undefined || fixedMonth !== null);

export function parseHrTable(table: CsvTable, mapping: HrCsvMapping, ctx: HrImportContext): HrImportResult {
  const missing = missingColumns(mapping, table.header);
  if (missing.length > 0) return { ok: false, errors: missing.map((column) => ({ line: 1, code: 'missing-column', column })) };
  const index = (f: HrField): number => (mapping.columns[f] === undefined ? -1 : table.header.indexOf(mapping.columns[f] as string));
  const byKey = unitIndex(ctx.units);
  const errors: HrCsvError[] = [];
  const rows: HrImportRow[] = [];
  const seen = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const rowErrors: HrCsvError[] = [];
    const cell = (f: HrField): string => (index(f) < 0 ? '' : (cells[index(f)] ?? ''));
    const fail = (code: HrCsvError['code'], f: HrField, value?: string) =>
      rowErrors.push({ line, code, column: mapping.columns[f] ?? f, ...(value !== undefined ? { value } : {}) });
    const pct = (f: HrField, required: boolean): number | null => {
      const raw = cell(f);
      if (raw === '') {
        if (required) fail('required', f);
        return null;
      }
      const n = parseDecimal(raw);
      if (n === null) return (fail('number', f, raw), null);
      // Fractions are scaled and rounded, so 0,086 is 8,6 and not 8,600000000000001.
      const value = mapping.fraction ? Math.round(n * 1_000_000) / 10_000 : n;
      if (value < 0 || value > 100) return (fail('range', f, raw), null);
      return value;
    };

    const unitRaw = cell('unit');
    const { unit, error: unitError } = unitOfCell(byKey, unitRaw);
    if (unitError !== null) fail(unitError, 'unit', unitError === 'required' ? undefined : unitRaw);

    let month = ctx.fixedMonth;
    if (mapping.columns.month === undefined && month === null) fail('required', 'month');
    else if (mapping.columns.month !== undefined) {
      const raw = cell('month');
      month = raw === '' ? null : parseMonth(raw);
      if (raw === '') fail('required', 'month');
      else if (month === null) fail('month', 'month', raw);
    }
    if (month !== null && month > ctx.currentMonth) fail('future-month', 'month', month);

    const kvotTotal = pct('kvotTotal', true);
    const kvotK = pct('kvotK', false);
    const kvotM = pct('kvotM', false);
    const korttid = pct('korttid', false);
    let ordinaryHours: number | null = null;
    const hoursRaw = cell('ordinaryHours');
    if (hoursRaw !== '') {
      ordinaryHours = parseDecimal(hoursRaw);
      if (ordinaryHours === null) fail('number', 'ordinaryHours', hoursRaw);
      else if (ordinaryHours < 0 || ordinaryHours > 100_000_000) fail('range', 'ordinaryHours', hoursRaw);
    }
    if (korttid !== null && kvotTotal !== null && korttid > kvotTotal) fail('korttid-over-total', 'korttid', cell('korttid'));

    if (unit !== undefined && month !== null) {
      const key = `${unit.id}|${month}`;
      const first = seen.get(key);
      if (first !== undefined) rowErrors.push({ line, code: 'duplicate', column: mapping.columns.unit ?? 'unit', value: unitRaw, firstLine: first });
      else seen.set(key, line);
    }
    if (rowErrors.length > 0 || unit === undefined || month === null || kvotTotal === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ line, unitId: unit.id, month, kvotTotal, kvotK, kvotM, korttid, ordinaryHours });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** The record an imported row becomes: every field written, so a re-import replaces the month. */
export function toHrMonth(row: HrImportRow): HrMonth {
  return {
    id: hrMonthIdFor(row.unitId, row.month),
    unitId: row.unitId as HrMonth['unitId'],
    month: row.month,
    kvotTotal: row.kvotTotal,
    kvotK: row.kvotK,
    kvotM: row.kvotM,
    korttid: row.korttid,
    ordinaryHours: row.ordinaryHours,
    source: 'import',
  };
}
