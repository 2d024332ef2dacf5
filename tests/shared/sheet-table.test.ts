/**
 * A worksheet's rows to the CSV reader's table (shared/domain/sheet-table.ts): what each kind of
 * ExcelJS cell value says, the header as the first row with anything in it, Excel's row numbers
 * kept, empty rows skipped, a value right of the header refused like a CSV row of the wrong width.
 */
import { describe, expect, it } from 'vitest';
import { cellText, looksLikeXlsx, sheetTable } from '../../src/shared/domain/sheet-table';

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['Avdelning 21', 'Avdelning 21'],
    [41, '41'],
    [8.6, '8.6'],
    [-17.7, '-17.7'],
    [1e-7, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2026, 2, 1)), '2026-03-01'],
    [{ richText: [{ text: 'Avdelning ' }, { font: { bold: true }, text: '21' }] }, 'Avdelning 21'],
    [{ formula: 'B2*2', result: 82 }, '82'],
    [{ sharedFormula: 'B2', result: { error: '#DIV/0!' } }, '#DIV/0!'],
    [{ formula: 'B2' }, ''],
    [{ text: 'Avdelning 21', hyperlink: 'https://example.org' }, 'Avdelning 21'],
    [{ error: '#N/A' }, '#N/A'],
  ] as const)('%j says %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('sheetTable', () => {
  it('keeps Excel\'s row numbers, skips empty rows and pads short rows', () => {
    const r = sheetTable([
      { line: 2, values: [undefined, ''] },
      { line: 3, values: ['Enhet', 'Period', 'Värde', undefined] },
      { line: 4, values: ['avd-21', new Date(Date.UTC(2026, 0, 1)), 12] },
      { line: 6, values: [] },
      { line: 7, values: ['avd-22', '2026-02'] },
    ]);
    expect(r).toEqual({ ok: true, table: { delimiter: ';', header: ['Enhet', 'Period', 'Värde'], rows: [{ line: 4, cells: ['avd-21', '2026-01-01', '12'] }, { line: 7, cells: ['avd-22', '2026-02', ''] }] } });
  });

  it('refuses a value right of the header, an empty sheet and a sheet of only a header', () => {
    expect(sheetTable([{ line: 1, values: ['Enhet', 'Värde'] }, { line: 2, values: ['avd-21', 1, 'extra'] }])).toEqual({ ok: false, errors: [{ line: 2, code: 'column-count', expected: 2, got: 3 }] });
    expect(sheetTable([])).toEqual({ ok: false, errors: [{ line: 1, code: 'empty' }] });
    expect(sheetTable([{ line: 1, values: ['Enhet', 'Värde'] }])).toEqual({ ok: false, errors: [{ line: 2, code: 'empty' }] });
  });

  it('tells an .xlsx from a CSV by its first bytes', () => {
    expect(looksLikeXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(true);
    expect(looksLikeXlsx(new TextEncoder().encode('Enhet;Period'))).toBe(false);
  });
});
