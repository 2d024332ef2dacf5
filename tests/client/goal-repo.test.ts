/**
 * The goal document on the device (issue 13): items, analyses and strategic actions saved offline
 * with their outbox rows; an analysis re-written is a patch; a follow-up writes only its own
 * tertial's field; the analyses of an indicator's styrmått for Mål och resultat; and the report
 * written on the device from the replica.
 */
import './helpers';
import { describe, expect, it } from 'vitest';
import { tertialReport } from '../../src/shared/domain/goals/report';
import { indicatorIdFor, type Indicator } from '../../src/shared/schema/indicator';
import { addGoalItem, addStrategicAction, analysesOfIndicator, followUpAction, goalDocument, saveAnalysis, strategicOverview } from '../../src/client/storage/goal-repo';
import { indicatorContext } from '../../src/client/storage/indicator-repo';
import { writeChange } from '../../src/client/storage/records';
import { caught, useSessionDbs } from './helpers';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002');
const TREE = [
  { id: 'div', parentId: null, kind: 'division' as const, name: 'Division', closedAt: null },
  { id: 'u1', parentId: 'div', kind: 'enhet' as const, name: 'Avd 1', closedAt: null },
];
const NOW = Date.parse('2026-05-02T10:00:00Z');

describe('goal document storage', () => {
  it('items, an analysis and an action offline; the analysis shows beside the indicator; the device writes the report', async () => {
    const db = await sessionDb();
    const def = { id: indicatorIdFor('div', 'waitShare'), unitId: 'div', key: 'waitShare', nameSv: 'Väntat', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher' } as unknown as Indicator;
    await writeChange(db, { entity: 'indicator', op: 'insert', id: def.id, unitId: 'div', fields: { ...def } }, NOW);
    const mal = await addGoalItem(db, { unitId: 'div' as never, kind: 'mal', perspective: 'medborgare', parentId: null, title: 'God vård', order: 1 }, NOW);
    const s = await addGoalItem(db, { unitId: 'div' as never, kind: 'styrmatt', perspective: 'medborgare', parentId: mal.id, title: 'Väntat ≤ 90 dagar', order: 2, indicatorKey: 'waitShare', target: { op: 'gte', value: 70 } }, NOW);
    await saveAnalysis(db, 'div', s.id, '2026-DA04', 'Första versionen.', 'Chef', NOW);
    await saveAnalysis(db, 'div', s.id, '2026-DA04', 'Ändrad analys.', 'Chef', NOW + 1000);
    const a = await addStrategicAction(db, { unitId: 'div' as never, year: 2026, nr: 1, goalId: mal.id, perspective: 'medborgare', title: 'Planering', description: '', ansvarig: 'VO-chefer', tidplan: 'T1', effekt: 'Kortare köer' }, NOW);
    await followUpAction(db, a, 'DA04', { status: 'pagar', comment: 'Pågår' }, NOW);
    const outbox = (await db.outbox.toArray()).map((r) => [r.change.entity, r.change.op, Object.keys(r.change.fields).filter((k) => k.startsWith('follow'))]);
    expect(outbox).toEqual([
      ['indicator', 'insert', []],
      ['goalItem', 'insert', []],
      ['goalItem', 'insert', []],
      ['goalAnalysis', 'insert', []],
      ['goalAnalysis', 'patch', []],
      ['strategicAction', 'insert', []],
      ['strategicAction', 'patch', ['followDA04']],
    ]);
    expect((await analysesOfIndicator(db, TREE, 'div', 'waitShare')).map((x) => [x.styrmatt, x.text, x.writtenAt])).toEqual([['Väntat ≤ 90 dagar', 'Ändrad analys.', '2026-05-02T10:00:01.000Z']]);
    expect(await analysesOfIndicator(db, TREE, 'div', 'bhkTotal')).toEqual([]);
    const r = await tertialReport(await indicatorContext(db, TREE, 'div', '2026-05-02'), await goalDocument(db, TREE, 'div', '2026-DA04'), '2026-DA04', NOW);
    expect(r.perspectives[0]?.goals[0]?.rows[0]).toMatchObject({ styrmatt: 'Väntat ≤ 90 dagar', outcome: 'Data saknas', analysis: { text: 'Ändrad analys.' } });
    expect(r.actions[0]).toMatchObject({ status: 'Pågår', comment: 'Pågår' });
  });

  it('the level\'s strategic actions of the year, with the unit actions that carry them out', async () => {
    const db = await sessionDb();
    const a = await addStrategicAction(db, { unitId: 'div' as never, year: 2026, nr: 1, goalId: null, perspective: 'ekonomi', title: 'Minska inhyrd personal', description: '', ansvarig: '', tidplan: '', effekt: '' }, NOW);
    await addStrategicAction(db, { unitId: 'div' as never, year: 2025, nr: 1, goalId: null, perspective: 'ekonomi', title: 'Förra året', description: '', ansvarig: '', tidplan: '', effekt: '' }, NOW);
    const cause = { kind: 'strategic', ref: a.id, label: 'Strategisk åtgärd 1: Minska inhyrd personal' };
    await writeChange(db, { entity: 'action', op: 'insert', id: '0195d1f0-0000-7000-8000-0000000000a1', unitId: 'u1', fields: { id: '0195d1f0-0000-7000-8000-0000000000a1', unitId: 'u1', title: 'Egen bemanningspool', status: 'pagar', cause, createdAt: '2026-05-02T10:00:00.000Z' } }, NOW);
    await writeChange(db, { entity: 'action', op: 'insert', id: '0195d1f0-0000-7000-8000-0000000000a2', unitId: 'u1', fields: { id: '0195d1f0-0000-7000-8000-0000000000a2', unitId: 'u1', title: 'Annat', status: 'oppen', createdAt: '2026-05-02T10:00:00.000Z' } }, NOW);
    const o = await strategicOverview(db, TREE, 'div', 2026);
    expect(o.own.map((x) => x.title)).toEqual(['Minska inhyrd personal']);
    expect([...o.linked]).toEqual([[a.id, 1]]);
  });

  it('refuses a personnummer in an analysis, with the field, and writes nothing', async () => {
    const db = await sessionDb();
    const e = await caught(saveAnalysis(db, 'div', '0195d1f0-0000-7000-8000-000000000001', '2026-DA04', 'Patient 19121212-1212 föll.', 'Chef', NOW));
    expect(e).toMatchObject({ path: ['text'] });
    expect(await db.outbox.count()).toBe(0);
  });
});
