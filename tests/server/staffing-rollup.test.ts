/**
 * /api/rollup/staffing: the server's figures equal the shared staffingReport fed the same raw
 * rows (random data pushed through sync, tombstones, revived cells and a closed unit included), on
 * SQLite and PostgreSQL;
 * scope and lookups; and the schema's rules applied to pushed staffing cells.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgResponse } from '../../src/shared/api';
import { staffingReport } from '../../src/shared/domain/staffing-report';
import type { StaffingInput } from '../../src/shared/domain/staffing-rollup';
import type { Change } from '../../src/shared/protocol';
import { bedsIdFor, type BedsDay } from '../../src/shared/schema/beds-day';
import { hrMonthIdFor, type HrMonth } from '../../src/shared/schema/hr-month';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { SCHEMA_VERSION, type EntityName } from '../../src/shared/schema/registry';
import { staffingSettingsIdFor, type StaffingSettings } from '../../src/shared/schema/staffing-settings';
import { shiftIdFor, type StaffingShift } from '../../src/shared/schema/staffing-shift';
import { StaffingRollupResponse } from '../../src/shared/staffing-api';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { call, type Client, enrolTablet, expectError, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

const STORES: [string, () => Promise<Store>][] = [['sqlite', async () => createSqliteStore(':memory:')]];
STORES.push(['postgres', freshPgStore]);

type Cell = StaffingShift | HrMonth | BedsDay | StaffingSettings;
/** The rows as the server should hold them: the latest write per id, deleted ones gone. */
const model = { staffingShift: new Map<string, StaffingShift>(), hrMonth: new Map<string, HrMonth>(), bedsDay: new Map<string, BedsDay>(), staffingSettings: new Map<string, StaffingSettings>() };

/** The app under test (one per describe block) and the admin's outbox counters. */
let h: Harness;
let admin: Client;
let seq = 1;
let counter = 0;
async function openHarness(store?: Store) {
  h = await harness({}, store);
  admin = await loginAs(h, 'admin');
  seq = 1;
  counter = 0;
  for (const m of Object.values(model)) m.clear();
}

function change(entity: EntityName, cell: Cell, op: 'insert' | 'patch' | 'delete' = 'insert'): Change {
  const hlc = formatHlc({ millis: NOW, counter: counter++, node: nodeFromDeviceId(admin.deviceId) });
  // A patch names only the fields it sets: id and unitId are immutable (rule 13).
  const { id: _id, unitId: _unit, ...rest } = cell;
  const fields = op === 'delete' ? {} : op === 'patch' ? rest : { ...cell };
  return { seq: seq++, entity, id: cell.id, unitId: cell.unitId, op, fields, hlc, schemaVersion: SCHEMA_VERSION } as Change;
}

async function pushAll(changes: Change[]) {
  for (let i = 0; i < changes.length; i += 400) {
    const res = await push(h, admin, changes.slice(i, i + 400));
    expect(res.ok && res.rejected).toEqual([]);
  }
}

const ENHETER = ['avd-21', 'avd-22', 'avd-23', 'mott-med', 'avd-31', 'avd-32', 'akm'];
const LEVELS = ['vo-med', 'vo-kir', 'div-lsv'];
const DATES = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2025, 11, 1 + i)).toISOString().slice(0, 10)); // 1 Dec – 10 Mar
const MONTHS = ['2026-01', '2026-02', '2026-03'];

/** A random batch of cells: shifts (some deleted later), HR months, beds and settings. */
const batch = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('shift' as const),
      unit: fc.constantFrom(...ENHETER, 'vo-med'),
      date: fc.constantFrom(...DATES),
      shift: fc.constantFrom('dag', 'kvall', 'natt'),
      n: fc.array(fc.nat(40), { minLength: 5, maxLength: 5 }),
      del: fc.boolean(),
      /** After the delete, a later entry brings the cell back (a patch with `_deleted: false`). */
      revive: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('hr' as const),
      unit: fc.constantFrom(...ENHETER, ...LEVELS),
      month: fc.constantFrom(...MONTHS),
      kvot: fc.integer({ min: 0, max: 250 }),
      hours: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
      korttid: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    }),
    fc.record({ kind: fc.constant('beds' as const), unit: fc.constantFrom(...ENHETER), date: fc.constantFrom(...DATES), n: fc.array(fc.nat(30), { minLength: 5, maxLength: 5 }) }),
    fc.record({
      kind: fc.constant('settings' as const),
      unit: fc.constantFrom(...ENHETER, ...LEVELS),
      beds: fc.boolean(),
      weekdays: fc.boolean(),
      target: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    }),
  ),
  { minLength: 1, maxLength: 60 },
);

type Op = typeof batch extends fc.Arbitrary<(infer T)[]> ? T : never;

function toChanges(ops: readonly Op[]): Change[] {
  const out: Change[] = [];
  for (const op of ops) {
    if (op.kind === 'shift') {
      const [p = 0, a = 0, b = 0, c = 0, d = 0] = op.n;
      const sick = a % (p + 1);
      const vab = b % (p - sick + 1);
      const otherAbsence = c % (p - sick - vab + 1);
      const covered = d % (sick + vab + otherAbsence + 1);
      const s = { id: shiftIdFor(op.unit, op.date, op.shift), unitId: op.unit, date: op.date, shift: op.shift, planned: p, sick, vab, otherAbsence, covered } as StaffingShift;
      out.push(change('staffingShift', s));
      model.staffingShift.set(s.id, s);
      if (op.del) {
        out.push(change('staffingShift', s, 'delete'));
        model.staffingShift.delete(s.id);
      }
      if (op.del && op.revive) {
        const { id: _i, unitId: _u, date: _d, shift: _s, ...counts } = s;
        out.push({ ...change('staffingShift', s, 'patch'), fields: { ...counts, _deleted: false } });
        model.staffingShift.set(s.id, s);
      }
    } else if (op.kind === 'hr') {
      const kvotTotal = op.kvot / 10;
      const korttid = op.korttid === null ? null : Math.min(op.korttid, kvotTotal);
      const m = { id: hrMonthIdFor(op.unit, op.month), unitId: op.unit, month: op.month, kvotTotal, kvotK: null, kvotM: kvotTotal, korttid, ordinaryHours: op.hours === null ? null : op.hours / 2, source: 'import' } as HrMonth;
      out.push(change('hrMonth', m));
      model.hrMonth.set(m.id, m);
    } else if (op.kind === 'beds') {
      const [disponibla = 0, belagda = 0, overbelaggningar = 0, utlokaliserade = 0, utskrivningsklara = 0] = op.n;
      const b = { id: bedsIdFor(op.unit, op.date), unitId: op.unit, date: op.date, disponibla, belagda, overbelaggningar, utlokaliserade, utskrivningsklara } as BedsDay;
      out.push(change('bedsDay', b));
      model.bedsDay.set(b.id, b);
    } else {
      const s = { id: staffingSettingsIdFor(op.unit), unitId: op.unit, bedsEnabled: op.beds, weekdaysOnly: op.weekdays, targetPct: op.target === null ? null : op.target / 10 } as StaffingSettings;
      out.push(change('staffingSettings', s, 'patch'));
      model.staffingSettings.set(s.id, s);
    }
  }
  return out;
}

async function serverRollup(rootId: string, month: string, c: Client = admin) {
  return call(h, 'GET', `/api/rollup/staffing?rootId=${rootId}&month=${month}`, { token: c });
}

function expected(units: OrgUnit[], rootId: string, month: string) {
  const input: StaffingInput = {
    units: units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })),
    rootId,
    today: TODAY,
    shifts: [...model.staffingShift.values()],
    hrMonths: [...model.hrMonth.values()],
    beds: [...model.bedsDay.values()],
    settings: [...model.staffingSettings.values()],
  };
  return staffingReport(input, month);
}

describe.each(STORES)('server roll-up = the shared function on the same raw rows (%s)', (dialect, factory) => {
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    await openHarness(await factory());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('random shifts, HR months, beds and settings, with deletes and a closed unit', async () => {
    // History on a unit that is then closed: it still counts, but is no longer expected.
    await pushAll(toChanges([{ kind: 'shift', unit: 'avd-32', date: '2026-03-02', shift: 'dag', n: [10, 3, 0, 0, 1], del: false, revive: false }]));
    expect((await call(h, 'PATCH', '/api/admin/units/avd-32', { token: admin, body: { closed: true } })).statusCode).toBe(200);
    const units = OrgResponse.parse((await call(h, 'GET', '/api/org', { token: admin })).json()).units;
    const open = (ops: readonly Op[]) => ops.filter((op) => op.unit !== 'avd-32');

    // A fixed, sizeable start, so the property never runs on a nearly empty database.
    await pushAll(toChanges(open(fc.sample(batch, { seed: 5, numRuns: 30 }).flat())));
    const size = () => Object.values(model).reduce((n, m) => n + m.size, 0);
    expect(size()).toBeGreaterThan(50);

    await fc.assert(
      fc.asyncProperty(batch, async (ops) => {
        await pushAll(toChanges(open(ops)));
        for (const rootId of ['region', 'div-lsv', 'vo-kir', 'avd-21']) {
          for (const month of ['2026-02', '2026-03']) {
            const res = await serverRollup(rootId, month);
            expect(res.statusCode, res.body).toBe(200);
            const body = StaffingRollupResponse.parse(res.json());
            const want = await expected(units, rootId, month);
            expect({ ...body, nodes: [...body.nodes].sort((a, b) => a.unitId.localeCompare(b.unitId)) }).toEqual({
              ...want,
              nodes: want.nodes.sort((a, b) => a.unitId.localeCompare(b.unitId)),
            });
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('scope and lookups', () => {
  beforeAll(async () => {
    await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a VO manager reads their VO, not the division; a tablet only its unit', async () => {
    const vo = await loginAs(h, 'vochef');
    expect((await serverRollup('vo-med', '2026-03', vo)).statusCode).toBe(200);
    expect((await serverRollup('avd-22', '2026-03', vo)).statusCode).toBe(200);
    expect(expectError(await serverRollup('div-lsv', '2026-03', vo), 403, 'scope-denied').path).toEqual(['rootId']);
    const tablet = await enrolTablet(h, admin, 'avd-21');
    expect((await serverRollup('avd-21', '2026-03', tablet)).statusCode).toBe(200);
    expectError(await serverRollup('avd-22', '2026-03', tablet), 403, 'scope-denied');
  });

  it('an unknown root is 404 with its path', async () => {
    expect(expectError(await serverRollup('no-such-unit', '2026-03'), 404, 'not-found').path).toEqual(['rootId']);
  });

  it('a month nobody reported has gaps, not zeros', async () => {
    const body = StaffingRollupResponse.parse((await serverRollup('avd-41', '2025-06')).json());
    const node = body.nodes.find((n) => n.unitId === 'avd-41');
    expect(node).toMatchObject({ board: { planned: 0, filledDays: 0, expectedDays: 30 }, boardReporting: 0, boardExpected: 1, ownHr: null });
    expect(body.trend.days.every((d) => d.counts === null)).toBe(true);
  });
});

describe('pushed staffing cells obey the schema (rule 5: rejected, the queue moves on)', () => {
  beforeAll(async () => {
    await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('absences above planned, a foreign id and a patched date are rejected with their paths', async () => {
    const t = await enrolTablet(h, admin, 'avd-21');
    let tseq = 1;
    const node = nodeFromDeviceId(t.deviceId);
    const mk = (over: Partial<Change> & { fields: Record<string, unknown> }): Change =>
      ({ seq: tseq++, entity: 'staffingShift', id: shiftIdFor('avd-21', TODAY, 'dag'), unitId: 'avd-21', op: 'insert', hlc: formatHlc({ millis: NOW, counter: tseq, node }), schemaVersion: SCHEMA_VERSION, ...over }) as Change;
    const good = { id: shiftIdFor('avd-21', TODAY, 'dag'), unitId: 'avd-21', date: TODAY, shift: 'dag', planned: 9, sick: 1, vab: 0, otherAbsence: 0, covered: 1 };
    const res = await push(h, t, [
      mk({ fields: { ...good, sick: 7, vab: 3 } }),
      mk({ fields: { ...good, id: shiftIdFor('avd-22', TODAY, 'dag'), unitId: 'avd-22' }, id: shiftIdFor('avd-22', TODAY, 'dag'), unitId: 'avd-22' as Change['unitId'] }),
      mk({ id: shiftIdFor('avd-22', TODAY, 'dag'), fields: { ...good, id: shiftIdFor('avd-22', TODAY, 'dag') } }),
      mk({ fields: good }),
      mk({ op: 'patch', fields: { date: '2026-03-09' } }),
    ]);
    expect(res).toMatchObject({
      ok: true,
      lastSeq: 5,
      rejected: [
        { seq: 1, code: 'validation', path: ['fields', 'vab'] },
        { seq: 2, code: 'scope-denied' },
        { seq: 3, code: 'scope-denied', path: ['unitId'] },
        { seq: 5, code: 'immutable-field', path: ['fields', 'date'] },
      ],
    });
  });
  it('HR figures and settings are for managers; a patch must leave a whole valid cell', async () => {
    const t = await enrolTablet(h, admin, 'avd-21');
    const node = nodeFromDeviceId(t.deviceId);
    let tseq = 1;
    const mk = (c: Omit<Change, 'seq' | 'hlc' | 'schemaVersion' | 'unitId'>): Change =>
      ({ ...c, unitId: 'avd-21', seq: tseq++, hlc: formatHlc({ millis: NOW, counter: tseq, node }), schemaVersion: SCHEMA_VERSION }) as Change;
    const cell = { id: shiftIdFor('avd-21', '2026-03-09', 'natt'), unitId: 'avd-21', date: '2026-03-09', shift: 'natt', planned: 4, sick: 1, vab: 0, otherAbsence: 0, covered: 0 };
    const hr = { id: hrMonthIdFor('avd-21', '2026-02'), unitId: 'avd-21', month: '2026-02', kvotTotal: 5, kvotK: null, kvotM: null, korttid: null, ordinaryHours: null, source: 'manual' };
    const res = await push(h, t, [
      mk({ entity: 'hrMonth', id: hr.id, op: 'insert', fields: hr }),
      mk({ entity: 'staffingSettings', id: staffingSettingsIdFor('avd-21'), op: 'patch', fields: { targetPct: 1 } }),
      mk({ entity: 'staffingShift', id: cell.id, op: 'patch', fields: { planned: 4, sick: 1, vab: 0, otherAbsence: 0, covered: 0 } }),
      mk({ entity: 'staffingShift', id: cell.id, op: 'insert', fields: cell }),
      mk({ entity: 'staffingShift', id: cell.id, op: 'patch', fields: { sick: 5 } }),
      mk({ entity: 'staffingShift', id: cell.id, op: 'delete', fields: {} }),
      mk({ entity: 'staffingShift', id: cell.id, op: 'patch', fields: { planned: 5, sick: 2, vab: 0, otherAbsence: 0, covered: 1, _deleted: false } }),
    ]);
    // toMatchObject: a protocol 2 rejection also carries `current` (rule 5, rejection-restore.test.ts).
    expect(res.ok && res.rejected).toMatchObject([
      { seq: 1, code: 'forbidden', path: ['entity'] },
      { seq: 2, code: 'forbidden', path: ['entity'] },
      { seq: 3, code: 'validation', path: ['op'] },
      { seq: 5, code: 'validation', path: ['fields', 'sick'] },
    ]);
    const stored = await h.store.getRow('staffingShift', cell.id);
    expect(stored?.deleted).toBe(false);
    expect(stored?.data).toMatchObject({ planned: 5, sick: 2, covered: 1 });
    // The unit's manager may give the HR figure.
    const manager = await loginAs(h, 'avdchef21');
    const ok = await push(h, manager, [{ ...mk({ entity: 'hrMonth', id: hr.id, op: 'insert', fields: hr }), seq: 1, hlc: formatHlc({ millis: NOW, counter: 1, node: nodeFromDeviceId(manager.deviceId) }) }]);
    expect(ok.ok && ok.rejected).toEqual([]);
  });
});
