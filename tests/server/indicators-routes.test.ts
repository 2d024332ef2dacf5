/**
 * Indicator routes beyond the figures (indicators.test.ts): scope and lookups, the ancestors'
 * config, the CSV export, the catalogue's write rule on push, and history that follows a changed
 * target without the facts being touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorCsv } from '../../src/shared/domain/indicators';
import { IndicatorConfigResponse, IndicatorReport, IndicatorSeries } from '../../src/shared/indicators-api';
import type { Change } from '../../src/shared/protocol';
import { indicatorIdFor } from '../../src/shared/schema/indicator';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { shiftIdFor } from '../../src/shared/schema/staffing-shift';
import { call, type Client, enrolTablet, expectError, type Harness, harness, loginAs, MONTH, NOW, push } from './helpers';

let h: Harness;
let admin: Client;
const seqs = new Map<string, number>();

/** A change from `c`'s device with its own outbox counter. */
function change(c: Client, op: 'insert' | 'patch' | 'delete', unitId: string, key: string, fields: Record<string, unknown>, entity = 'indicator', id = indicatorIdFor(unitId, key)): Change {
  const seq = (seqs.get(c.deviceId) ?? 0) + 1;
  seqs.set(c.deviceId, seq);
  return { seq, entity, id, unitId, op, fields, hlc: formatHlc({ millis: NOW, counter: seq, node: nodeFromDeviceId(c.deviceId) }), schemaVersion: SCHEMA_VERSION } as Change;
}
const insert = (c: Client, unitId: string, key: string, fields: Record<string, unknown>) => change(c, 'insert', unitId, key, { id: indicatorIdFor(unitId, key), unitId, key, ...fields });

const report = async (rootId: string, period = MONTH, c: Client = admin) => call(h, 'GET', `/api/indicators/report?rootId=${rootId}&period=${period}`, { token: c });
const cellOf = (r: IndicatorReport, unitId: string, key: string) => r.cells.find((c) => c.unitId === unitId && c.key === key);

beforeAll(async () => {
  h = await harness();
  admin = await loginAs(h, 'admin');
});
afterAll(async () => {
  await h.close();
});

describe('scope and lookups', async () => {
  it('a VO manager reads their VO and below, not the division; a tablet its unit only', async () => {
    const vo = await loginAs(h, 'vochef');
    expect((await report('vo-med', MONTH, vo)).statusCode).toBe(200);
    expect((await report('avd-22', MONTH, vo)).statusCode).toBe(200);
    expect(expectError(await report('div-lsv', MONTH, vo), 403, 'scope-denied').path).toEqual(['rootId']);
    const tablet = await enrolTablet(h, admin, 'avd-21');
    expect((await report('avd-21', MONTH, tablet)).statusCode).toBe(200);
    expectError(await report('avd-22', MONTH, tablet), 403, 'scope-denied');
    expect(expectError(await call(h, 'GET', `/api/indicators/series?unitId=div-lsv&key=bhkTotal&to=${MONTH}`, { token: vo }), 403, 'scope-denied').path).toEqual(['unitId']);
    expect(expectError(await call(h, 'GET', '/api/indicators/config?unitId=avd-31', { token: vo }), 403, 'scope-denied').path).toEqual(['unitId']);
  });

  it('unknown units are 404 with their path; an unknown key too', async () => {
    expect(expectError(await report('no-such-unit'), 404, 'not-found').path).toEqual(['rootId']);
    expect(expectError(await call(h, 'GET', `/api/indicators/series?unitId=avd-21&key=noSuchThing&to=${MONTH}`, { token: admin }), 404, 'not-found').path).toEqual(['key']);
  });

  it('bad queries are 400 with the field path', async () => {
    const get = (url: string) => call(h, 'GET', url, { token: admin });
    expect(expectError(await report('div-lsv', '2026-W54'), 400, 'validation').path).toEqual(['period']);
    expect(expectError(await report('div-lsv', '2026-00'), 400, 'validation').path).toEqual(['period']);
    expect(expectError(await get('/api/indicators/report?rootId=div-lsv&period=nov'), 400, 'validation').path).toEqual(['period']);
    expect(expectError(await get('/api/indicators/series?unitId=avd-21&key=bhkTotal&to=2025-W53'), 400, 'validation').path).toEqual(['to']);
    expect(expectError(await get('/api/indicators/series?unitId=avd-21&key=bhkTotal&to=2026-03&count=1'), 400, 'validation').path).toEqual(['count']);
    expect(expectError(await get('/api/indicators/series?unitId=avd-21&key=bhkTotal&to=2026-03&count=x'), 400, 'validation').path).toEqual(['count']);
    expect(expectError(await get('/api/export/indicators.csv?rootId=div-lsv'), 400, 'validation').path).toEqual(['period']);
    expectError(await get('/api/indicators/config?unitId=avd-21&extra=1'), 400, 'validation');
  });

  it('a report of a month without data is all ej mätbart, with completeness 0 of n', async () => {
    const body = IndicatorReport.parse((await report('div-lsv', '2024-06')).json());
    expect(body.nodes[0]).toMatchObject({ id: 'div-lsv', depth: 0 });
    expect(body.nodes).toHaveLength(16);
    expect(cellOf(body, 'div-lsv', 'bhkTotal')).toMatchObject({ value: null, status: 'unmeasurable', reporting: 0, expected: 11 });
  });

  it('a series defaults to 13 periods of to\'s kind', async () => {
    const body = IndicatorSeries.parse((await call(h, 'GET', '/api/indicators/series?unitId=avd-21&key=sickShare&to=2026-W10', { token: admin })).json());
    expect(body.points).toHaveLength(13);
    expect(body.points.at(-1)?.period).toBe('2026-W10');
    expect(body.points[0]?.period).toBe('2025-W50');
  });
});

describe('the catalogue write rule (push)', async () => {
  it('managers set targets on units in scope, but not names or sources; staff and tablets nothing', async () => {
    const vo = await loginAs(h, 'vochef');
    const res = await push(h, vo, [
      insert(vo, 'vo-med', 'bhkTotal', { target: { op: 'gte', value: 90 }, minN: 5 }),
      insert(vo, 'avd-22', 'sickShare', { target: { op: 'lte', value: 6 }, nameSv: 'Sjuk' }),
      insert(vo, 'avd-23', 'myOwn', { nameSv: 'Egen', source: { kind: 'count', metric: 'safetyEvents' }, unit: 'count', direction: 'lower' }),
      insert(vo, 'div-lsv', 'bhkTotal', { target: { op: 'gte', value: 80 } }),
      change(vo, 'patch', 'vo-med', 'bhkTotal', { hidden: true, order: 3 }),
      change(vo, 'patch', 'vo-med', 'bhkTotal', { direction: 'lower' }),
    ]);
    expect(res).toMatchObject({
      ok: true,
      rejected: [
        { seq: 2, code: 'forbidden', path: ['fields', 'nameSv'] },
        { seq: 3, code: 'forbidden', path: ['fields', 'direction'] },
        { seq: 4, code: 'scope-denied' },
        { seq: 6, code: 'forbidden', path: ['fields', 'direction'] },
      ],
    });
    const staff = await loginAs(h, 'personal21');
    const tablet = await enrolTablet(h, admin, 'avd-21');
    for (const c of [staff, tablet]) {
      expect(await push(h, c, [insert(c, 'avd-21', 'bhkTotal', { target: { op: 'gte', value: 50 } })])).toMatchObject({ rejected: [{ seq: 1, code: 'forbidden', path: ['entity'] }] });
    }
    // An admin defines a custom indicator; the manager may not delete that row, but may delete a target-only row.
    expect(await push(h, admin, [insert(admin, 'vo-med', 'falls', { nameSv: 'Fall', source: { kind: 'count', metric: 'safetyEvents' }, unit: 'count', direction: 'lower' })])).toMatchObject({ rejected: [] });
    expect(await push(h, vo, [change(vo, 'delete', 'vo-med', 'falls', {}), change(vo, 'delete', 'vo-med', 'bhkTotal', {})])).toMatchObject({
      rejected: [{ seq: 7, code: 'forbidden', path: ['fields', 'direction'] }],
    });
  });

  it('config lists the ancestors\' rows (not the unit\'s own)', async () => {
    await push(h, admin, [insert(admin, 'region', 'greenShare', { target: { op: 'gte', value: 95 } }), insert(admin, 'avd-21', 'greenShare', { minN: 3 })]);
    const body = IndicatorConfigResponse.parse((await call(h, 'GET', '/api/indicators/config?unitId=avd-21', { token: admin })).json());
    expect(body.rows.map((r) => r.id).sort()).toEqual([indicatorIdFor('region', 'greenShare'), indicatorIdFor('vo-med', 'falls')]);
    const region = IndicatorConfigResponse.parse((await call(h, 'GET', '/api/indicators/config?unitId=region', { token: admin })).json());
    expect(region.rows).toEqual([]);
  });
});

describe('history follows a changed target; facts are untouched', async () => {
  it('a stricter target turns last month red, with the same value', async () => {
    const when = '2026-02-10';
    const obs = Array.from({ length: 10 }, (_, i) => ({
      id: `obs-hist-${i}`, unitId: 'avd-31', date: when, profession: 'lakare', selfAssessment: false, createdAt: `${when}T08:00:00.000Z`,
      steps: { handDisinfectionBefore: i < 9 ? 'ja' : 'nej', gloves: 'ja', apron: 'ja', handDisinfectionAfter: 'ja', shortSleeves: 'ja', noJewellery: 'ja', nails: 'ja', hairTiedUp: 'ja' },
    }));
    expect(await push(h, admin, obs.map((o) => change(admin, 'insert', 'avd-31', '', o, 'bhkObservation', o.id)))).toMatchObject({ rejected: [] });
    expect(await push(h, admin, [insert(admin, 'vo-kir', 'bhkTotal', { target: { op: 'gte', value: 90 } })])).toMatchObject({ rejected: [] });
    const before = IndicatorReport.parse((await report('vo-kir', '2026-02')).json());
    expect(cellOf(before, 'avd-31', 'bhkTotal')).toMatchObject({ value: 90, num: 9, den: 10, status: 'met', target: { op: 'gte', value: 90 } });
    expect(await push(h, admin, [change(admin, 'patch', 'vo-kir', 'bhkTotal', { target: { op: 'gte', value: 98 } })])).toMatchObject({ rejected: [] });
    const after = IndicatorReport.parse((await report('vo-kir', '2026-02')).json());
    expect(cellOf(after, 'avd-31', 'bhkTotal')).toMatchObject({ value: 90, num: 9, den: 10, status: 'notMet', target: { op: 'gte', value: 98 } });
    // The facts themselves: the same ten observations, nothing rewritten.
    const rows = await h.store.listRows('bhkObservation', '/', '2026-02-01', '2026-02-28');
    expect(rows.filter((r) => r.id.startsWith('obs-hist-'))).toHaveLength(10);
  });
});

describe('what a report reads', async () => {
  it('compares the period with its compare period from the stored facts', async () => {
    const shiftOn = (date: string) => ({ id: shiftIdFor('avd-32', date, 'dag'), unitId: 'avd-32', date, shift: 'dag', planned: 8, sick: 1, vab: 0, otherAbsence: 0, covered: 0 });
    const dates = ['2025-02-10', '2025-08-10', '2026-01-10', '2026-02-10'];
    const shifts = dates.map(shiftOn);
    expect(await push(h, admin, shifts.map((s) => change(admin, 'insert', 'avd-32', '', s, 'staffingShift', s.id)))).toMatchObject({ rejected: [] });
    const body = IndicatorReport.parse((await report('avd-32', '2026-02')).json());
    expect(cellOf(body, 'avd-32', 'sickShare')).toMatchObject({ num: 1, den: 8, comparePeriod: '2025-02', compareValue: 12.5 });
  });
});

describe('CSV export', async () => {
  it('sends a file by default and {filename, csv} to the app', async () => {
    const file = await call(h, 'GET', '/api/export/indicators.csv?rootId=vo-kir&period=2026-02', { token: admin });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe('attachment; filename="indikatorer-vo-kirurgi-2026-02.csv"');
    expect(file.body.startsWith('\uFEFFEnhet;Nivå;Indikator;Period;Utfall;Mål;Status;Trend;n;Rapporterande enheter\r\n')).toBe(true);
    expect(file.body).toContain('Avdelning 31 Kirurgi;Enhet;BHK total följsamhet;2026-02;90,0;≥ 98 %;◆ ej uppfyllt;;10;1 av 1\r\n');
    const json = await call(h, 'GET', '/api/export/indicators.csv?rootId=vo-kir&period=2026-02', { token: admin, headers: { accept: 'application/json' } });
    expect(json.json()).toEqual({ filename: 'indikatorer-vo-kirurgi-2026-02.csv', csv: file.body });
    // The server writes it from the compact report's tuples; a device from the report's cells: the same file.
    expect(file.body).toBe(indicatorCsv(IndicatorReport.parse((await report('vo-kir', '2026-02')).json()), 'sv').csv);
  });
});
