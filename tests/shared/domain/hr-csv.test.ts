import { describe, expect, it } from 'vitest';
import { readCsv, type HrCsvError } from '../../../src/shared/domain/hr-csv';
import { guessMapping, type HrCsvMapping, type HrImportContext, parseHrTable, toHrMonth } from '../../../src/shared/domain/hr-import';
import { parseDecimal, parseMonth } from '../../../src/shared/domain/hr-values';
import { HrMonth } from '../../../src/shared/schema/hr-month';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** ISO-8859-1 bytes, as an old Excel "CSV (semikolonavgränsad)" export writes å, ä, ö. */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));

const CTX: HrImportContext = {
  units: [
    { id: 'avd-21', name: 'Avdelning 21 Medicin', closedAt: null },
    { id: 'avd-22', name: 'Avdelning 22 Kardiologi', closedAt: null },
    { id: 'avd-23', name: 'Avdelning 23 Geriatrik', closedAt: null },
    { id: 'gammal', name: 'Gamla avdelningen', closedAt: '2025-12-31T12:00:00.000Z' },
    { id: 'dubbel-1', name: 'Mottagningen', closedAt: null },
    { id: 'dubbel-2', name: 'Mottagningen', closedAt: null },
  ],
  fixedMonth: null,
  currentMonth: '2026-03',
};

const MAPPING: HrCsvMapping = {
  columns: { unit: 'Enhet', month: 'Månad', kvotTotal: 'Sjukfrånvarokvot %', kvotK: 'Kvinnor %', kvotM: 'Män %', korttid: 'Korttid dag 1-14 %', ordinaryHours: 'Ordinarie arbetstid h' },
  fraction: false,
};
const HEADER = 'Enhet;Månad;Sjukfrånvarokvot %;Kvinnor %;Män %;Korttid dag 1-14 %;Ordinarie arbetstid h';

function importCsv(bytes: Uint8Array, mapping = MAPPING, ctx = CTX) {
  const read = readCsv(bytes);
  return read.ok ? parseHrTable(read.table, mapping, ctx) : read;
}
const errorsOf = (r: { ok: boolean; errors?: HrCsvError[] }) => (r.ok ? [] : (r.errors ?? []));

describe('HR CSV import: happy path', () => {
  it('semicolon, Swedish decimal comma, BOM, blank and ";;;" lines, names or ids', () => {
    const file = `\uFEFF${HEADER}\r\nAvdelning 21 Medicin;2026-02;8,6;9,1;5,0;3,2;12 345,5\r\n\r\navd-22;202602;4,25 %;;;;\r\n;;;;;;\r\n  avdelning 23   geriatrik ;februari 2026;0;0;0;0;1.234,5\r\n`;
    const r = importCsv(utf8(file));
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 2, unitId: 'avd-21', month: '2026-02', kvotTotal: 8.6, kvotK: 9.1, kvotM: 5, korttid: 3.2, ordinaryHours: 12345.5 },
        { line: 4, unitId: 'avd-22', month: '2026-02', kvotTotal: 4.25, kvotK: null, kvotM: null, korttid: null, ordinaryHours: null },
        { line: 6, unitId: 'avd-23', month: '2026-02', kvotTotal: 0, kvotK: 0, kvotM: 0, korttid: 0, ordinaryHours: 1234.5 },
      ],
    });
  });

  it('comma-separated with the decimal comma quoted', () => {
    const file = 'Enhet,Månad,Sjukfrånvarokvot %\navd-21,2026-01,"7,5"\n"Avdelning 22 Kardiologi",2026-01,6.0\n';
    const r = importCsv(utf8(file), { columns: { unit: 'Enhet', month: 'Månad', kvotTotal: 'Sjukfrånvarokvot %' }, fraction: false });
    expect(r.ok && r.rows.map((x) => [x.unitId, x.kvotTotal])).toEqual([['avd-21', 7.5], ['avd-22', 6]]);
  });

  it('a file without a month column takes the month chosen for it; fractions are scaled', () => {
    const file = 'Ansvar;Kvot\navd-21;0,086\n';
    const r = importCsv(utf8(file), { columns: { unit: 'Ansvar', kvotTotal: 'Kvot' }, fraction: true }, { ...CTX, fixedMonth: '2026-02' });
    expect(r).toMatchObject({ ok: true, rows: [{ unitId: 'avd-21', month: '2026-02', kvotTotal: 8.6 }] });
  });

  it('rows become full HR months (null for what the file lacks), valid against the schema', () => {
    const r = importCsv(utf8(`${HEADER}\navd-22;2026-02;4,25;;;;\n`));
    const record = r.ok ? toHrMonth(r.rows[0] as never) : null;
    expect(record).toEqual({ id: 'hrMonth:avd-22:2026-02', unitId: 'avd-22', month: '2026-02', kvotTotal: 4.25, kvotK: null, kvotM: null, korttid: null, ordinaryHours: null, source: 'import' });
    expect(HrMonth.safeParse(record).success).toBe(true);
  });

  it('guesses the mapping from a Heroma-style header', () => {
    expect(guessMapping(HEADER.split(';'))).toEqual(MAPPING);
  });
});

describe('HR CSV import: every error path, each with its line', () => {
  it('not UTF-8: a Latin-1 "å" is refused with its line, nothing decoded to "�"', () => {
    const file = latin1(`Enhet;Månad;Kvot\navd-21;2026-02;5,1\nAvdelning 23 Geriatrik;2026-02;4\nSjukvårdens enhet;2026-02;3\n`);
    // Line 1 already holds "å" in "Månad".
    expect(errorsOf(importCsv(file))).toEqual([{ line: 1, code: 'not-utf8' }]);
    const later = new Uint8Array([...utf8('Enhet;Kvot\navd-21;5\n'), ...latin1('Gävle;4\n')]);
    expect(errorsOf(importCsv(later))).toEqual([{ line: 3, code: 'not-utf8' }]);
  });

  it('not UTF-8: a UTF-16 export (byte-order mark) is refused', () => {
    expect(errorsOf(importCsv(new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0x3b, 0x00])))).toEqual([{ line: 1, code: 'not-utf8' }]);
  });

  it('wrong delimiter: a tab-separated file has one column', () => {
    expect(errorsOf(importCsv(utf8('Enhet\tMånad\tKvot\navd-21\t2026-02\t5\n')))).toMatchObject([{ line: 1, code: 'delimiter' }]);
  });

  it('wrong delimiter: unquoted decimal commas in a comma file give rows too many columns', () => {
    const file = 'Enhet,Månad,Kvot\navd-21,2026-02,5\navd-22,2026-02,4,5\navd-23,2026-02,3,25\n';
    expect(errorsOf(importCsv(utf8(file)))).toEqual([
      { line: 3, code: 'column-count', expected: 3, got: 4 },
      { line: 4, code: 'column-count', expected: 3, got: 4 },
    ]);
  });

  it('a row on a semicolon file separated by commas has too few columns', () => {
    expect(errorsOf(importCsv(utf8(`${HEADER}\navd-21,2026-02,5,,,,\n`)))).toEqual([{ line: 2, code: 'column-count', expected: 7, got: 1 }]);
  });

  it('Swedish decimal comma: a value that is no number is named with its column', () => {
    const file = `${HEADER}\navd-21;2026-02;8,6,1;;;;\navd-22;2026-02;åtta;;;;\navd-23;2026-02;5;;;;12 34x\n`;
    expect(errorsOf(importCsv(utf8(file)))).toEqual([
      { line: 2, code: 'number', column: 'Sjukfrånvarokvot %', value: '8,6,1' },
      { line: 3, code: 'number', column: 'Sjukfrånvarokvot %', value: 'åtta' },
      { line: 4, code: 'number', column: 'Ordinarie arbetstid h', value: '12 34x' },
    ]);
  });

  it('unknown, ambiguous and closed units', () => {
    const file = `${HEADER}\nAvdelning 99;2026-02;5;;;;\nMottagningen;2026-02;5;;;;\nGamla avdelningen;2026-02;5;;;;\ndubbel-2;2026-02;5;;;;\n`;
    expect(errorsOf(importCsv(utf8(file)))).toEqual([
      { line: 2, code: 'unknown-unit', column: 'Enhet', value: 'Avdelning 99' },
      { line: 3, code: 'ambiguous-unit', column: 'Enhet', value: 'Mottagningen' },
      { line: 4, code: 'unit-closed', column: 'Enhet', value: 'Gamla avdelningen' },
    ]);
  });

  it('duplicate month within the file names both lines, however the unit is written', () => {
    const file = `${HEADER}\navd-21;2026-02;5;;;;\navd-22;2026-02;5;;;;\nAvdelning 21 Medicin;februari 2026;6;;;;\navd-21;2026-01;5;;;;\n`;
    expect(errorsOf(importCsv(utf8(file)))).toEqual([{ line: 4, code: 'duplicate', column: 'Enhet', value: 'Avdelning 21 Medicin', firstLine: 2 }]);
  });

  it('month, range, required and korttid errors, all rows reported at once', () => {
    const file = [
      HEADER,
      'avd-21;2026-13;5;;;;',
      'avd-22;2026-04;5;;;;',
      'avd-23;2026-02;101;;;;',
      ';2026-02;5;;;;',
      'avd-21;2026-01;;;;;',
      'avd-22;2026-01;4;;;5;',
      'avd-23;2026-01;4;;;;-3',
    ].join('\n');
    expect(errorsOf(importCsv(utf8(file)))).toEqual([
      { line: 2, code: 'month', column: 'Månad', value: '2026-13' },
      { line: 3, code: 'future-month', column: 'Månad', value: '2026-04' },
      { line: 4, code: 'range', column: 'Sjukfrånvarokvot %', value: '101' },
      { line: 5, code: 'required', column: 'Enhet' },
      { line: 6, code: 'required', column: 'Sjukfrånvarokvot %' },
      { line: 7, code: 'korttid-over-total', column: 'Korttid dag 1-14 %', value: '5' },
      { line: 8, code: 'range', column: 'Ordinarie arbetstid h', value: '-3' },
    ]);
  });

  it('a mapping naming a column the file lacks, an empty file, an open quote', () => {
    expect(errorsOf(importCsv(utf8('Enhet;Kvot\navd-21;5\n')))).toEqual(
      ['Månad', 'Sjukfrånvarokvot %', 'Kvinnor %', 'Män %', 'Korttid dag 1-14 %', 'Ordinarie arbetstid h'].map((column) => ({ line: 1, code: 'missing-column', column })),
    );
    expect(errorsOf(importCsv(utf8('\n\n')))).toEqual([{ line: 1, code: 'empty' }]);
    expect(errorsOf(importCsv(utf8(`${HEADER}\n`)))).toEqual([{ line: 2, code: 'empty' }]);
    expect(errorsOf(importCsv(utf8(`${HEADER}\n"avd-21;2026-02;5;;;;\n`)))).toEqual([{ line: 2, code: 'quote' }]);
  });

  it('no month column and no month chosen: every row says the month is missing', () => {
    const r = importCsv(utf8('Enhet;Kvot\navd-21;5\n'), { columns: { unit: 'Enhet', kvotTotal: 'Kvot' }, fraction: false });
    expect(errorsOf(r)).toEqual([{ line: 2, code: 'required', column: 'month' }]);
  });
});

describe('cell values', () => {
  it.each([
    ['8,6', 8.6], ['8.6', 8.6], ['8,6 %', 8.6], ['8,6%', 8.6], ['12 345,5', 12345.5], ['12\u00a0345', 12345],
    ['1.234,5', 1234.5], ['0', 0], ['-1', -1], ['', null], ['8,6,1', null], ['abc', null], ['1e3', null], ['Infinity', null],
  ])('decimal %j → %j', (raw, n) => {
    expect(parseDecimal(raw)).toBe(n);
  });

  it.each([
    ['2026-03', '2026-03'], ['202603', '2026-03'], ['2026-03-01', '2026-03'], ['2026/3', '2026-03'], ['mars 2026', '2026-03'],
    ['Okt. 2025', '2025-10'], ['2026-13', null], ['20263', null], ['march 2026', null], ['2026', null],
  ])('month %j → %j', (raw, m) => {
    expect(parseMonth(raw)).toBe(m);
  });
});
