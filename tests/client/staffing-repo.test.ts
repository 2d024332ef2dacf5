import './helpers';
import { describe, expect, it } from 'vitest';
import { staffingRollup } from '../../src/shared/domain/staffing-rollup';
import { hrMonthIdFor, type HrMonth } from '../../src/shared/schema/hr-month';
import { shiftIdFor, type StaffingShift } from '../../src/shared/schema/staffing-shift';
import {
  getStaffingConfig,
  listHrMonths,
  listShifts,
  removeHrMonth,
  saveHrMonths,
  saveShifts,
  saveStaffingConfig,
  staffingInput,
} from '../../src/client/storage/staffing-repo';
import { FakeServer } from './fake-server';
import { caught, engineFor, enrolledDb, useSessionDbs } from './helpers';

const { sessionDb, track } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002');

const shift = (unitId: string, date: string, name: string, planned: number, sick = 0): StaffingShift =>
  ({ id: shiftIdFor(unitId, date, name), unitId, date, shift: name, planned, sick, vab: 0, otherAbsence: 0, covered: 0 }) as StaffingShift;
const hr = (unitId: string, month: string, kvotTotal: number, more: Partial<HrMonth> = {}): HrMonth =>
  ({ id: hrMonthIdFor(unitId, month), unitId, month, kvotTotal, kvotK: null, kvotM: null, korttid: null, ordinaryHours: null, source: 'import', ...more }) as HrMonth;

describe('shifts', () => {
  it('a morning entry of three shifts: three rows and three outbox rows, listed by unit and date', async () => {
    const db = await sessionDb();
    await saveShifts(db, [shift('u1', '2026-03-10', 'dag', 10, 1), shift('u1', '2026-03-10', 'kvall', 8), shift('u1', '2026-03-10', 'natt', 4)]);
    await saveShifts(db, [shift('u2', '2026-03-10', 'dag', 3), shift('u1', '2026-03-09', 'dag', 9), shift('u1:x', '2026-03-10', 'dag', 1)]);
    expect((await db.outbox.toArray()).map((r) => [r.seq, r.change.op])).toEqual([[1, 'insert'], [2, 'insert'], [3, 'insert'], [4, 'insert'], [5, 'insert'], [6, 'insert']]);
    const listed = await listShifts(db, 'u1', '2026-03-10', '2026-03-10');
    expect(listed.map((s) => [s.shift, s.planned, s.sick])).toEqual([['dag', 10, 1], ['kvall', 8, 0], ['natt', 4, 0]]);
    expect((await listShifts(db, 'u1', '2026-03-01', '2026-03-31')).map((s) => s.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-10', '2026-03-10']);
  });

  it('all or nothing: one shift with more absent than planned stops the whole day, with its field path', async () => {
    const db = await sessionDb();
    const bad = { ...shift('u1', '2026-03-10', 'natt', 4), sick: 3, vab: 2 };
    const e = await caught(saveShifts(db, [shift('u1', '2026-03-10', 'dag', 10), shift('u1', '2026-03-10', 'kvall', 8), bad]));
    expect([e.code, e.path]).toEqual(['validation', ['vab']]);
    expect(await db.rows.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a removed shift is a gap again, and a later entry brings it back (insert, delete, reviving patch)', async () => {
    const db = await sessionDb();
    const s = shift('u1', '2026-03-10', 'dag', 10, 2);
    await saveShifts(db, [s]);
    await saveShifts(db, [], [s]);
    expect(await listShifts(db, 'u1', '2026-03-10', '2026-03-10')).toEqual([]);
    await saveShifts(db, [{ ...s, sick: 1 }]);
    expect((await listShifts(db, 'u1', '2026-03-10', '2026-03-10')).map((x) => x.sick)).toEqual([1]);
    const ops = (await db.outbox.toArray()).map((r) => [r.change.op, r.change.fields]);
    expect(ops[1]).toEqual(['delete', {}]);
    expect(ops[2]).toEqual(['patch', { planned: 10, sick: 1, vab: 0, otherAbsence: 0, covered: 0, _deleted: false }]);
    // Removing what is already a gap writes nothing.
    await saveShifts(db, [], [shift('u1', '2026-03-11', 'dag', 1)]);
    expect(await db.outbox.count()).toBe(3);
  });
});

describe('HR months', () => {
  it('an import is written in one transaction: an invalid third month leaves nothing behind', async () => {
    const db = await sessionDb();
    const e = await caught(saveHrMonths(db, [hr('u1', '2026-02', 5), hr('u2', '2026-02', 4), hr('u1', '2026-01', 5, { korttid: 6 })]));
    expect([e.code, e.path]).toEqual(['validation', ['korttid']]);
    expect([await db.rows.count(), await db.outbox.count()]).toEqual([0, 0]);
  });

  it('a re-import replaces the month, including the fields the new file lacks', async () => {
    const db = await sessionDb();
    await saveHrMonths(db, [hr('u1', '2026-02', 5, { kvotK: 6, kvotM: 3, ordinaryHours: 1000 })]);
    await saveHrMonths(db, [hr('u1', '2026-02', 4.5)]);
    expect(await listHrMonths(db, 'u1', '2026-01', '2026-03')).toEqual([hr('u1', '2026-02', 4.5)]);
    await removeHrMonth(db, hr('u1', '2026-02', 0));
    expect(await listHrMonths(db, 'u1', '2026-01', '2026-03')).toEqual([]);
    await saveHrMonths(db, [hr('u1', '2026-02', 3)]);
    expect((await listHrMonths(db, 'u1', '2026-02', '2026-02')).map((m) => m.kvotTotal)).toEqual([3]);
  });
});

describe('settings', () => {
  it('defaults until set; each save patches only its fields', async () => {
    const db = await sessionDb();
    expect(await getStaffingConfig(db, 'u1')).toEqual({ shifts: ['dag', 'kvall', 'natt'], bedsEnabled: false, targetPct: null, weekdaysOnly: false });
    await saveStaffingConfig(db, 'u1', { shifts: ['dag'], weekdaysOnly: true });
    await saveStaffingConfig(db, 'u1', { targetPct: 5.5 });
    expect(await getStaffingConfig(db, 'u1')).toEqual({ shifts: ['dag'], bedsEnabled: false, targetPct: 5.5, weekdaysOnly: true });
    expect((await db.outbox.toArray()).map((r) => r.change.fields)).toEqual([{ shifts: ['dag'], weekdaysOnly: true }, { targetPct: 5.5 }]);
  });
});

describe('offline roll-up input', () => {
  it('collects the subtree from the replica; the shared roll-up pools it', async () => {
    const db = await sessionDb();
    await saveShifts(db, [shift('u1', '2026-03-02', 'dag', 10, 1), shift('u2', '2026-03-02', 'dag', 10, 3), shift('u1', '2026-02-27', 'dag', 10, 9)]);
    await saveHrMonths(db, [hr('u1', '2026-03', 5, { ordinaryHours: 100 })]);
    const units = [
      { id: 'vo1', parentId: null, kind: 'vo' as const, name: 'VO', closedAt: null },
      { id: 'u1', parentId: 'vo1', kind: 'enhet' as const, name: 'U1', closedAt: null },
      { id: 'u2', parentId: 'vo1', kind: 'enhet' as const, name: 'U2', closedAt: null },
    ];
    const input = await staffingInput(db, units, 'vo1', '2026-03-10', { from: '2026-03-01', to: '2026-03-31' }, { from: '2026-03', to: '2026-03' });
    expect(input.shifts).toHaveLength(2);
    const vo = (await staffingRollup(input, '2026-03')).get('vo1');
    expect(vo).toMatchObject({ board: { sick: 4, planned: 20, filledDays: 2, expectedDays: 20 }, boardReporting: 2, hr: { units: 1, sickHours: 5 } });
  });
});

describe('sync', () => {
  it('two tablets on the unit see the same morning entry after sync (rules 9, 11)', async () => {
    const server = new FakeServer();
    const a = await enrolledDb(server, 'u1');
    const b = await enrolledDb(server, 'u1');
    track(a, b);
    await saveShifts(a, [shift('u1', '2026-03-10', 'dag', 10, 1), shift('u1', '2026-03-10', 'natt', 4)]);
    await saveShifts(b, [shift('u1', '2026-03-10', 'dag', 11, 2)], [], Date.now() + 1000);
    await engineFor(a, server).syncNow();
    await engineFor(b, server).syncNow();
    await engineFor(a, server).syncNow();
    const onA = await listShifts(a, 'u1', '2026-03-10', '2026-03-10');
    expect(onA).toEqual(await listShifts(b, 'u1', '2026-03-10', '2026-03-10'));
    // The later whole write wins every count of the shift: never 11 planned with a's 1 sick.
    expect(onA.map((s) => [s.shift, s.planned, s.sick])).toEqual([['dag', 11, 2], ['natt', 4, 0]]);
  });
});
