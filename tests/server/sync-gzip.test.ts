/**
 * Feed pages gzipped for clients that accept it (issue 17: a region manager's first sync is
 * mostly fact pages of small numbers): the same JSON after gunzip, a smaller body, and plain
 * JSON for a client that does not ask or an answer too small to be worth it. SQLite and PostgreSQL.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

describe.each(STORES)('gzipped feed pages (%s)', (dialect, factory) => {
  let h: Harness;
  let tablet: Client;
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    tablet = await enrolTablet(h, await loginAs(h, 'admin'), 'avd-21');
    const box = outbox(tablet.deviceId, NOW);
    expect(await push(h, tablet, Array.from({ length: 60 }, () => box.insertObs(observation('avd-21', TODAY))))).toMatchObject({ ok: true, rejected: [] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends a pull page gzipped to a client that accepts it, and the same JSON plain otherwise', async () => {
    const url = '/api/sync/pull?cursor=0&protocolVersion=4';
    const plain = await call(h, 'GET', url, { token: tablet });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await call(h, 'GET', url, { token: tablet, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toContain('application/json');
    const body = gunzipSync(zipped.rawPayload).toString('utf8');
    // serverTime may differ between the two calls; everything else is the same page.
    const strip = (s: string) => ({ ...(JSON.parse(s) as Record<string, unknown>), serverTime: 0 });
    expect(strip(body)).toEqual(strip(plain.body));
    expect((JSON.parse(body) as { changes: unknown[] }).changes).toHaveLength(60);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('leaves a small answer plain', async () => {
    const vochef = await loginAs(h, 'vochef');
    const res = await call(h, 'GET', '/api/sync/facts?cursor=0&protocolVersion=4', { token: vochef, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toMatchObject({ ok: true });
  });
});
