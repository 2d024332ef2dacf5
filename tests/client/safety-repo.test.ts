/** Gröna korset's storage on the device: writes go through the outbox, the back-dating rule is asked first. */
import './helpers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { UnitId } from '../../src/shared/schema/ids';
import {
  addSafetyEvent,
  getSafetySettings,
  listSafetyDays,
  listSafetyEvents,
  listSafetyRows,
  saveSafetySettings,
  setDayConfirmed,
  voidSafetyEvent,
} from '../../src/client/storage/safety-repo';
import { TEST_PERSONNUMMER, useSessionDbs } from './helpers';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002');

/** 2026-11-22 10:00 in Stockholm. */
const NOW = Date.UTC(2026, 10, 22, 9);

const fall = (date: string, extra = {}) => ({
  unitId: 'avd-21' as UnitId,
  date,
  category: 'fall',
  severity: 'orange' as const,
  reportedInDeviationSystem: true,
  ...extra,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).code;
}

describe('safety repository', () => {
  it('adds an event with its outbox row; voiding writes a correction; both are listed raw', async () => {
    const db = await sessionDb();
    const e = await addSafetyEvent(db, fall('2026-11-21', { description: 'Föll vid toalettbesök' }), 'staff', NOW);
    expect(e).toMatchObject({ category: 'fall', date: '2026-11-21', createdAt: new Date(NOW).toISOString() });
    const v = await voidSafetyEvent(db, e, 'staff', NOW + 1);
    expect(v).toMatchObject({ replaces: e.id, voided: true, date: e.date, unitId: e.unitId, category: 'fall' });
    expect((await listSafetyEvents(db, 'avd-21')).map((x) => x.id).sort()).toEqual([e.id, v.id].sort());
    expect((await db.outbox.toArray()).map((o) => [o.seq, o.change.entity, o.change.op])).toEqual([
      [1, 'safetyEvent', 'insert'],
      [2, 'safetyEvent', 'insert'],
    ]);
  });

  it('confirms a day as a patch of its one field, and takes it back', async () => {
    const db = await sessionDb();
    await setDayConfirmed(db, 'avd-21', '2026-11-21', true, 'staff', NOW);
    await setDayConfirmed(db, 'avd-21', '2026-11-21', false, 'staff', NOW + 1);
    expect(await listSafetyDays(db, 'avd-21')).toEqual([{ id: 'safetyDay:avd-21:2026-11-21', unitId: 'avd-21', confirmedGreen: false }]);
    expect((await db.outbox.toArray()).map((o) => [o.change.op, o.change.fields])).toEqual([
      ['patch', { confirmedGreen: true }],
      ['patch', { confirmedGreen: false }],
    ]);
  });

  it('refuses, and writes nothing: a day beyond the window for staff, a future day, a personnummer', async () => {
    const db = await sessionDb();
    expect(await codeOf(setDayConfirmed(db, 'avd-21', '2026-11-14', true, 'staff', NOW))).toBe('backdate-window');
    expect(await codeOf(addSafetyEvent(db, fall('2026-11-14'), 'staff', NOW))).toBe('backdate-window');
    expect(await codeOf(addSafetyEvent(db, fall('2026-11-23'), 'manager', NOW))).toBe('validation');
    expect(await codeOf(addSafetyEvent(db, fall('2026-11-22', { description: `Pat ${TEST_PERSONNUMMER}` }), 'staff', NOW))).toBe('personnummer');
    expect(await db.outbox.count()).toBe(0);
    // A manager may go back further.
    await setDayConfirmed(db, 'avd-21', '2026-10-01', true, 'manager', NOW);
    expect(await db.outbox.count()).toBe(1);
  });

  it('settings: defaults until set, patched per field, and the window follows them', async () => {
    const db = await sessionDb();
    expect(await getSafetySettings(db, 'avd-21')).toMatchObject({ levels: 4, backdateDays: 7, crossCategories: [], categories: expect.arrayContaining(['fall', 'ovrigt']) });
    await saveSafetySettings(db, 'avd-21', { backdateDays: 14, crossCategories: ['fall'] }, NOW);
    await saveSafetySettings(db, 'avd-21', {}, NOW);
    expect(await db.outbox.count()).toBe(1);
    expect(await getSafetySettings(db, 'avd-21')).toMatchObject({ backdateDays: 14, crossCategories: ['fall'], levels: 4 });
    await setDayConfirmed(db, 'avd-21', '2026-11-08', true, 'staff', NOW);
    expect(await codeOf(saveSafetySettings(db, 'avd-21', { levels: 5 as 4 }, NOW))).toBe('validation');
  });

  it('lists rows of several units for the offline roll-up', async () => {
    const db = await sessionDb();
    await addSafetyEvent(db, fall('2026-11-20'), 'staff', NOW);
    await setDayConfirmed(db, 'avd-22', '2026-11-20', true, 'manager', NOW);
    const rows = await listSafetyRows(db, ['avd-21', 'avd-22', 'avd-23']);
    expect(rows.events.map((e) => e.unitId)).toEqual(['avd-21']);
    expect(rows.days.map((d) => d.unitId)).toEqual(['avd-22']);
  });
});
