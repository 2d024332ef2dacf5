/**
 * Two (and three) ward tablets on one unit write Gröna korset offline, then sync through the real
 * server (Fastify via inject, SQLite): every event is kept, every replica equals the server, and
 * the day colours, derived on each device, agree. A green confirmation that meets an event takes
 * the event's colour, and the change log (the audit trail) holds both.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PulsDb } from '../../src/client/storage/db';
import {
  addSafetyEvent,
  getSafetySettings,
  listSafetyDays,
  listSafetyEvents,
  setDayConfirmed,
  voidSafetyEvent,
} from '../../src/client/storage/safety-repo';
import { buildBoard } from '../../src/client/features/safety-cross/board-model';
import { addDays } from '../../src/shared/domain/periods';
import type { UnitId } from '../../src/shared/schema/ids';
import type { RowState } from '../../src/shared/sync/merge';
import { MONTH, NOW, TODAY } from './helpers';
import { type SyncedDevice as Tablet, useSyncedDevices } from './synced-devices';
import { seededRandom as mulberry32 } from '../../src/shared/domain/random';

const { env, tablet } = useSyncedDevices('safety');

const comparable = (r: RowState) => ({ entity: r.entity, id: r.id, unitId: r.unitId, data: r.data, hlcs: r.hlcs, deleted: r.deleted });
const sorted = <T extends { entity: string; id: string }>(xs: T[]) => [...xs].sort((a, b) => (`${a.entity}:${a.id}` < `${b.entity}:${b.id}` ? -1 : 1));

async function serverSafetyRows() {
  const rows = [
    ...(await env.h.store.listRows('safetyEvent', '/', '', '9999')),
    ...(await env.h.store.listRows('safetyDay', '/', '', '9999')),
    ...(await env.h.store.listRows('safetySettings', '/', '', '')),
  ];
  return sorted(rows.map(comparable));
}

async function replicaSafetyRows(db: PulsDb) {
  const rows = (await db.rows.toArray()).filter((r) => r.entity.startsWith('safety'));
  return sorted(rows.map(comparable));
}

/** The board each device would draw, from its own replica. */
async function statuses(db: PulsDb, unitId = 'avd-21') {
  const board = buildBoard({
    month: MONTH,
    today: TODAY,
    events: await listSafetyEvents(db, unitId),
    days: await listSafetyDays(db, unitId),
    settings: await getSafetySettings(db, unitId),
  });
  return board.crosses[0]?.statuses;
}

const fall = (date: string, severity: 'gul' | 'orange' | 'rod', category = 'fall') => ({
  unitId: 'avd-21' as UnitId,
  date,
  category,
  severity,
  reportedInDeviationSystem: severity !== 'gul',
});

describe('two tablets offline on one unit', () => {
  it('keeps every event, converges on the derived colours, and the audit trail shows green and event', async () => {
    const a = await tablet();
    const b = await tablet();
    a.offline = true;
    b.offline = true;
    const yesterday = addDays(TODAY, -1);
    const twoDaysAgo = addDays(TODAY, -2);
    // Yesterday: A confirms green while B, unaware, registers a fall with harm.
    await setDayConfirmed(a.db, 'avd-21', yesterday, true, 'staff', NOW + 1_000);
    const bFall = await addSafetyEvent(b.db, fall(yesterday, 'orange'), 'staff', NOW + 2_000);
    // Today: both register events; A also confirms green.
    await setDayConfirmed(a.db, 'avd-21', TODAY, true, 'staff', NOW + 3_000);
    const aVri = await addSafetyEvent(a.db, fall(TODAY, 'gul', 'vri'), 'staff', NOW + 4_000);
    const bRed = await addSafetyEvent(b.db, fall(TODAY, 'rod'), 'staff', NOW + 5_000);
    // Two days ago: both confirm, then B takes it back later; the later write wins on both.
    await setDayConfirmed(a.db, 'avd-21', twoDaysAgo, true, 'staff', NOW + 6_000);
    await setDayConfirmed(b.db, 'avd-21', twoDaysAgo, true, 'staff', NOW + 7_000);
    await setDayConfirmed(b.db, 'avd-21', twoDaysAgo, false, 'staff', NOW + 8_000);

    // Before syncing, each tablet sees only its own writes.
    expect((await statuses(a.db))?.slice(7, 10)).toEqual(['gron', 'gron', 'gul']);
    expect((await statuses(b.db))?.slice(7, 10)).toEqual(['ej_ifylld', 'orange', 'rod']);

    a.offline = false;
    b.offline = false;
    for (let round = 0; round < 2; round++) for (const t of [a, b]) await t.engine.syncNow();

    const server = await serverSafetyRows();
    for (const t of [a, b]) {
      expect(await t.db.outbox.count()).toBe(0);
      expect(await t.db.rejected.count()).toBe(0);
      expect(await replicaSafetyRows(t.db)).toEqual(server);
    }
    expect(server.filter((r) => r.entity === 'safetyEvent').map((r) => r.id).sort()).toEqual([bFall.id, aVri.id, bRed.id].sort());
    const expected = ['ej_ifylld', 'orange', 'rod'];
    expect((await statuses(a.db))?.slice(7, 10)).toEqual(expected);
    expect((await statuses(b.db))?.slice(7, 10)).toEqual(expected);
    // The confirmation that met the event is still stored, and the change log shows both writes.
    expect(server.find((r) => r.id === `safetyDay:avd-21:${yesterday}`)?.data).toMatchObject({ confirmedGreen: true });
    const log = await env.h.store.pullChanges('/', 0, 1000);
    const aboutYesterday = log
      .filter((c) => c.fields.date === yesterday || c.id === `safetyDay:avd-21:${yesterday}`)
      .map((c) => `${c.entity}:${String(c.fields.confirmedGreen ?? c.fields.severity)}`);
    expect(aboutYesterday.sort()).toEqual(['safetyDay:true', 'safetyEvent:orange']);
  });

  it('a void on one tablet and a new event on the other both survive', async () => {
    const a = await tablet();
    const b = await tablet();
    const date = addDays(TODAY, -3);
    const first = await addSafetyEvent(a.db, fall(date, 'rod'), 'staff', NOW + 1_000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    a.offline = true;
    b.offline = true;
    await voidSafetyEvent(a.db, first, 'staff', NOW + 2_000);
    await addSafetyEvent(b.db, fall(date, 'gul', 'lakemedel'), 'staff', NOW + 3_000);
    a.offline = false;
    b.offline = false;
    for (let round = 0; round < 2; round++) for (const t of [a, b]) await t.engine.syncNow();
    expect((await statuses(a.db))?.[6]).toBe('gul');
    expect(await statuses(b.db)).toEqual(await statuses(a.db));
    expect(await replicaSafetyRows(b.db)).toEqual(await replicaSafetyRows(a.db));
  });
});

describe('random offline walks on three tablets converge', () => {
  it.each([1, 2, 3, 4, 5])('seed %i', async (seed) => {
    const rand = mulberry32(seed);
    const tablets = [await tablet(), await tablet(), await tablet()];
    const written: string[] = [];
    let clock = NOW;
    for (let step = 0; step < 40; step++) {
      clock += 1 + Math.floor(rand() * 2_000);
      const t = tablets[Math.floor(rand() * tablets.length)] as Tablet;
      const date = addDays(TODAY, -Math.floor(rand() * 5));
      const roll = rand();
      if (roll < 0.35) {
        const sev = (['gul', 'orange', 'rod'] as const)[Math.floor(rand() * 3)] as 'gul';
        written.push((await addSafetyEvent(t.db, fall(date, sev, rand() < 0.5 ? 'fall' : 'vri'), 'staff', clock)).id);
      } else if (roll < 0.6) {
        await setDayConfirmed(t.db, 'avd-21', date, rand() < 0.8, 'staff', clock);
      } else if (roll < 0.7) {
        const events = await listSafetyEvents(t.db, 'avd-21');
        const target = events[Math.floor(rand() * events.length)];
        if (target && !target.voided) written.push((await voidSafetyEvent(t.db, target, 'staff', clock)).id);
      } else if (roll < 0.85) {
        t.offline = !t.offline;
      } else {
        await t.engine.syncNow();
      }
    }
    for (const t of tablets) t.offline = false;
    for (let round = 0; round < 3; round++) for (const t of tablets) await t.engine.syncNow();

    const server = await serverSafetyRows();
    const first = await statuses(tablets[0]!.db);
    for (const t of tablets) {
      expect(await t.db.outbox.count()).toBe(0);
      expect(await t.db.rejected.count()).toBe(0);
      expect(await replicaSafetyRows(t.db)).toEqual(server);
      expect(await statuses(t.db)).toEqual(first);
    }
    expect(server.filter((r) => r.entity === 'safetyEvent').map((r) => r.id).sort()).toEqual([...written].sort());
  });
});
