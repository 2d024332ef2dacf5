/**
 * Gröna korset on the server: the push rules (back-dating window, corrections, who changes the
 * settings) and GET /api/rollup/safety, which must equal the shared safetyRollupNodes fed the same
 * random rows.
 */
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafetyRollupResponse } from '../../src/shared/api-safety';
import { addDays } from '../../src/shared/domain/periods';
import { safetyRollupNodes } from '../../src/shared/domain/safety-rollup';
import type { Change } from '../../src/shared/protocol';
import type { UnitId } from '../../src/shared/schema/ids';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { SafetyDay, safetyDayIdFor } from '../../src/shared/schema/safety-day';
import { SafetyEvent } from '../../src/shared/schema/safety-event';
import { safetySettingsIdFor } from '../../src/shared/schema/safety-settings';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { seedDemo } from '../../src/server/seed/seed';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { call, type Client, enrolTablet, expectError, type Harness, harness, loginAs, MONTH, NOW, push, renew, TODAY } from './helpers';
import { seededRandom as mulberry32 } from '../../src/shared/domain/random';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** One device's outbox of safety changes: next seq, an HLC at `at` (default NOW). */
function outbox(c: Client) {
  let seq = 1;
  let counter = 0;
  const node = nodeFromDeviceId(c.deviceId);
  const base = (at = NOW) => ({ seq: seq++, hlc: formatHlc({ millis: at, counter: counter++, node }), schemaVersion: SCHEMA_VERSION });
  return {
    event(e: SafetyEvent, at?: number): Change {
      return { ...base(at), entity: 'safetyEvent', id: e.id, unitId: e.unitId, op: 'insert', fields: { ...e } } as Change;
    },
    day(unitId: string, date: string, confirmedGreen = true, at?: number, op: Change['op'] = 'patch'): Change {
      return { ...base(at), entity: 'safetyDay', id: safetyDayIdFor(unitId, date), unitId: unitId as UnitId, op, fields: { confirmedGreen } } as Change;
    },
    settings(unitId: string, fields: Record<string, unknown>, at?: number): Change {
      return { ...base(at), entity: 'safetySettings', id: safetySettingsIdFor(unitId), unitId: unitId as UnitId, op: 'patch', fields } as Change;
    },
  };
}

const ev = (unitId: string, date: string, extra: Partial<Record<keyof SafetyEvent, unknown>> = {}) =>
  SafetyEvent.parse({ id: uuidv7(), unitId, date, category: 'fall', severity: 'orange', reportedInDeviationSystem: true, createdAt: `${date}T09:00:00.000Z`, ...extra });

describe('back-dating window (default 7 days)', () => {
  it('a tablet may write today and 7 days back, not 8; the rejection names the date', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const o = outbox(tablet);
    const res = await push(h, tablet, [
      o.day('avd-21', TODAY),
      o.day('avd-21', addDays(TODAY, -7)),
      o.day('avd-21', addDays(TODAY, -8)),
      o.event(ev('avd-21', addDays(TODAY, -8))),
      o.event(ev('avd-21', addDays(TODAY, -3))),
    ]);
    expect(res).toMatchObject({ ok: true, lastSeq: 5 });
    if (!res.ok) return;
    // toMatchObject: a protocol 2 rejection also carries `current` (rule 5, rejection-restore.test.ts).
    expect(res.rejected).toMatchObject([
      { seq: 3, code: 'backdate-window', path: ['fields', 'date'] },
      { seq: 4, code: 'backdate-window', path: ['fields', 'date'] },
    ]);
  });

  it('staff accounts are held to it too; managers and admins may go further back; nobody writes a future day', async () => {
    const staff = await loginAs(h, 'personal21');
    const manager = await loginAs(h, 'avdchef21');
    const s = await push(h, staff, [outbox(staff).day('avd-21', addDays(TODAY, -30))]);
    expect(s.ok && s.rejected.map((r) => r.code)).toEqual(['backdate-window']);
    const mo = outbox(manager);
    const m = await push(h, manager, [mo.day('avd-21', addDays(TODAY, -30)), mo.event(ev('avd-21', '2025-12-31')), mo.day('avd-21', addDays(TODAY, 1))]);
    expect(m.ok && m.rejected).toMatchObject([{ seq: 3, code: 'validation', path: ['fields', 'date'] }]);
  });

  it('is measured from when the tablet wrote the change offline (its HLC), not when it reached the server', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    h.clock.now = NOW + 5 * 86_400_000; // back online five days later
    tablet.token = (await renew(h, tablet)).accessToken;
    const o = outbox(tablet);
    // Written offline on TODAY about 6 days back: accepted. Written now about 8+ days back: refused.
    const res = await push(h, tablet, [o.day('avd-21', addDays(TODAY, -6), true, NOW), o.day('avd-21', addDays(TODAY, -6), true, h.clock.now)]);
    expect(res.ok && res.rejected.map((r) => [r.seq, r.code])).toEqual([[2, 'backdate-window']]);
  });

  it('sync rule 19: setting the HLC back with the date does not get past the window (issue 18)', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const staff = await loginAs(h, 'personal21');
    const day = 86_400_000;
    for (const c of [tablet, staff]) {
      const o = outbox(c);
      const res = await push(h, c, [
        o.day('avd-21', addDays(TODAY, -30), true, NOW - 30 * day), // forged: both 30 days back
        o.event(ev('avd-21', addDays(TODAY, -30)), NOW - 30 * day),
        o.day('avd-21', addDays(TODAY, -21), true, NOW - 14 * day - 1), // 14 days + 7: the most the HLC buys
        o.day('avd-21', addDays(TODAY, -22), true, NOW - 20 * day),
        o.day('avd-21', addDays(TODAY, -12), true, NOW - 10 * day), // offline 10 days, 2 back: honest
      ]);
      expect(res.ok && res.rejected.map((r) => [r.seq, r.code])).toEqual([
        [1, 'backdate-window'],
        [2, 'backdate-window'],
        [4, 'backdate-window'],
      ]);
    }
  });

  it('follows the unit’s setting, which only a manager may change', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const manager = await loginAs(h, 'avdchef21');
    const t = outbox(tablet);
    const refused = await push(h, tablet, [t.settings('avd-21', { backdateDays: 30 })]);
    expect(refused.ok && refused.rejected).toMatchObject([{ seq: 1, code: 'forbidden', path: ['entity'] }]);
    expect((await push(h, manager, [outbox(manager).settings('avd-21', { backdateDays: 14 })])).ok).toBe(true);
    const res = await push(h, tablet, [t.day('avd-21', addDays(TODAY, -14)), t.day('avd-21', addDays(TODAY, -15))]);
    expect(res.ok && res.rejected.map((r) => [r.seq, r.code])).toEqual([[3, 'backdate-window']]);
  });
});

describe('push rules for safety rows', () => {
  it('a correction keeps its original’s unit and date; an unknown original is refused', async () => {
    const admin = await loginAs(h, 'admin');
    const o = outbox(admin);
    const original = ev('avd-21', TODAY);
    const other = ev('avd-22', TODAY);
    const res = await push(h, admin, [
      o.event(original),
      o.event(other),
      o.event(ev('avd-21', addDays(TODAY, -1), { replaces: original.id })),
      o.event(ev('avd-21', TODAY, { replaces: other.id })),
      o.event(ev('avd-21', TODAY, { replaces: uuidv7() })),
      o.event(ev('avd-21', TODAY, { replaces: original.id, voided: true })),
    ]);
    expect(res.ok && res.rejected).toMatchObject([
      { seq: 3, code: 'validation', path: ['fields', 'date'] },
      { seq: 4, code: 'scope-denied', path: ['fields', 'replaces'] },
      { seq: 5, code: 'not-found', path: ['fields', 'replaces'] },
    ]);
  });

  it('a day is only patched; its id names unit and date; text with a personnummer is refused', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const o = outbox(tablet);
    const wholeDay = { ...o.day('avd-21', TODAY), op: 'insert', fields: { id: safetyDayIdFor('avd-21', TODAY), unitId: 'avd-21', confirmedGreen: true } } as Change;
    const res = await push(h, tablet, [
      wholeDay,
      { ...o.day('avd-21', TODAY, true, NOW, 'delete'), fields: {} },
      { ...o.day('avd-21', TODAY), id: safetyDayIdFor('avd-22', TODAY) } as Change,
      { ...o.day('avd-21', TODAY), id: 'safetyDay:avd-21:2026-02-30' } as Change,
      o.event({ ...ev('avd-21', TODAY), description: 'Pat 19121212-1212 föll' } as SafetyEvent),
      o.event({ ...ev('avd-21', TODAY), severity: 'svart' } as unknown as SafetyEvent),
    ]);
    expect(res.ok && res.rejected.map((r) => [r.seq, r.code, r.path])).toEqual([
      [1, 'validation', ['op']],
      [2, 'validation', ['op']],
      [3, 'scope-denied', ['unitId']],
      [4, 'scope-denied', ['unitId']],
      [5, 'personnummer', ['fields', 'description']],
      [6, 'validation', ['fields', 'severity']],
    ]);
  });
});

describe('GET /api/rollup/safety', () => {
  it.each([11, 12, 13])('equals the shared function on the same random rows (seed %i)', async (seed) => {
    const rand = mulberry32(seed);
    const admin = await loginAs(h, 'admin');
    const o = outbox(admin);
    const units = await h.store.listUnits();
    const enheter = units.filter((u) => u.kind === 'enhet').map((u) => u.id);
    const events: SafetyEvent[] = [];
    const confirmed = new Map<string, boolean>();
    const changes: Change[] = [];
    for (let i = 0; i < 120; i++) {
      const unitId = enheter[Math.floor(rand() * enheter.length)] as string;
      // Dates in the month up to today, plus some in the month before, which must not count.
      const date = addDays(TODAY, -Math.floor(rand() * 20));
      if (rand() < 0.45) {
        const previous = events.filter((e) => e.unitId === unitId && e.date === date);
        const target = rand() < 0.2 ? previous[0] : undefined;
        const e = ev(unitId, date, {
          category: ['fall', 'vri', 'trycksar', 'Egen kategori'][Math.floor(rand() * 4)],
          severity: ['gul', 'orange', 'rod'][Math.floor(rand() * 3)],
          createdAt: new Date(NOW + i).toISOString(),
          ...(target ? { replaces: target.id, voided: rand() < 0.5 } : {}),
        });
        events.push(e);
        changes.push(o.event(e));
      } else {
        const value = rand() < 0.85;
        confirmed.set(safetyDayIdFor(unitId, date), value);
        changes.push(o.day(unitId, date, value));
      }
    }
    const res = await push(h, admin, changes);
    expect(res.ok && res.rejected).toEqual([]);
    const days = [...confirmed].map(([id, confirmedGreen]) => SafetyDay.parse({ id, unitId: id.split(':')[1], confirmedGreen }));
    const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as 'enhet', name: u.name, closedAt: u.closedAt }));
    for (const rootId of ['region', 'div-lsv', 'vo-med', 'avd-21']) {
      const http = await call(h, 'GET', `/api/rollup/safety?rootId=${rootId}&month=${MONTH}`, { token: admin });
      expect(http.statusCode, http.body).toBe(200);
      const body = SafetyRollupResponse.parse(http.json());
      expect(body).toEqual(SafetyRollupResponse.parse({ month: MONTH, rootId, today: TODAY, nodes: safetyRollupNodes(tree, rootId, MONTH, TODAY, events, days) }));
    }
  });

  it('answers within the caller’s scope only', async () => {
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    expect((await call(h, 'GET', `/api/rollup/safety?rootId=avd-21&month=${MONTH}`, { token: tablet })).statusCode).toBe(200);
    expectError(await call(h, 'GET', `/api/rollup/safety?rootId=div-lsv&month=${MONTH}`, { token: tablet }), 403, 'scope-denied');
    expectError(await call(h, 'GET', `/api/rollup/safety?rootId=nowhere&month=${MONTH}`, { token: tablet }), 404, 'not-found');
  });

  it('a unit that filled nothing shows every past day as ej ifylld, today open and the rest blank', async () => {
    const vochef = await loginAs(h, 'vochef');
    const body = SafetyRollupResponse.parse((await call(h, 'GET', `/api/rollup/safety?rootId=vo-med&month=${MONTH}`, { token: vochef })).json());
    const unit = body.nodes.find((n) => n.unitId === 'avd-21');
    expect(unit?.leaf).toBe(true);
    const day = Number(TODAY.slice(8));
    expect(unit?.counts.days.slice(0, day).map((d) => (d.ej_ifylld ? 'ej_ifylld' : d.idag ? 'idag' : '?'))).toEqual([
      ...Array.from({ length: day - 1 }, () => 'ej_ifylld'),
      'idag',
    ]);
    expect(unit?.counts.days.slice(day).every((d) => Object.values(d).every((n) => n === 0))).toBe(true);
    expect(body.nodes.find((n) => n.unitId === 'vo-med')).toMatchObject({ leaf: false, reporting: 0, expected: 4 });
  });
});

describe('demo seed', () => {
  it('eight weeks of valid safety rows through the sync path, with yesterday and today open on Avdelning 21', async () => {
    const store = createSqliteStore(':memory:');
    await store.migrate();
    await seedDemo(store, NOW);
    const events = await store.listRows('safetyEvent', '/', addDays(TODAY, -60), TODAY);
    const days = await store.listRows('safetyDay', '/', addDays(TODAY, -60), TODAY);
    expect(events.length).toBeGreaterThan(20);
    expect(days.length).toBeGreaterThan(400);
    for (const r of events) expect(SafetyEvent.safeParse(r.data).success).toBe(true);
    for (const r of days) expect(SafetyDay.safeParse(r.data).success).toBe(true);
    expect(new Set(days.map((r) => r.unitId)).size).toBe(11);
    const open = [addDays(TODAY, -1), TODAY].map((d) => safetyDayIdFor('avd-21', d));
    expect(days.filter((r) => open.includes(r.id))).toEqual([]);
    expect(events.filter((r) => r.unitId === 'avd-21' && (r.data as { date: string }).date >= addDays(TODAY, -1))).toEqual([]);
    // Every seeded change was accepted: the seed device has no rejections.
    const logged = (await store.pullChanges('/', 0, 100_000)).filter((c) => c.entity.startsWith('safety'));
    const device = (await store.auditOf(logged[0]!.serverSeq))!.deviceId;
    expect(await store.listRejections(device, 1, 100_000)).toEqual([]);
    expect((await store.getDevice(device))?.lastSeq).toBe(logged.length);
    await store.close();
  });
});
