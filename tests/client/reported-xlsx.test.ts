/**
 * The reported measures' .xlsx import (issue 13): a workbook written by ExcelJS (as the region's BI
 * or HR system exports one) is read by the client's reader into the CSV path's table and goes
 * through the same mapping and checks: good rows become whole cells, every bad row is named with
 * the row number Excel shows and its reason, one bad row refuses the whole file (nothing saved),
 * the 5,000-row file is saved in one transaction, and a re-import replaces the cells it names.
 */
import './helpers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guessReportedMapping, parseReportedTable } from '../../src/shared/domain/indicators/reported-import';
import { readXlsx } from '../../src/client/kit/xlsx-read';
import { listReportedValues, saveReportedValues } from '../../src/client/storage/reported-repo';
import { useSessionDbs } from './helpers';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002');
const RATIO = { key: 'waitShare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' } } as const;
const UNITS = [
  { id: 'avd-21', name: 'Avdelning 21 Medicin', closedAt: null },
  { id: 'avd-22', name: 'Avdelning 22', closedAt: null },
  { id: 'avd-9', name: 'Avdelning 9', closedAt: '2025-01-01T00:00:00.000Z' },
];

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Tom'); // an empty first sheet: the first sheet with data is read
  fill(wb.addWorksheet('Väntetider'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = ['Enhet', 'Period', 'Täljare', 'Nämnare', 'Kvinnor', 'Nämnare kvinnor', 'Män', 'Nämnare män'];

describe('importing an .xlsx file', () => {
  it('reads the cells as the CSV path would: dates, formulas, rich text; good rows become whole cells', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow([{ richText: [{ text: 'Avdelning 21 ' }, { font: { bold: true }, text: 'Medicin' }] }, new Date(Date.UTC(2026, 0, 1)), 41, 100, 20, 49, 21, 51]);
      ws.addRow([]);
      ws.addRow(['avd-22', '2026-02', { formula: 'D5*0.75', result: 30 }, 40, null, null, null, null]);
    });
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.table.header).toEqual(HEADER);
    expect(read.table.rows.map((r) => r.line)).toEqual([2, 4]);
    const parsed = parseReportedTable(read.table, guessReportedMapping(read.table.header), RATIO, UNITS);
    expect(parsed).toEqual({
      ok: true,
      values: [
        { id: 'reportedValue:avd-21:waitShare:2026-01', unitId: 'avd-21', measure: 'waitShare', period: '2026-01', num: 41, den: 100, numK: 20, denK: 49, numM: 21, denM: 51, source: 'import' },
        { id: 'reportedValue:avd-22:waitShare:2026-02', unitId: 'avd-22', measure: 'waitShare', period: '2026-02', num: 30, den: 40, numK: null, denK: null, numM: null, denM: null, source: 'import' },
      ],
    });
  });

  it('names every bad row with the row number Excel shows and its reason; one bad row refuses the file', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER); // row 1
      ws.addRow(['avd-21', '2026-01', 41, 100]); // row 2: good
      ws.addRow(['Avdelning 99', '2026-01', 1, 2]); // row 3: unknown unit
      ws.addRow([]); // row 4: empty, not data
      ws.addRow(['avd-22', '2026-01', 120, 100]); // row 5: numerator over denominator
      ws.addRow(['avd-22', 'våren', 1, 2]); // row 6: no period
      ws.addRow(['avd-9', '2026-01', 1, 2]); // row 7: closed unit
      ws.addRow(['avd-21', '2026-02', 'tio', 2, 1]); // row 8: not a number, K without its denominator
      ws.addRow(['avd-21', new Date(Date.UTC(2026, 0, 15)), 1, 2]); // row 9: the same unit and month as row 2
    });
    const db = await sessionDb();
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const parsed = parseReportedTable(read.table, guessReportedMapping(read.table.header), RATIO, UNITS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.line, e.code, e.column, e.value ?? null])).toEqual([
      [3, 'unknown-unit', 'Enhet', 'Avdelning 99'],
      [5, 'num-over-den', 'Täljare', '120'],
      [6, 'period', 'Period', 'våren'],
      [7, 'unit-closed', 'Enhet', 'avd-9'],
      [8, 'number', 'Täljare', 'tio'],
      [8, 'pair', 'Nämnare kvinnor', null],
      [9, 'duplicate', 'Enhet', 'avd-21'],
    ]);
    expect(parsed.errors.find((e) => e.code === 'duplicate')?.firstLine).toBe(2);
    // Nothing half-imported: the screen saves only a whole file.
    expect(await db.outbox.count()).toBe(0);
    expect(await listReportedValues(db, 'avd-21')).toEqual([]);
  });

  it('refuses a file that is not a workbook, and a value right of the header, with the row', async () => {
    expect(await readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))).toEqual({ ok: false, errors: [{ line: 1, code: 'not-xlsx' }] });
    const wide = await workbook((ws) => {
      ws.addRow(['Enhet', 'Period', 'Täljare', 'Nämnare']);
      ws.addRow(['avd-21', '2026-01', 1, 2]);
      ws.addRow(['avd-21', '2026-02', 1, 2, 'kommentar']);
    });
    expect(await readXlsx(wide)).toEqual({ ok: false, errors: [{ line: 3, code: 'column-count', expected: 4, got: 5 }] });
  });

  it('the 5,000-row file is saved in one transaction; a re-import replaces the cells it names', async () => {
    const units = Array.from({ length: 250 }, (_, i) => ({ id: `u${i}`, name: `Enhet ${i}`, closedAt: null }));
    const months = Array.from({ length: 20 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const bytes = await workbook((ws) => {
      ws.addRow(['Enhet', 'Period', 'Täljare', 'Nämnare']);
      for (const u of units) for (const m of months) ws.addRow([u.id, m, (u.id.length + m.length) % 7, 10]);
    });
    const db = await sessionDb();
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
    expect(read.table.rows.at(-1)?.line).toBe(5001);
    const parsed = parseReportedTable(read.table, guessReportedMapping(read.table.header), RATIO, units);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    expect(parsed.values).toHaveLength(5000);
    // Top-level transactions only: writeChange's own joins the one it is called in.
    let transactions = 0;
    const current = () => (db.constructor as unknown as { currentTransaction: unknown }).currentTransaction;
    const spy = db.transaction.bind(db);
    (db as unknown as { transaction: typeof spy }).transaction = ((...args: Parameters<typeof spy>) => (current() ? undefined : transactions++, spy(...args))) as typeof spy;
    await saveReportedValues(db, parsed.values);
    expect(transactions).toBe(1);
    expect(await db.outbox.count()).toBe(5000);

    // The next month's file names one cell again with new numbers: that cell is replaced whole.
    const again = await workbook((ws) => {
      ws.addRow(['Enhet', 'Period', 'Täljare', 'Nämnare']);
      ws.addRow(['u0', months[0], 9, 9]);
    });
    const read2 = await readXlsx(again);
    if (!read2.ok) throw new Error('fixture');
    const parsed2 = parseReportedTable(read2.table, guessReportedMapping(read2.table.header), RATIO, units);
    if (!parsed2.ok) throw new Error('fixture');
    await saveReportedValues(db, parsed2.values);
    expect((await listReportedValues(db, 'u0')).find((v) => v.period === months[0])).toMatchObject({ num: 9, den: 9, numK: null });
    expect(await db.outbox.count()).toBe(5001);
  }, 120_000);
});
