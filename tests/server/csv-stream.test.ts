/**
 * Streamed CSV downloads (issue 17): the chunks are exactly csvText's bytes, a large file comes in
 * many chunks with the event loop free between them, and the export routes answer the file
 * (through chunked-reply.ts: streamed once it is more than a chunk, tests/server/chunked-reply.test.ts)
 * with the same text the app's JSON answer carries, gzipped for a client that asks.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CHARS, csvChunks, csvWhole } from '../../src/server/http/csv-stream';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { csvText } from '../../src/shared/domain/bhk-csv';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

const rows = (n: number) => [['Enhet', 'Värde; med semikolon', 'Formel'], ...Array.from({ length: n }, (_, i) => [`Avdelning ${i}`, `"citat" ${i}`, i % 7 === 0 ? '=SUMMA(A1)' : String(i)])];

async function* slowly(all: string[][]) {
  for (const r of all) {
    await Promise.resolve();
    yield r;
  }
}

describe('csvChunks', () => {
  it('writes exactly csvText’s bytes, from a list or an async source', async () => {
    for (const n of [0, 1, 10, 5_000]) {
      const all = rows(n);
      for (const source of [all, slowly(all)]) {
        let joined = '';
        for await (const c of csvChunks(source)) joined += c;
        expect(joined).toBe(csvText(all));
      }
      expect(await csvWhole(slowly(all))).toBe(csvText(all));
    }
  });

  it('a large file comes in chunks of about 64 KB, and other work runs between them', async () => {
    const all = rows(40_000);
    const sizes: number[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    let turnsBetween = 0;
    let last = ticks;
    for await (const c of csvChunks(all)) {
      sizes.push(c.length);
      if (ticks > last) turnsBetween++;
      last = ticks;
    }
    clearInterval(ticker);
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes.slice(0, -1)) expect(s).toBeGreaterThanOrEqual(CHUNK_CHARS);
    for (const s of sizes.slice(0, -1)) expect(s).toBeLessThan(CHUNK_CHARS + 200);
    expect(turnsBetween).toBeGreaterThan(0);
  });
});

describe('the CSV export routes stream the file', () => {
  let h: Harness;
  let vochef: Client;
  beforeAll(async () => {
    h = await harness({}, createSqliteStore(':memory:'));
    vochef = await loginAs(h, 'vochef');
    const b = outbox(vochef.deviceId, NOW);
    await push(h, vochef, [b.insertObs(observation('avd-21', TODAY)), b.insertObs(observation('avd-22', TODAY))]);
  }, 60_000);
  afterAll(() => h?.close());

  for (const url of [`/api/export/bhk.csv?rootId=vo-med&period=${TODAY.slice(0, 7)}`, `/api/export/indicators.csv?rootId=vo-med&period=${TODAY.slice(0, 7)}`, '/api/audit/changes.csv?rootId=vo-med']) {
    it(`${url.split('?')[0]}: the same text as the app's JSON answer, plain or gzipped`, async () => {
      const file = await call(h, 'GET', url, { token: vochef, headers: { accept: 'text/csv' } });
      expect(file.statusCode, file.body).toBe(200);
      expect(file.headers['content-type']).toContain('text/csv');
      const zipped = await call(h, 'GET', url, { token: vochef, headers: { accept: 'text/csv', 'accept-encoding': 'gzip' } });
      const unzipped = zipped.headers['content-encoding'] === 'gzip' ? gunzipSync(zipped.rawPayload).toString('utf8') : zipped.body;
      expect(unzipped).toBe(file.body);
      const json = await call(h, 'GET', url, { token: vochef, headers: { accept: 'application/json' } });
      const { csv } = json.json() as { csv: string };
      expect(file.body).toBe(csv);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.split('\r\n').length).toBeGreaterThan(2);
    });
  }
});
