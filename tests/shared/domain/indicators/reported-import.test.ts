/**
 * Importing a reported measure from CSV (issue 13): a good file becomes whole cells; a broken one
 * is refused whole, every bad row with its line, column, value and reason; re-import replaces.
 */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../src/shared/domain/hr-csv';
import { guessReportedMapping, parsePeriod, parseReportedTable, reportedMappingComplete } from '../../../../src/shared/domain/indicators/reported-import';

const UNITS = [
  { id: 'avd-21', name: 'Avdelning 21 Medicin', closedAt: null },
  { id: 'avd-22', name: 'Avdelning 22 Kardiologi', closedAt: null },
  { id: 'avd-99', name: 'Stängd', closedAt: '2025-01-01T00:00:00.000Z' },
];
const RATIO = { key: 'waitShare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' } } as const;
const table = (text: string) => {
  const r = readCsv(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.table;
};

describe('reported CSV import', () => {
  const good = 'Enhet;Period;Täljare;Nämnare;Kvinnor;Nämnare kvinnor;Män;Nämnare män\nAvdelning 21 Medicin;2026-01;41;100;20;49;21;51\navd-22;mars 2026;30;40;;;;\n';

  it('guesses the columns, and a good file becomes whole cells (decimal comma, month names)', () => {
    const t = table(good);
    const mapping = guessReportedMapping(t.header);
    expect(mapping.columns).toEqual({ unit: 'Enhet', period: 'Period', num: 'Täljare', den: 'Nämnare', numK: 'Kvinnor', denK: 'Nämnare kvinnor', numM: 'Män', denM: 'Nämnare män' });
    expect(reportedMappingComplete(mapping, RATIO.source)).toBe(true);
    const r = parseReportedTable(t, mapping, RATIO, UNITS);
    expect(r).toEqual({
      ok: true,
      values: [
        { id: 'reportedValue:avd-21:waitShare:2026-01', unitId: 'avd-21', measure: 'waitShare', period: '2026-01', num: 41, den: 100, numK: 20, denK: 49, numM: 21, denM: 51, source: 'import' },
        { id: 'reportedValue:avd-22:waitShare:2026-03', unitId: 'avd-22', measure: 'waitShare', period: '2026-03', num: 30, den: 40, numK: null, denK: null, numM: null, denM: null, source: 'import' },
      ],
    });
  });

  it('refuses a broken file whole and says why per line', () => {
    const bad = 'Enhet;Period;Täljare;Nämnare;Kvinnor;Nämnare kvinnor;Män;Nämnare män\n'
      + 'Avdelning 21 Medicin;2026-01;41;100;;;;\n' // fine
      + 'Okänd enhet;2026-01;1;2;;;;\n' // 3
      + 'avd-22;2026-13;1;2;;;;\n' // 4
      + 'avd-22;2026-02;tio;2;;;;\n' // 5
      + 'avd-22;2026-03;5;2;;;;\n' // 6
      + 'avd-21;2026-01;1;2;;;;\n' // 7: duplicate of line 2
      + 'avd-99;2026-01;1;2;;;;\n' // 8
      + 'avd-22;2026-04;1;2;1;;;\n'; // 9: K without its denominator
    const t = table(bad);
    const r = parseReportedTable(t, guessReportedMapping(t.header), RATIO, UNITS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.code, e.column, e.value ?? null])).toEqual([
      [3, 'unknown-unit', 'Enhet', 'Okänd enhet'],
      [4, 'period', 'Period', '2026-13'],
      [5, 'number', 'Täljare', 'tio'],
      [6, 'num-over-den', 'Täljare', '5'],
      [7, 'duplicate', 'Enhet', 'avd-21'],
      [8, 'unit-closed', 'Enhet', 'avd-99'],
      [9, 'pair', 'Nämnare kvinnor', null],
    ]);
  });

  it('a column the mapping names but the file lacks is refused at line 1', () => {
    const t = table('Enhet;Period;Täljare\navd-21;2026-01;4\n');
    const r = parseReportedTable(t, { columns: { unit: 'Enhet', period: 'Period', num: 'Täljare', den: 'Nämnare' } }, RATIO, UNITS);
    expect(r).toEqual({ ok: false, errors: [{ line: 1, code: 'missing-column', column: 'Nämnare' }] });
  });

  it('periods of every grain', () => {
    expect(parsePeriod('T2 2026', 'tertial')).toBe('2026-T2');
    expect(parsePeriod('2026-T3', 'tertial')).toBe('2026-T3');
    expect(parsePeriod('2026-03', 'tertial')).toBeNull();
    expect(parsePeriod('2026', 'year')).toBe('2026');
    expect(parsePeriod('mars 2026', 'month')).toBe('2026-03');
  });
});
