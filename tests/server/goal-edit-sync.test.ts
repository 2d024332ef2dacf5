/**
 * Editing and deleting the goal document through sync (issue 13), on SQLite and PostgreSQL: the
 * division manager's patches of goal items and strategic actions and deletes of them are applied
 * and the report shows them; a goal item with a live item under it (the division's own, or a
 * VO's styrmått under the division's faktor) is not deleted (rejected alone at ['children']),
 * but deleting the items below first in the same push lets it go; staff patch and delete nothing
 * of the goal document, and a VO manager nothing of the division's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TertialReportSchema } from '../../src/shared/goals-api';
import type { Change } from '../../src/shared/protocol';
import type { GoalItem, StrategicAction } from '../../src/shared/schema/goal';
import { type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { call, type Client, type Harness, harness, loginAs, NOW, push } from './helpers';

const AT = '2026-03-01T09:00:00.000Z';
const id = (n: number) => `0195d1f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const MAL = { id: id(1), unitId: 'div-lsv', kind: 'mal', perspective: 'medborgare', parentId: null, title: 'God nära och samordnad vård', order: 1, createdAt: AT } as GoalItem;
const FAKTOR = { id: id(2), unitId: 'div-lsv', kind: 'faktor', perspective: 'medborgare', parentId: id(1), title: 'Tillgänglighet', order: 2, createdAt: AT } as GoalItem;
const STYR = { id: id(3), unitId: 'div-lsv', kind: 'styrmatt', perspective: 'medborgare', parentId: id(2), title: 'Väntat', order: 3, indicatorKey: 'bhkTotal', target: { op: 'increase' }, createdAt: AT } as GoalItem;
const VO_STYR = { id: id(4), unitId: 'vo-med', kind: 'styrmatt', perspective: 'medborgare', parentId: id(2), title: 'VO:s eget styrmått', order: 4, createdAt: AT } as GoalItem;
const action = (n: number, nr: number, title: string, unitId = 'div-lsv') =>
  ({ id: id(n), unitId, year: 2026, nr, goalId: id(1), perspective: 'medborgare', title, description: 'Införa', ansvarig: 'VO-chefer', tidplan: 'T1', effekt: 'Kortare köer', createdAt: AT }) as StrategicAction;
const A1 = action(11, 1, 'Produktionsplanering');
const A2 = action(12, 2, 'Ska bort');
const A_UNIT = action(13, 1, 'Enhetens åtgärd', 'avd-21');

let h: Harness;
let counter = 0;
const seqs = new Map<Client, number>();
const change = (who: Client, entity: EntityName, row: { id: string; unitId: string }, op: Change['op'] = 'insert', fields: Record<string, unknown> = { ...row }): Change => {
  const seq = (seqs.get(who) ?? 0) + 1;
  seqs.set(who, seq);
  return { seq, entity, id: row.id, unitId: row.unitId, op, fields, hlc: formatHlc({ millis: NOW, counter: counter++, node: nodeFromDeviceId(who.deviceId) }), schemaVersion: SCHEMA_VERSION } as unknown as Change;
};
const rejectedOf = (res: Awaited<ReturnType<typeof push>>) => (res.ok ? res.rejected.map((r) => [r.seq, r.code, r.path]) : res);

describe.each(STORES)('goal document edits through sync (%s)', (dialect, factory) => {
  let chef: Client;
  const report = async () => TertialReportSchema.parse((await call(h, 'GET', '/api/goals/report?rootId=div-lsv&period=2026-DA04', { token: chef })).json());
  const rows = async () => (await report()).perspectives.flatMap((p) => p.goals.flatMap((g) => g.rows.map((r) => [g.title, r.faktor, r.styrmatt, r.target])));

  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    chef = await loginAs(h, 'divisionschef');
    const vo = await loginAs(h, 'vochef');
    const admin = await loginAs(h, 'admin');
    expect(rejectedOf(await push(h, chef, [change(chef, 'goalItem', MAL), change(chef, 'goalItem', FAKTOR), change(chef, 'goalItem', STYR), change(chef, 'strategicAction', A1), change(chef, 'strategicAction', A2)]))).toEqual([]);
    expect(rejectedOf(await push(h, vo, [change(vo, 'goalItem', VO_STYR)]))).toEqual([]);
    expect(rejectedOf(await push(h, admin, [change(admin, 'strategicAction', A_UNIT)]))).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('patches of items and actions are applied; a deleted action leaves the report', async () => {
    const res = await push(h, chef, [
      change(chef, 'goalItem', STYR, 'patch', { title: 'Väntat ≤ 90 dagar', target: { op: 'gte', value: 70 }, periods: ['DA04', 'AR'] }),
      change(chef, 'goalItem', MAL, 'patch', { title: 'God och nära vård', perspective: 'medborgare' }),
      change(chef, 'strategicAction', A1, 'patch', { nr: 3, title: 'Produktionsplanering 2.0', ansvarig: 'Divisionschef', followDA04: { status: 'klar', comment: 'Klart i alla VO' } }),
      change(chef, 'strategicAction', A2, 'delete', {}),
    ]);
    expect(rejectedOf(res)).toEqual([]);
    expect(await rows()).toEqual([['God och nära vård', 'Tillgänglighet', 'Väntat ≤ 90 dagar', 'Minst 70 %']]);
    expect((await report()).actions.map((a) => [a.nr, a.title, a.goal, a.ansvarig, a.status, a.comment])).toEqual([[3, 'Produktionsplanering 2.0', 'God och nära vård', 'Divisionschef', 'Klar', 'Klart i alla VO']]);
  });

  it('a goal item with items under it is not deleted, also when the item below is a VO\'s; rejected alone', async () => {
    const before = seqs.get(chef) ?? 0;
    const res = await push(h, chef, [change(chef, 'goalItem', FAKTOR, 'delete', {}), change(chef, 'goalItem', MAL, 'delete', {}), change(chef, 'goalItem', STYR, 'patch', { order: 5 })]);
    expect(rejectedOf(res)).toEqual([
      [before + 1, 'forbidden', ['children']],
      [before + 2, 'forbidden', ['children']],
    ]);
    expect((await rows()).map((r) => r[2])).toEqual(['Väntat ≤ 90 dagar']);
  });

  it('deleting what stands under it first, in the same push, lets the mål go', async () => {
    const res = await push(h, chef, [
      change(chef, 'goalItem', STYR, 'delete', {}),
      change(chef, 'goalItem', VO_STYR, 'delete', {}),
      change(chef, 'goalItem', FAKTOR, 'delete', {}),
      change(chef, 'goalItem', MAL, 'delete', {}),
    ]);
    expect(rejectedOf(res)).toEqual([]);
    const r = await report();
    expect(r.perspectives).toEqual([]);
    // The action that served the mål stays, without a goal.
    expect(r.actions.map((a) => [a.nr, a.goal])).toEqual([[3, '']]);
  });

  it('staff patch and delete nothing of the goal document; a VO manager nothing of the division\'s', async () => {
    const staff = await loginAs(h, 'personal21');
    const res = await push(h, staff, [change(staff, 'strategicAction', A_UNIT, 'patch', { title: 'Ändrad' }), change(staff, 'strategicAction', A_UNIT, 'delete', {})]);
    expect(rejectedOf(res)).toEqual([
      [1, 'forbidden', ['entity']],
      [2, 'forbidden', ['entity']],
    ]);
    const vo = await loginAs(h, 'vochef');
    const out = await push(h, vo, [change(vo, 'strategicAction', A1, 'patch', { title: 'Ändrad' })]);
    expect(rejectedOf(out)).toEqual([[1, 'scope-denied', ['unitId']]]);
    const unit = TertialReportSchema.parse((await call(h, 'GET', '/api/goals/report?rootId=avd-21&period=2026-DA04', { token: chef })).json());
    expect(unit.actions.map((a) => a.title)).toEqual(['Enhetens åtgärd']);
    expect((await report()).actions.map((a) => a.title)).toEqual(['Produktionsplanering 2.0']);
  });
});
