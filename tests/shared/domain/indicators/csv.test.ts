/** The indicator table as CSV for Swedish Excel. */
import { describe, expect, it } from 'vitest';
import { indicatorCsv, reportOfRows } from '../../../../src/shared/domain/indicators';
import { decimal, indicatorCsvRows, indicatorCsvRowsCompact } from '../../../../src/shared/domain/indicators/csv';
import { compactReport } from '../../../../src/shared/indicators-api';
import { input, observations, row } from './fixtures';

describe('indicatorCsv', async () => {
  const units = input().units.map((u) => (u.id === 'avd1' ? { ...u, name: '=HYPERLINK("x");1' } : u));
  const report = await reportOfRows(
    input({ units, bhk: observations('avd1', '2026-11-02', 12, 11), indicatorRows: [row('div', 'greenShare', { hidden: true })] }),
    '2026-11',
    Date.parse('2026-11-30T10:00:00Z'),
  );
  const { filename, csv } = indicatorCsv(report, 'sv');
  const lines = csv.slice(1).split('\r\n');

  it('has a BOM, Swedish headers, `;` and CRLF', async () => {
    expect(csv.startsWith('\uFEFFEnhet;Nivå;Indikator;Period;Utfall;Mål;Status;Trend;n;Rapporterande enheter\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(filename).toBe('indikatorer-division-2026-11.csv');
    expect(lines).toHaveLength(1 + report.nodes.length * report.defs.length + 1);
  });

  it('writes decimal commas, target and status in words with symbols', async () => {
    expect(lines).toContain('Division;Division;BHK total följsamhet;2026-11;91,7;≥ 100 %;◆ ej uppfyllt;;12;1 av 3');
    expect(lines).toContain('Division;Division;Klädregler;2026-11;100,0;≥ 100 %;● uppfyllt;;12;1 av 3');
    expect(lines).toContain('Division;Division;Dagar med vårdskada;2026-11;;≤ 0;□ ej mätbart;;0;0 av 3');
    expect(lines).toContain('Division;Division;Sjukfrånvaro (tavlan);2026-11;;Minska;□ ej mätbart;;0;0 av 3');
  });

  it('guards against formula injection in names', async () => {
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""x"");1";Enhet;BHK total`))).toBe(true);
  });

  it('finds each cell whatever order the report holds them in', async () => {
    // The report's own order is read in step; any other order by key, the same file.
    const shuffled = { ...report, cells: [...report.cells].reverse() };
    expect(indicatorCsv(shuffled, 'sv').csv).toBe(csv);
    const missing = { ...report, cells: report.cells.filter((_, i) => i % 3 !== 1) };
    expect(indicatorCsv(missing, 'sv').csv.slice(1).split('\r\n')).toHaveLength(2 + missing.cells.length);
  });

  it('writes the same file from the compact report (the server\'s export)', async () => {
    for (const lang of ['sv', 'en'] as const) {
      const viaObjects = indicatorCsvRows(report, lang);
      const viaTuples = indicatorCsvRowsCompact(compactReport(report), lang);
      expect(viaTuples.filename).toBe(viaObjects.filename);
      const rows = [...viaTuples.rows];
      expect(rows).toEqual([...viaObjects.rows]);
      expect(rows).toHaveLength(1 + report.nodes.length * report.defs.length);
    }
  });

  it('writes each node\'s own target where a column\'s targets differ by level, from either form', async () => {
    const mixed = await reportOfRows(
      input({ bhk: observations('avd1', '2026-11-02', 12, 11), indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } }), row('vo1', 'bhkTotal', { target: { op: 'gte', value: 95 } })] }),
      '2026-11',
      Date.parse('2026-11-30T10:00:00Z'),
    );
    const lines = [...indicatorCsvRowsCompact(compactReport(mixed), 'sv').rows].map((r) => r.join(';'));
    expect([...indicatorCsvRows(mixed, 'sv').rows].map((r) => r.join(';'))).toEqual(lines);
    const targetOf = (name: string) => lines.find((l) => l.startsWith(`${name};`) && l.includes(';BHK total följsamhet;'))?.split(';')[5];
    expect(targetOf('Division')).toBe('≥ 90 %');
    expect(targetOf('VO Medicin')).toBe('≥ 95 %');
    expect(targetOf('Avd 1')).toBe('≥ 95 %');
    expect(targetOf('VO Kirurgi')).toBe('≥ 90 %');
  });

  it('refuses a compact report without one cell per node and definition', () => {
    const compact = compactReport(report);
    expect(() => indicatorCsvRowsCompact({ ...compact, cells: compact.cells.slice(1) }, 'sv')).toThrow(/one cell per node/);
  });

  it('speaks English on request', async () => {
    expect(indicatorCsv(report, 'en').csv.split('\r\n')[0]).toBe('\uFEFFUnit;Level;Indicator;Period;Result;Target;Status;Trend;n;Reporting units');
  });

  it('writes a target per sex after the total\'s', async () => {
    const perSex = await reportOfRows(
      input({ bhk: observations('avd1', '2026-11-02', 12, 11), indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90, k: 88, m: 92.5 } }), row('div', 'bhkDress', { target: { op: 'gte', k: 95, m: 95 } })] }),
      '2026-11',
      Date.parse('2026-11-30T10:00:00Z'),
    );
    const out = indicatorCsv(perSex, 'sv').csv.split('\r\n');
    expect(out.find((l) => l.startsWith('Division;Division;BHK total följsamhet;'))).toContain(';≥ 90 % (K ≥ 88 % M ≥ 92,5 %);');
    expect(out.find((l) => l.startsWith('Division;Division;Klädregler;'))).toContain(';K ≥ 95 % M ≥ 95 %;');
  });
});

describe('decimal', () => {
  it.each([
    [91.666, 1, '91,7'],
    [12, 0, '12'],
    [-3.25, 1, '-3,3'],
    [-0.04, 1, '0,0'],
    [-0.4, 0, '0'],
    [-0, 1, '0,0'],
    [-12, 0, '-12'],
  ])('%d with %d decimals → %s', (value, decimals, text) => {
    expect(decimal(value, decimals)).toBe(text);
  });
});
