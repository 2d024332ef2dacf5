/**
 * http/chunked-reply.ts: an answer that is one small chunk goes out whole and plain; a bigger one
 * is streamed (no content-length) and gzipped for a client that accepts it, and gunzips to exactly
 * the text its chunks make; a client that does not ask gets it plain. A failure while streaming
 * ends the answer early rather than sending a whole-looking wrong one.
 */
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GZIP_FROM_CHARS, sendChunks } from '../../src/server/http/chunked-reply';

async function* pieces(sizes: number[], failAt = -1): AsyncGenerator<string> {
  for (const [i, n] of sizes.entries()) {
    if (i === failAt) throw new Error('the source failed');
    yield `${String(i % 10).repeat(n - 1)}\n`;
  }
}
const textOf = (sizes: number[]) => sizes.map((n, i) => `${String(i % 10).repeat(n - 1)}\n`).join('');

describe('sendChunks', () => {
  const app = Fastify();
  beforeAll(async () => {
    app.get('/t', (req, reply) => {
      const q = req.query as { sizes: string; failAt?: string };
      return sendChunks(reply.header('content-type', 'text/plain; charset=utf-8'), pieces(q.sizes.split(',').map(Number), Number(q.failAt ?? -1)));
    });
    await app.ready();
  });
  afterAll(() => app.close());
  const get = (sizes: number[], gzip: boolean, failAt?: number) =>
    app.inject({ method: 'GET', url: `/t?sizes=${sizes.join(',')}${failAt === undefined ? '' : `&failAt=${failAt}`}`, headers: gzip ? { 'accept-encoding': 'gzip, deflate' } : {} });

  it('sends one small chunk whole and plain, even to a client that accepts gzip', async () => {
    const res = await get([100], true);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe('100');
    expect(res.body).toBe(textOf([100]));
  });

  it('gzips one chunk that is worth it, for a client that asks', async () => {
    const sizes = [GZIP_FROM_CHARS + 10];
    const zipped = await get(sizes, true);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(textOf(sizes));
    const plain = await get(sizes, false);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(textOf(sizes));
  });

  it('streams many chunks, gzipped or plain, to exactly their text', async () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 1_000 + i * 97);
    const zipped = await get(sizes, true);
    expect(zipped.headers['content-length']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(textOf(sizes));
    expect(zipped.rawPayload.length).toBeLessThan(textOf(sizes).length / 10);
    const plain = await get(sizes, false);
    expect(plain.headers['content-length']).toBeUndefined();
    expect(plain.body).toBe(textOf(sizes));
  });

  it('ends the answer early when the source fails midway', async () => {
    const sizes = Array.from({ length: 10 }, () => 5_000);
    for (const gzip of [false, true]) {
      const res = await get(sizes, gzip, 5).catch((e: unknown) => e);
      // Either the stream is cut (inject rejects) or what arrived is shorter than the whole text.
      if (res instanceof Error) continue;
      const body = gzip ? (() => { try { return gunzipSync((res as { rawPayload: Buffer }).rawPayload).toString('utf8'); } catch { return ''; } })() : (res as { body: string }).body;
      expect(body.length).toBeLessThan(textOf(sizes).length);
    }
  });
});
