import { describe, expect, it } from 'vitest';
import { sheetName, toXlsxSheet, xlsxFilename } from '../../src/shared/export/xlsx-data';

describe('Workbook → .xlsx cells', () => {
  const sheet = toXlsxSheet({
    name: 'Indikatorer: mars/2026 [utkast] med ett mycket långt namn',
    columns: [
      { header: 'Enhet', type: 'text' },
      { header: 'Datum', type: 'date' },
      { header: 'n', type: 'integer' },
      { header: 'Utfall', type: 'number', decimals: 2 },
      { header: 'Andel', type: 'percent' },
    ],
    rows: [
      ['Avdelning 21', '2026-03-10', 12, 3.456, 87.5],
      ['=1+1', null, null, null, null],
    ],
  });

  it('a bold header row that stays in view, and a legal sheet name', () => {
    expect(sheet.stickyRowsCount).toBe(1);
    expect(sheet.data[0]?.every((c) => c?.fontWeight === 'bold' && c.type === String)).toBe(true);
    expect(sheet.sheet).toBe('Indikatorer- mars-2026 -utkast-');
    expect(sheetName('')).toBe('Blad');
  });

  it('typed cells: numbers with their format, percentages as fractions, dates as dates, empties empty', () => {
    const [text, date, n, value, pct] = sheet.data[1] ?? [];
    expect(text).toEqual({ value: 'Avdelning 21', type: String });
    expect(date).toEqual({ value: new Date('2026-03-10T00:00:00Z'), type: Date, format: 'yyyy-mm-dd' });
    expect(n).toEqual({ value: 12, type: Number, format: '0' });
    expect(value).toEqual({ value: 3.456, type: Number, format: '0.00' });
    expect(pct).toEqual({ value: 0.875, type: Number, format: '0.0%' });
    // Text stays text: a formula typed by a person is never run (a String cell is not a formula).
    expect(sheet.data[2]?.[0]).toEqual({ value: '=1+1', type: String });
    expect(sheet.data[2]?.slice(1)).toEqual([null, null, null, null]);
  });

  it('columns sized from their content, within bounds; the file name ends in .xlsx', () => {
    expect(sheet.columns.map((c) => c.width)).toEqual([14, 12, 4, 8, 9]);
    expect(xlsxFilename('bhk-avdelning-21-2026-03.csv')).toBe('bhk-avdelning-21-2026-03.xlsx');
  });
});
