/**
 * http/json-stream.ts: a big answer streamed in chunks is byte for byte what JSON.stringify
 * writes, for any JSON value, with big arrays at any depth, with what JSON leaves out (undefined,
 * functions) in objects and arrays; and it is written in more than one chunk when it is big.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/server/http/json-stream';
import { RawJson } from '../../src/shared/raw-json';

const whole = async (value: unknown): Promise<{ text: string; chunks: number }> => {
  let text = '';
  let chunks = 0;
  for await (const c of jsonChunks(value)) {
    text += c;
    chunks += 1;
  }
  return { text, chunks };
};

describe('jsonChunks', () => {
  it('writes what JSON.stringify writes, for any JSON value with big arrays anywhere', async () => {
    const big = fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 60, maxLength: 200 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), big, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        expect((await whole(v)).text).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out and nulls what JSON does, and keeps toJSON', async () => {
    const cells = Array.from({ length: 100 }, (_, i) => ({ i, gone: undefined, f: () => i, at: new Date(Date.UTC(2026, 0, 1 + i)) }));
    const value = { a: undefined, cells, holes: [...Array.from({ length: 70 }, (_, i) => (i % 3 === 0 ? undefined : i)), () => 1], date: new Date(0), s: 'å"\\\n' };
    expect((await whole(value)).text).toBe(JSON.stringify(value));
  });

  it('copies JSON already written (RawJson) as it is, in small and big arrays and as a property', async () => {
    const raw = (i: number) => new RawJson(JSON.stringify([`2026-11-${String((i % 28) + 1).padStart(2, '0')}`, 'o|läkare "x"', i, 0, -1.5]));
    const value = { few: [raw(1), raw(2)], many: Array.from({ length: 200 }, (_, i) => raw(i)), one: raw(7), nested: { rows: { bhk: [raw(3)] } } };
    const { text } = await whole(value);
    expect(text).toBe(JSON.stringify(value));
    expect(JSON.parse(text).many[199]).toEqual(['2026-11-04', 'o|läkare "x"', 199, 0, -1.5]);
  });

  it('a region-sized answer comes in many chunks', async () => {
    const report = { rootId: 'rg', cells: Array.from({ length: 14_000 }, (_, i) => ({ unitId: `u${i}`, key: 'bhkTotal', value: i / 3, status: 'met' })) };
    const { text, chunks } = await whole(report);
    expect(text).toBe(JSON.stringify(report));
    expect(chunks).toBeGreaterThan(10);
  });
});
