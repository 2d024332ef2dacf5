/**
 * /api/indicators/report and /series: the server's answer equals the shared indicatorReport /
 * indicatorSeries fed the same raw rows, for random BHK observations (with corrections and voids),
 * safety events and confirmed days, shifts (some deleted), HR months, quotas and indicator rows,
 * all pushed through the real sync path; on SQLite and PostgreSQL. The model hands the shared
 * function EVERY row, the server only the rows of its load range, so this also proves the range
 * (compare periods, the fall look-back) is wide enough.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgResponse } from '../../src/shared/api';
import { reportOfRows, type IndicatorInput, seriesOfRows } from '../../src/shared/domain/indicators';
import { addDays } from '../../src/shared/domain/periods';
import { seededRandom } from '../../src/shared/domain/random';
import { IndicatorReport, IndicatorSeries } from '../../src/shared/indicators-api';
import type { Change } from '../../src/shared/protocol';
import { BHK_STEPS, type BhkObservation } from '../../src/shared/schema/bhk-observation';
import { hrMonthIdFor, type HrMonth } from '../../src/shared/schema/hr-month';
import { type Indicator, indicatorIdFor } from '../../src/shared/schema/indicator';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { type SafetyDay, safetyDayIdFor } from '../../src/shared/schema/safety-day';
import type { SafetyEvent } from '../../src/shared/schema/safety-event';
import { shiftIdFor, type StaffingShift } from '../../src/shared/schema/staffing-shift';
import { settingsIdFor, type UnitSettings } from '../../src/shared/schema/unit-settings';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { call, type Client, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

/** Seed of the random data; set INDICATOR_SEED to rerun a failure exactly. */
const SEED = Number(process.env.INDICATOR_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`indicators.test.ts: INDICATOR_SEED=${SEED}`);

const ENHETER = ['avd-21', 'avd-22', 'avd-23', 'mott-med', 'avd-31', 'avd-32', 'akm'];
/** The division and the levels above it: hiding an indicator there would hide a column of the report. */
const ROOT_PATH = ['region', 'div-lsv'];
const LEVELS = ['region', 'div-lsv', 'vo-med', 'vo-kir'];
const KEYS = ['bhkTotal', 'bhkQuota', 'greenShare', 'sickShare', 'hrKvot', 'daysSinceFall', 'harmDays'];
const MONTHS = ['2025-02', '2025-03', '2025-12', '2026-01', '2026-02', '2026-03'];

let h: Harness;
let admin: Client;
let seq = 1;
let counter = 0;
const model = {
  bhk: [] as BhkObservation[],
  events: [] as SafetyEvent[],
  days: new Map<string, SafetyDay>(),
  shifts: new Map<string, StaffingShift>(),
  hr: new Map<string, HrMonth>(),
  settings: new Map<string, UnitSettings>(),
  indicators: new Map<string, Indicator>(),
};

function change(entity: EntityName, id: string, unitId: string, op: 'insert' | 'patch' | 'delete', fields: Record<string, unknown>): Change {
  const hlc = formatHlc({ millis: NOW, counter: counter++, node: nodeFromDeviceId(admin.deviceId) });
  return { seq: seq++, entity, id, unitId, op, fields, hlc, schemaVersion: SCHEMA_VERSION } as Change;
}

/** A random date between `back` days ago and today. */
const dateIn = (rand: () => number, back: number) => addDays(TODAY, -Math.floor(rand() * back));
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** One random batch of changes, recorded in the model as the server should hold them. */
function randomBatch(rand: () => number, size: number): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < size; i++) {
    const unitId = pick(rand, ENHETER);
    const r = rand();
    if (r < 0.3) {
      const date = dateIn(rand, 420);
      const steps = Object.fromEntries(BHK_STEPS.map((s) => [s, rand() < 0.9 ? 'ja' : (s === 'gloves' ? 'ej_aktuellt' : 'nej')]));
      const id = `bhk-${seq}-${i}`;
      const o = { id, unitId, date, profession: 'lakare', selfAssessment: rand() < 0.2, steps, createdAt: `${date}T08:00:00.000Z` } as BhkObservation;
      out.push(change('bhkObservation', id, unitId, 'insert', { ...o }));
      model.bhk.push(o);
      if (rand() < 0.2) {
        // A void or a correction made later, filed under the original's date.
        const c = { ...o, id: `${id}-c`, date: TODAY, createdAt: `${TODAY}T09:00:00.000Z`, replaces: id, originalDate: date, ...(rand() < 0.5 ? { voided: true } : { steps: { ...steps, nails: 'nej' } }) } as BhkObservation;
        out.push(change('bhkObservation', c.id, unitId, 'insert', { ...c }));
        model.bhk.push(c);
      }
    } else if (r < 0.45) {
      const date = rand() < 0.2 ? dateIn(rand, 1200) : dateIn(rand, 420);
      const e = { id: `ev-${seq}-${i}`, unitId, date, category: pick(rand, ['fall', 'fall', 'trycksar']), severity: pick(rand, ['gul', 'orange', 'rod']), reportedInDeviationSystem: false, createdAt: `${date}T08:00:00.000Z` } as SafetyEvent;
      out.push(change('safetyEvent', e.id, unitId, 'insert', { ...e }));
      model.events.push(e);
    } else if (r < 0.65) {
      const date = dateIn(rand, 420);
      const d = { id: safetyDayIdFor(unitId, date), unitId, confirmedGreen: rand() < 0.85 } as SafetyDay;
      out.push(change('safetyDay', d.id, unitId, 'patch', { confirmedGreen: d.confirmedGreen }));
      model.days.set(d.id, d);
    } else if (r < 0.82) {
      const date = dateIn(rand, 420);
      const planned = 1 + Math.floor(rand() * 12);
      const s = { id: shiftIdFor(unitId, date, 'dag'), unitId, date, shift: 'dag', planned, sick: Math.floor(rand() * (planned + 1)), vab: 0, otherAbsence: 0, covered: 0 } as StaffingShift;
      out.push(change('staffingShift', s.id, unitId, 'insert', { ...s }));
      model.shifts.set(s.id, s);
      if (rand() < 0.15) {
        out.push(change('staffingShift', s.id, unitId, 'delete', {}));
        model.shifts.delete(s.id);
      }
    } else if (r < 0.9) {
      const u = rand() < 0.8 ? unitId : pick(rand, LEVELS);
      const month = pick(rand, MONTHS);
      const kvot = Math.round(rand() * 150) / 10;
      const m = { id: hrMonthIdFor(u, month), unitId: u, month, kvotTotal: kvot, kvotK: rand() < 0.7 ? kvot + 1 : null, kvotM: rand() < 0.7 ? Math.max(0, kvot - 1) : null, korttid: null, ordinaryHours: rand() < 0.85 ? Math.floor(rand() * 5000) : null, source: 'import' } as HrMonth;
      out.push(change('hrMonth', m.id, u, 'insert', { ...m }));
      model.hr.set(m.id, m);
    } else if (r < 0.94) {
      const s = { id: settingsIdFor(unitId), unitId, bhkMonthlyQuota: Math.floor(rand() * 30), bhkMinN: 10, bhkTargetPct: 80 } as UnitSettings;
      out.push(change('unitSettings', s.id, unitId, 'insert', { ...s }));
      model.settings.set(s.id, s);
    } else {
      const u = rand() < 0.5 ? unitId : pick(rand, LEVELS);
      const key = pick(rand, KEYS);
      const id = indicatorIdFor(u, key);
      const fields = { target: rand() < 0.2 ? null : { op: pick(rand, ['gte', 'lte'] as const), value: Math.floor(rand() * 100) }, minN: Math.floor(rand() * 15), compare: pick(rand, ['lastYear', 'previous'] as const), hidden: rand() < 0.1 && !ROOT_PATH.includes(u) };
      const prev = model.indicators.get(id);
      out.push(change('indicator', id, u, prev ? 'patch' : 'insert', prev ? fields : { id, unitId: u, key, ...fields }));
      model.indicators.set(id, { ...(prev ?? { id, unitId: u, key }), ...fields } as Indicator);
    }
  }
  return out;
}

async function pushAll(changes: Change[]) {
  for (let i = 0; i < changes.length; i += 400) {
    const res = await push(h, admin, changes.slice(i, i + 400));
    expect(res.ok && res.rejected).toEqual([]);
  }
}

function modelInput(units: OrgUnit[], rootId: string): IndicatorInput {
  return {
    units: units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })),
    rootId,
    today: TODAY,
    indicatorRows: [...model.indicators.values()],
    bhk: model.bhk,
    unitSettings: [...model.settings.values()],
    safetyEvents: model.events,
    safetyDays: [...model.days.values()],
    shifts: [...model.shifts.values()],
    staffingSettings: [],
    hrMonths: [...model.hr.values()],
  };
}

describe.each(STORES)('server indicator figures = the shared functions on the same raw rows (%s)', (dialect, factory) => {
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    admin = await loginAs(h, 'admin');
    seq = 1;
    counter = 0;
    model.bhk = [];
    model.events = [];
    for (const m of [model.days, model.shifts, model.hr, model.settings, model.indicators]) m.clear();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`random rows pushed through sync (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const units = OrgResponse.parse((await call(h, 'GET', '/api/org', { token: admin })).json()).units;
    for (let round = 0; round < 4; round++) {
      await pushAll(randomBatch(rand, round === 0 ? 600 : 150));
      for (const rootId of ['div-lsv', 'vo-med', 'avd-21']) {
        for (const period of ['2026-03', '2026-02', '2026-W09', '2026-T1', '2025']) {
          const res = await call(h, 'GET', `/api/indicators/report?rootId=${rootId}&period=${period}`, { token: admin });
          expect(res.statusCode, res.body).toBe(200);
          const body = IndicatorReport.parse(res.json());
          expect(body).toEqual(await reportOfRows(modelInput(units, rootId), period, NOW));
          if (rootId === 'div-lsv' && period === '2026-T1') {
            // Not a vacuous comparison: every kind of source has figures at the division.
            const values = new Map(body.cells.filter((c) => c.unitId === rootId).map((c) => [c.key, c.value]));
            // (Random rows never hide an indicator at the division or above: ROOT_PATH.)
            for (const k of ['bhkTotal', 'bhkQuota', 'greenShare', 'harmDays', 'daysSinceFall', 'sickShare']) expect(values.get(k) ?? null, k).not.toBeNull();
          }
        }
      }
      const key = pick(rand, KEYS);
      const unitId = pick(rand, ['div-lsv', 'vo-kir', 'avd-22']);
      const res = await call(h, 'GET', `/api/indicators/series?unitId=${unitId}&key=${key}&to=2026-03&count=14`, { token: admin });
      if (res.statusCode === 404) {
        // Hidden at that node by a random row: the shared function says the same.
        await expect(seriesOfRows(modelInput(units, unitId), unitId, key, '2026-03', 14, NOW)).rejects.toThrow();
        continue;
      }
      expect(res.statusCode, res.body).toBe(200);
      expect(IndicatorSeries.parse(res.json())).toEqual(await seriesOfRows(modelInput(units, unitId), unitId, key, '2026-03', 14, NOW));
    }
  });
});
