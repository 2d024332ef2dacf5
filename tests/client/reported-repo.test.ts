/**
 * Reported measures on the device (issue 13): the month grid's text → whole cells (errors per
 * field, nothing saved on any error), saved offline in one transaction with their outbox rows,
 * re-saved as patches that revive, emptied lines removed, personnummer-free by construction
 * (numbers only), and read back by the indicator context the figures are computed from.
 */
import './helpers';
import { describe, expect, it } from 'vitest';
import { indicatorReport } from '../../src/shared/domain/indicators';
import { indicatorIdFor, type Indicator } from '../../src/shared/schema/indicator';
import { listReportedValues, saveReportedValues } from '../../src/client/storage/reported-repo';
import { indicatorContext } from '../../src/client/storage/indicator-repo';
import { writeChange } from '../../src/client/storage/records';
import { emptyLine, enterableDefs, gridPeriods, linesOf, parseGrid, refreshLines } from '../../src/client/features/indicators/reported-grid';
import { caught, useSessionDbs } from './helpers';
import { readCsv } from '../../src/shared/domain/hr-csv';
import { guessReportedMapping, parseReportedTable } from '../../src/shared/domain/indicators/reported-import';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002');

const RATIO = { key: 'waitShare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' } } as const;
const VALUE = { key: 'hyrkostnad', source: { kind: 'reported', form: 'value', grain: 'tertial', at: 'unit' } } as const;

describe('the grid (pure)', () => {
  it('has the periods of the grain', () => {
    expect(gridPeriods('month', 2026)).toHaveLength(12);
    expect(gridPeriods('tertial', 2026)).toEqual(['2026-T1', '2026-T2', '2026-T3']);
    expect(gridPeriods('year', 2026)).toEqual(['2026']);
  });

  it('turns lines into whole cells, K/M included; decimal comma accepted', () => {
    const r = parseGrid('u1', RATIO, { '2026-01': { num: '41', den: '100', numK: '20', denK: '49', numM: '21', denM: '51' }, '2026-02': emptyLine() }, []);
    expect(r).toEqual({
      ok: true,
      remove: [],
      save: [{ id: 'reportedValue:u1:waitShare:2026-01', unitId: 'u1', measure: 'waitShare', period: '2026-01', num: 41, den: 100, numK: 20, denK: 49, numM: 21, denM: 51, source: 'manual' }],
    });
    const v = parseGrid('u1', VALUE, { '2026-T1': { ...emptyLine(), num: '-1,25' } }, []);
    expect(v.ok && v.save[0]).toMatchObject({ num: -1.25, den: null, numK: null });
  });

  it('reports every bad field with its reason and saves nothing', () => {
    const r = parseGrid('u1', RATIO, { '2026-01': { ...emptyLine(), num: '120', den: '100' }, '2026-02': { ...emptyLine(), num: 'tio', den: '' }, '2026-03': { ...emptyLine(), num: '1', den: '2', numK: '1' }, '2026-04': { ...emptyLine(), num: '1', den: '2' } }, []);
    expect(r).toEqual({ ok: false, errors: { '2026-01.num': 'rep.err.numOverDen', '2026-02.num': 'err.number', '2026-02.den': 'err.required', '2026-03.denK': 'err.required' } });
  });

  it('a line emptied removes its stored cell', () => {
    const stored = parseGrid('u1', RATIO, { '2026-01': { ...emptyLine(), num: '1', den: '2' } }, []);
    if (!stored.ok) throw new Error('fixture');
    const lines = linesOf(stored.save, 'waitShare', ['2026-01', '2026-02']);
    expect(lines['2026-01']).toMatchObject({ num: '1', den: '2' });
    expect(parseGrid('u1', RATIO, { '2026-01': emptyLine(), '2026-02': emptyLine() }, stored.save)).toEqual({ ok: true, save: [], remove: [{ id: 'reportedValue:u1:waitShare:2026-01', unitId: 'u1' }] });
  });

  it('a unit measure is entered at a leaf only, a level measure anywhere', () => {
    const defs = [{ ...RATIO }, { key: 'kpp', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' } }, { key: 'bhkTotal', source: { kind: 'count', metric: 'bhkObserved' } }] as never;
    expect(enterableDefs(defs, true).map((d) => d.key)).toEqual(['waitShare', 'kpp']);
    expect(enterableDefs(defs, false).map((d) => d.key)).toEqual(['kpp']);
  });
});

describe('storage', () => {
  const TREE = [
    { id: 'vo', parentId: null, kind: 'vo' as const, name: 'VO', closedAt: null },
    { id: 'u1', parentId: 'vo', kind: 'enhet' as const, name: 'Avd 1', closedAt: null },
    { id: 'u2', parentId: 'vo', kind: 'enhet' as const, name: 'Avd 2', closedAt: null },
  ];

  it('saves offline with outbox rows, re-saves as reviving patches, and feeds the device\'s figures', async () => {
    const db = await sessionDb();
    const def: Indicator = { id: indicatorIdFor('vo', 'waitShare'), unitId: 'vo' as Indicator['unitId'], key: 'waitShare', nameSv: 'Väntande', source: RATIO.source, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 70 } } as Indicator;
    await writeChange(db, { entity: 'indicator', op: 'insert', id: def.id, unitId: 'vo', fields: { ...def } });
    const a = parseGrid('u1', RATIO, { '2026-02': { num: '41', den: '100', numK: '20', denK: '49', numM: '21', denM: '51' } }, []);
    const b = parseGrid('u2', RATIO, { '2026-02': { ...emptyLine(), num: '30', den: '40' } }, []);
    if (!a.ok || !b.ok) throw new Error('fixture');
    await saveReportedValues(db, [...a.save, ...b.save]);
    expect((await db.outbox.toArray()).map((r) => [r.change.entity, r.change.op])).toEqual([['indicator', 'insert'], ['reportedValue', 'insert'], ['reportedValue', 'insert']]);
    await saveReportedValues(db, [{ ...(a.save[0] as (typeof a.save)[0]), num: 45 }]);
    expect((await db.outbox.toArray()).at(-1)?.change).toMatchObject({ op: 'patch', fields: { num: 45, _deleted: false } });
    expect((await listReportedValues(db, 'u1')).map((v) => v.num)).toEqual([45]);
    const report = await indicatorReport(await indicatorContext(db, TREE, 'vo', '2026-03-10'), '2026-02', Date.parse('2026-03-10T09:00:00Z'));
    expect(report.cells.find((c) => c.unitId === 'vo' && c.key === 'waitShare')).toMatchObject({ num: 75, den: 140, reporting: 2, expected: 2 });
  });

  it('a 5,000-row CSV imports in one transaction; a re-import replaces the cells it names', async () => {
    const db = await sessionDb();
    const units = Array.from({ length: 250 }, (_, i) => ({ id: `u${i}`, name: `Enhet ${i}`, closedAt: null }));
    const months = Array.from({ length: 20 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const lines = ['Enhet;Period;Täljare;Nämnare'];
    for (const u of units) for (const m of months) lines.push(`${u.id};${m};${(u.id.length + m.length) % 7};10`);
    const read = readCsv(new TextEncoder().encode(lines.join('\n')));
    if (!read.ok) throw new Error('fixture');
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
    // Re-import of one cell with new numbers: one patch, the cell replaced whole.
    await saveReportedValues(db, [{ ...(parsed.values[0] as (typeof parsed.values)[0]), num: 9, den: 9 }]);
    expect((await listReportedValues(db, 'u0')).find((v) => v.period === months[0])).toMatchObject({ num: 9, den: 9, numK: null });
  }, 120_000);

  it('one invalid value refuses the whole save, with its field path', async () => {
    const db = await sessionDb();
    const ok = parseGrid('u1', RATIO, { '2026-02': { ...emptyLine(), num: '1', den: '2' } }, []);
    if (!ok.ok) throw new Error('fixture');
    const e = await caught(saveReportedValues(db, [...ok.save, { ...(ok.save[0] as (typeof ok.save)[0]), id: 'reportedValue:u1:waitShare:2026-03' }]));
    expect(e).toMatchObject({ code: 'validation', path: ['id'] });
    expect(await db.outbox.count()).toBe(0);
    expect(await listReportedValues(db, 'u1')).toEqual([]);
  });
});

describe('the grid writes only what changed', () => {
  it('a line left as stored is not saved again', () => {
    const first = parseGrid('u1', RATIO, { '2026-01': { ...emptyLine(), num: '1', den: '2' }, '2026-02': { ...emptyLine(), num: '3', den: '4' } }, []);
    if (!first.ok) throw new Error('fixture');
    const lines = linesOf(first.save, 'waitShare', ['2026-01', '2026-02']);
    lines['2026-02'] = { ...emptyLine(), num: '3', den: '5' };
    const again = parseGrid('u1', RATIO, lines, first.save);
    expect(again.ok && again.save.map((v) => [v.period, v.den])).toEqual([['2026-02', 5]]);
  });
});

describe('the month grid under a sync', () => {
  const value = (period: string, num: number) => ({ id: `x:${period}`, unitId: 'u1', measure: 'waitShare', period, num, den: 100, numK: null, denK: null, numM: null, denM: null, source: 'manual' }) as never;
  it('lines being edited keep what was typed when the stored values change; the others show the stored values', () => {
    const periods = ['2026-01', '2026-02'];
    const typed = { '2026-01': { ...emptyLine(), num: '60', den: '100' }, '2026-02': emptyLine() };
    const after = refreshLines(typed, new Set(['2026-01']), [value('2026-01', 10), value('2026-02', 20)], 'waitShare', periods);
    expect(after['2026-01']).toEqual(typed['2026-01']);
    expect(after['2026-02']).toEqual(linesOf([value('2026-02', 20)], 'waitShare', ['2026-02'])['2026-02']);
    expect(refreshLines(typed, new Set(), [value('2026-01', 10)], 'waitShare', periods)['2026-01']?.num).toBe('10');
  });
});
