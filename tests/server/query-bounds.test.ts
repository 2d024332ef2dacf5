/**
 * Issue 18 item 6: every range and count parameter of every route is bounded, and a value out of
 * bounds is a 400 validation with the parameter's path, decided before any work is done. A
 * series asks for at most MAX_SERIES_COUNT periods of its kind (60 years blocked the event loop
 * for a second); periods and months lie in the years 1900–2199.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SERIES_COUNT } from '../../src/shared/indicators-api';
import { call, type Client, expectError, type Harness, signedIn } from './helpers';

let h: Harness;
let admin: Client;
beforeAll(async () => void ({ h, user: admin } = await signedIn('admin')));
afterAll(() => h.close());

const series = (to: string, count: number) => `/api/indicators/series?unitId=avd-21&key=bhkTotal&to=${to}&count=${count}`;

describe('series length per period kind', () => {
  it.each([
    ['week', '2026-W10'],
    ['month', '2026-03'],
    ['tertial', '2026-T1'],
    ['year', '2026'],
  ] as const)('%s: up to MAX_SERIES_COUNT, one more is 400 at count', async (kind, to) => {
    const max = MAX_SERIES_COUNT[kind];
    expect((await call(h, 'GET', series(to, max), { token: admin })).statusCode).toBe(200);
    expect(expectError(await call(h, 'GET', series(to, max + 1), { token: admin }), 400, 'validation').path).toEqual(['count']);
  });

  it('reaches back at most six years, and covers what the app asks for (26 weeks, 24 months, 12 tertials, 6 years)', () => {
    expect(MAX_SERIES_COUNT).toEqual({ week: 104, month: 60, tertial: 18, year: 6 });
  });
});

describe('years of periods and months', () => {
  const cases: [string, string][] = [
    ['/api/indicators/report?rootId=region&period=1899', 'period'],
    ['/api/indicators/report?rootId=region&period=2200-W01', 'period'],
    ['/api/export/indicators.csv?rootId=region&period=0000-T1', 'period'],
    [series('9999', 2), 'to'],
    [series('1066-03', 2), 'to'],
    ['/api/bhk/rollup?rootId=region&period=0050-03', 'period'],
    ['/api/export/bhk.csv?rootId=region&period=2200', 'period'],
    ['/api/rollup/bhk?rootId=region&month=0000-01', 'month'],
    ['/api/rollup/safety?rootId=region&month=0001-01', 'month'],
    ['/api/rollup/staffing?rootId=region&month=9999-12', 'month'],
  ];
  it.each(cases)('%s → 400 at %s', async (url, field) => {
    expect(expectError(await call(h, 'GET', url, { token: admin }), 400, 'validation').path).toEqual([field]);
  });

  it('1900 and 2199 are fine', async () => {
    for (const url of ['/api/indicators/report?rootId=avd-21&period=1900', '/api/rollup/safety?rootId=avd-21&month=2199-12', series('2199-T3', 2)]) {
      expect((await call(h, 'GET', url, { token: admin })).statusCode, url).toBe(200);
    }
  });
});

describe('sync parameters', () => {
  it('a pull cursor beyond a safe integer and a protocol version beyond any release are 400 at their paths', async () => {
    expect(expectError(await call(h, 'GET', '/api/sync/pull?cursor=9007199254740992&protocolVersion=2', { token: admin }), 400, 'validation').path).toEqual(['cursor']);
    expect(expectError(await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=100000', { token: admin }), 400, 'validation').path).toEqual(['protocolVersion']);
    const push = await call(h, 'POST', '/api/sync/push', { token: admin, body: { protocolVersion: 1e9, deviceId: admin.deviceId, changes: [] } });
    expect(expectError(push, 400, 'validation').path).toEqual(['protocolVersion']);
  });
});
