/**
 * The BHK board's routes through HTTP: the roll-up for any period (and the month route agreeing
 * with it), corrections made in another month than their original, the självskattning filter,
 * the CSV export in both representations, the profession list in force, and scope checks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BhkRollupResponse } from '../../src/shared/api';
import { BhkConfigResponse, BhkExportResponse, BhkPeriodRollupResponse, type BhkPeriodRollupNode } from '../../src/shared/bhk-api';
import { CSV_BOM } from '../../src/shared/domain/bhk-csv';
import type { Change } from '../../src/shared/protocol';
import { bhkConfigIdFor } from '../../src/shared/schema/bhk-config';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { ALL_JA, observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, NOW, push } from './helpers';

/** Codes of the changes a push rejected (rule 5). */
const rejectedCodes = (res: Awaited<ReturnType<typeof push>>): string[] => (res.ok ? res.rejected.map((r) => r.code) : [`push-refused:${res.reason}`]);

let h: Harness;
let admin: Client;
let t21: Client;
let t22: Client;
beforeEach(async () => {
  h = await harness();
  admin = await loginAs(h, 'admin');
  t21 = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
  t22 = await enrolTablet(h, admin, 'avd-22');
});
afterEach(async () => {
  await h.close();
});

async function periodRollup(c: Client, rootId: string, period: string, source?: string) {
  const res = await call(h, 'GET', `/api/bhk/rollup?rootId=${rootId}&period=${period}${source ? `&source=${source}` : ''}`, { token: c });
  expect(res.statusCode, res.body).toBe(200);
  const body = BhkPeriodRollupResponse.parse(res.json());
  return { body, nodes: new Map<string, BhkPeriodRollupNode>(body.nodes.map((n) => [n.unitId, n])) };
}

/** A patch of the bhkConfig record of `unitId`, as a device's outbox would send it. */
function configChange(c: Client, seq: number, unitId: string, professions: unknown, id = bhkConfigIdFor(unitId)): Change {
  const hlc = formatHlc({ millis: NOW, counter: seq, node: nodeFromDeviceId(c.deviceId) });
  return { seq, entity: 'bhkConfig', id, unitId, op: 'patch', fields: { professions }, hlc, schemaVersion: SCHEMA_VERSION } as unknown as Change;
}

describe('GET /api/bhk/rollup', () => {
  it('answers week, month, tertial and year, and the month route gives the same nodes', async () => {
    const a = outbox(t21.deviceId, NOW);
    await push(h, t21, [
      a.insertObs(observation('avd-21', '2026-03-02')),
      a.insertObs(observation('avd-21', '2026-03-09', { steps: { ...ALL_JA, nails: 'nej' } })),
      a.insertObs(observation('avd-21', '2026-01-15', { profession: 'lakare' })),
    ]);
    const expectations: [string, number, number][] = [
      ['2026-W11', 1, 0],
      ['2026-03', 2, 1],
      ['2026-T1', 3, 2],
      ['2026', 3, 2],
      ['2025', 0, 0],
    ];
    for (const [period, n, ok] of expectations) {
      const { nodes } = await periodRollup(admin, 'vo-med', period);
      expect(nodes.get('avd-21')?.counts, period).toMatchObject({ n, totalAllOk: ok });
      expect(nodes.get('vo-med')?.counts.n, period).toBe(n);
    }
    const { body } = await periodRollup(admin, 'vo-med', '2026-T1');
    expect(body.nodes.find((x) => x.unitId === 'vo-med')?.professions).toEqual({
      lakare: { n: 1, selfAssessmentN: 0, hygieneAllOk: 1, dressAllOk: 1, totalAllOk: 1 },
      sjukskoterska: { n: 2, selfAssessmentN: 0, hygieneAllOk: 2, dressAllOk: 1, totalAllOk: 1 },
    });

    const month = BhkRollupResponse.parse((await call(h, 'GET', '/api/rollup/bhk?rootId=vo-med&month=2026-03', { token: admin })).json());
    const { body: same } = await periodRollup(admin, 'vo-med', '2026-03');
    expect(month.nodes).toEqual(same.nodes.map(({ professions: _p, ...node }) => node));
  });

  it('counts a correction made in another month under its original’s month, and only there', async () => {
    const a = outbox(t21.deviceId, NOW);
    const fixMe = observation('avd-21', '2026-02-27', { steps: { ...ALL_JA, gloves: 'nej' } });
    const dropMe = observation('avd-21', '2026-02-26');
    const march = observation('avd-21', '2026-03-03');
    await push(h, t21, [a.insertObs(fixMe), a.insertObs(dropMe), a.insertObs(march)]);
    // Made on 2–4 March for February observations: dated in March, filed under February.
    const fix = observation('avd-21', '2026-03-02', { replaces: fixMe.id, originalDate: '2026-02-27', createdAt: '2026-03-02T08:00:00.000Z' });
    const drop = observation('avd-21', '2026-03-04', { replaces: dropMe.id, voided: true, originalDate: '2026-02-26', createdAt: '2026-03-04T08:00:00.000Z' });
    await push(h, t21, [a.insertObs(fix), a.insertObs(drop)]);

    const feb = (await periodRollup(admin, 'avd-21', '2026-02')).nodes.get('avd-21');
    const mar = (await periodRollup(admin, 'avd-21', '2026-03')).nodes.get('avd-21');
    expect(feb?.counts).toMatchObject({ n: 1, totalAllOk: 1, steps: { gloves: { ja: 1, nej: 0, na: 0 } } });
    expect(mar?.counts).toMatchObject({ n: 1, totalAllOk: 1 });
    expect((await periodRollup(admin, 'avd-21', '2026-T1')).nodes.get('avd-21')?.counts.n).toBe(2);
  });

  it('a correction filed under its own date (no originalDate) is traced to its original and not counted as new', async () => {
    const b = outbox(t22.deviceId, NOW);
    const original = observation('avd-22', '2026-02-27', { steps: { ...ALL_JA, nails: 'nej' } });
    await push(h, t22, [b.insertObs(original)]);
    await push(h, t22, [b.insertObs(observation('avd-22', '2026-03-02', { replaces: original.id, createdAt: '2026-03-02T08:00:00.000Z' }))]);
    expect((await periodRollup(admin, 'avd-22', '2026-03')).nodes.get('avd-22')?.counts.n).toBe(0);
    expect((await periodRollup(admin, 'avd-22', '2026-02')).nodes.get('avd-22')?.counts.n).toBe(1);
  });

  it('filters självskattning and always reports how many there are', async () => {
    const a = outbox(t21.deviceId, NOW);
    await push(h, t21, [a.insertObs(observation('avd-21', '2026-03-02', { selfAssessment: true })), a.insertObs(observation('avd-21', '2026-03-03'))]);
    const all = (await periodRollup(admin, 'vo-med', '2026-03')).body;
    expect(all.source).toBe('all');
    expect(all.nodes.find((x) => x.unitId === 'vo-med')?.counts).toMatchObject({ n: 2, selfAssessmentN: 1 });
    expect((await periodRollup(admin, 'vo-med', '2026-03', 'self')).nodes.get('vo-med')?.counts).toMatchObject({ n: 1, selfAssessmentN: 1 });
    expect((await periodRollup(admin, 'vo-med', '2026-03', 'observed')).nodes.get('vo-med')?.counts).toMatchObject({ n: 1, selfAssessmentN: 0 });
  });

  it('refuses a root outside the caller’s scope (403) and an unknown root (404)', async () => {
    const outside = await call(h, 'GET', '/api/bhk/rollup?rootId=vo-med&period=2026-03', { token: t21 });
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'scope-denied']);
    const unknown = await call(h, 'GET', '/api/bhk/rollup?rootId=nowhere&period=2026-03', { token: admin });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not-found']);
  });
});

describe('GET /api/export/bhk.csv', () => {
  beforeEach(async () => {
    const a = outbox(t21.deviceId, NOW);
    const wrong = observation('avd-21', '2026-03-02', { task: 'Omläggning; sår' });
    await push(h, t21, [a.insertObs(wrong), a.insertObs(observation('avd-21', '2026-03-05', { selfAssessment: true, steps: { ...ALL_JA, gloves: 'ej_aktuellt' } }))]);
    await push(h, t21, [a.insertObs(observation('avd-21', '2026-03-02', { replaces: wrong.id, voided: true, originalDate: '2026-03-02', createdAt: '2026-03-02T11:00:00.000Z' }))]);
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(observation('avd-22', '2026-03-04', { profession: 'lakare' }))]);
  });

  it('sends the file: UTF-8 BOM, ; separated, one row per observation that counts, attachment name', async () => {
    const res = await call(h, 'GET', '/api/export/bhk.csv?rootId=vo-med&period=2026-03', { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bhk-vo-medicin-2026-03.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.slice(CSV_BOM.length).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('Datum;Enhet;Yrke;Arbetsmoment;Självskattning;Handdesinfektion före;')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 7))).toEqual([
      ['2026-03-04', 'Avdelning 22 Kardiologi', 'Läkare', '', 'Nej', 'Ja', 'Ja'],
      ['2026-03-05', 'Avdelning 21 Medicin', 'Sjuksköterska/barnmorska', '', 'Ja', 'Ja', 'Ej aktuellt'],
    ]);
  });

  it('answers JSON to the app (Accept: application/json), the same text', async () => {
    const file = await call(h, 'GET', '/api/export/bhk.csv?rootId=avd-21&period=2026-03&source=self', { token: t21, headers: { accept: 'application/json' } });
    expect(file.statusCode, file.body).toBe(200);
    const body = BhkExportResponse.parse(file.json());
    expect(body.filename).toBe('bhk-avdelning-21-medicin-2026-03.csv');
    expect(body.csv.startsWith(CSV_BOM)).toBe(true);
    expect(body.csv.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('is scope-checked like the roll-up', async () => {
    const res = await call(h, 'GET', '/api/export/bhk.csv?rootId=avd-22&period=2026-03', { token: t21 });
    expect([res.statusCode, res.json().code]).toEqual([403, 'scope-denied']);
  });
});

describe('GET /api/bhk/config and the profession list', () => {
  const REGION_LIST = [
    { code: 'lakare', label: 'Läkare' },
    { code: 'sjukskoterska', label: 'Sjuksköterska' },
    { code: 'skotare_natt', label: 'Skötare natt' },
    { code: 'student', label: 'Student', hidden: true },
  ];

  it('is the default list until a level sets one; the nearest level wins', async () => {
    const before = BhkConfigResponse.parse((await call(h, 'GET', '/api/bhk/config?unitId=avd-21', { token: t21 })).json());
    expect(before).toEqual({ sourceUnitId: null, professions: [] });

    expect(rejectedCodes(await push(h, admin, [configChange(admin, 1, 'region', REGION_LIST)]))).toEqual([]);
    const fromRegion = BhkConfigResponse.parse((await call(h, 'GET', '/api/bhk/config?unitId=avd-21', { token: t21 })).json());
    expect(fromRegion).toEqual({ sourceUnitId: 'region', professions: REGION_LIST });

    const vochef = await loginAs(h, 'vochef');
    expect(rejectedCodes(await push(h, vochef, [configChange(vochef, 1, 'vo-med', [{ code: 'lakare', label: 'Doktor' }])]))).toEqual([]);
    const fromVo = BhkConfigResponse.parse((await call(h, 'GET', '/api/bhk/config?unitId=avd-21', { token: t21 })).json());
    expect(fromVo.sourceUnitId).toBe('vo-med');
    const kir = BhkConfigResponse.parse((await call(h, 'GET', '/api/bhk/config?unitId=vo-kir', { token: admin })).json());
    expect(kir.sourceUnitId).toBe('region');
  });

  it('labels the roll-up and the CSV with the region’s list', async () => {
    await push(h, admin, [configChange(admin, 1, 'region', REGION_LIST)]);
    await push(h, t21, [outbox(t21.deviceId, NOW).insertObs(observation('avd-21', '2026-03-02', { profession: 'skotare_natt' }))]);
    const { body } = await periodRollup(admin, 'region', '2026-03');
    expect(body.professions).toEqual(REGION_LIST);
    const csv = (await call(h, 'GET', '/api/export/bhk.csv?rootId=avd-21&period=2026-03', { token: admin })).body;
    expect(csv).toContain(';Skötare natt;');
  });

  it('a tablet cannot set its region’s list, an id must name its unit, labels are checked', async () => {
    const res = await push(h, t21, [configChange(t21, 1, 'region', REGION_LIST)]);
    expect(rejectedCodes(res)).toEqual(['scope-denied']);
    const wrongId = await push(h, admin, [
      configChange(admin, 1, 'avd-21', REGION_LIST, bhkConfigIdFor('avd-22')),
      configChange(admin, 2, 'region', [{ code: 'a', label: 'x' }, { code: 'a', label: 'y' }]),
      configChange(admin, 3, 'region', [{ code: 'p', label: 'Patient 19121212-1212' }]),
      configChange(admin, 4, 'region', []),
    ]);
    expect(rejectedCodes(wrongId)).toEqual(['scope-denied', 'validation', 'personnummer', 'validation']);
  });

  it('answers only for units in the caller’s scope', async () => {
    const res = await call(h, 'GET', '/api/bhk/config?unitId=avd-22', { token: t21 });
    expect([res.statusCode, res.json().code]).toEqual([403, 'scope-denied']);
  });
});
