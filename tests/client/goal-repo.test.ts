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
import { addGoalItem, addStrategicAction, analysesOfIndicator, deleteGoalItem, deleteStrategicAction, followUpAction, goalDocument, listStrategicActions, saveAnalysis, strategicOverview, updateGoalItem, updateStrategicAction } from '../../src/client/storage/goal-repo';
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

  it('edits and deletes items and actions as patches and deletes in the outbox; the device\'s report shows them', async () => {
    const db = await sessionDb();
    const mal = await addGoalItem(db, { unitId: 'div' as never, kind: 'mal', perspective: 'medborgare', parentId: null, title: 'God vård', order: 1 }, NOW);
    const s = await addGoalItem(db, { unitId: 'div' as never, kind: 'styrmatt', perspective: 'medborgare', parentId: mal.id, title: 'Väntat', order: 2, target: { op: 'increase' } }, NOW);
    const gone = await addGoalItem(db, { unitId: 'div' as never, kind: 'styrmatt', perspective: 'medborgare', parentId: mal.id, title: 'Ska bort', order: 3 }, NOW);
    const a = await addStrategicAction(db, { unitId: 'div' as never, year: 2026, nr: 1, goalId: mal.id, perspective: 'medborgare', title: 'Planering', description: '', ansvarig: '', tidplan: '', effekt: '' }, NOW);
    const b = await addStrategicAction(db, { unitId: 'div' as never, year: 2026, nr: 2, goalId: null, perspective: 'ekonomi', title: 'Ska också bort', description: '', ansvarig: '', tidplan: '', effekt: '' }, NOW);
    await db.outbox.clear();

    await updateGoalItem(db, s, { title: 'Väntat ≤ 90 dagar', target: { op: 'gte', value: 70 } }, NOW + 1);
    await updateGoalItem(db, s, {}, NOW + 2); // nothing changed: nothing written
    await deleteGoalItem(db, TREE, gone, NOW + 3);
    await updateStrategicAction(db, a, { nr: 4, ansvarig: 'VO-chefer', followDA04: { status: 'klar', comment: 'Klart' } }, NOW + 4);
    await deleteStrategicAction(db, b, NOW + 5);
    expect((await db.outbox.toArray()).map((r) => [r.change.entity, r.change.op, r.change.fields])).toEqual([
      ['goalItem', 'patch', { title: 'Väntat ≤ 90 dagar', target: { op: 'gte', value: 70 } }],
      ['goalItem', 'delete', {}],
      ['strategicAction', 'patch', { nr: 4, ansvarig: 'VO-chefer', followDA04: { status: 'klar', comment: 'Klart' } }],
      ['strategicAction', 'delete', {}],
    ]);
    expect((await listStrategicActions(db, 'div')).map((x) => [x.nr, x.title, x.ansvarig])).toEqual([[4, 'Planering', 'VO-chefer']]);
    const r = await tertialReport(await indicatorContext(db, TREE, 'div', '2026-05-02'), await goalDocument(db, TREE, 'div', '2026-DA04'), '2026-DA04', NOW);
    expect(r.perspectives[0]?.goals[0]?.rows.map((x) => [x.styrmatt, x.target])).toEqual([['Väntat ≤ 90 dagar', 'Minst 70 %']]);
    expect(r.actions.map((x) => [x.nr, x.title, x.goal, x.status, x.comment])).toEqual([[4, 'Planering', 'God vård', 'Klar', 'Klart']]);
  });

  it('refuses to delete a goal item with items under it, also at a unit below, and writes nothing', async () => {
    const db = await sessionDb();
    const mal = await addGoalItem(db, { unitId: 'div' as never, kind: 'mal', perspective: 'medborgare', parentId: null, title: 'God vård', order: 1 }, NOW);
    const f = await addGoalItem(db, { unitId: 'div' as never, kind: 'faktor', perspective: 'medborgare', parentId: mal.id, title: 'Tillgänglighet', order: 2 }, NOW);
    const below = await addGoalItem(db, { unitId: 'u1' as never, kind: 'styrmatt', perspective: 'medborgare', parentId: f.id, title: 'Enhetens styrmått', order: 3 }, NOW);
    await db.outbox.clear();
    expect(await caught(deleteGoalItem(db, TREE, mal, NOW))).toMatchObject({ code: 'forbidden', path: ['children'], meta: { children: 1 } });
    expect(await caught(deleteGoalItem(db, TREE, f, NOW))).toMatchObject({ code: 'forbidden', path: ['children'] });
    expect(await db.outbox.count()).toBe(0);
    // Once the item below is gone, the faktor and then the mål may go.
    await deleteGoalItem(db, TREE, below, NOW + 1);
    await deleteGoalItem(db, TREE, f, NOW + 2);
    await deleteGoalItem(db, TREE, mal, NOW + 3);
    expect((await db.outbox.toArray()).map((r) => r.change.op)).toEqual(['delete', 'delete', 'delete']);
    expect((await goalDocument(db, TREE, 'div', '2026-DA04')).items).toEqual([]);
  });

  it('refuses an edit the schema refuses (a personnummer in a title), and writes nothing', async () => {
    const db = await sessionDb();
    const a = await addStrategicAction(db, { unitId: 'div' as never, year: 2026, nr: 1, goalId: null, perspective: 'ekonomi', title: 'Planering', description: '', ansvarig: '', tidplan: '', effekt: '' }, NOW);
    await db.outbox.clear();
    expect(await caught(updateStrategicAction(db, a, { description: 'Patient 19121212-1212' }, NOW))).toMatchObject({ code: 'personnummer', path: ['description'] });
    expect(await db.outbox.count()).toBe(0);
  });
});
