/**
 * A large JSON answer written as it is produced (issue 17, "nothing blocks"): a region's indicator
 * report is ~14,000 cells and 4.4 MB, Gröna korset's roll-up 1,500 units' crosses and 3 MB, and one
 * JSON.stringify of either held the event loop for 25–50 ms, with every tablet's push waiting
 * behind it. Here the big arrays are written an element at a time into ~64 KB chunks with a turn
 * of the event loop between chunks; everything else is JSON.stringify's own. The bytes are
 * JSON.stringify(value)'s (tests/server/json-stream.test.ts).
 */
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { CHUNK_CHARS } from './csv-stream';

/** Arrays shorter than this are written whole: splitting them gains nothing. */
const SPLIT_FROM = 64;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** Big arrays inside `value` (at any depth through plain objects and arrays) are split; the rest is stringified whole. */
function hasBigArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.length >= SPLIT_FROM || value.some(hasBigArray);
  if (isPlainObject(value)) return Object.values(value).some(hasBigArray);
  return false;
}

export async function* jsonChunks(value: unknown): AsyncGenerator<string> {
  let chunk = '';
  // Appends text; hands out a chunk (and gives the loop a turn) once ~64 KB have gathered.
  const out: string[] = [];
  const put = (text: string) => {
    chunk += text;
    if (chunk.length >= CHUNK_CHARS) {
      out.push(chunk);
      chunk = '';
    }
  };
  async function* write(v: unknown, inArray: boolean): AsyncGenerator<string> {
    if (!hasBigArray(v)) {
      const text = JSON.stringify(v);
      // As JSON.stringify does: in an array, what has no JSON (undefined, a function) is null.
      put(text === undefined ? (inArray ? 'null' : '') : text);
    } else if (Array.isArray(v)) {
      put('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) put(',');
        yield* write(v[i], true);
        while (out.length > 0) {
          yield out.shift() as string;
          await turn();
        }
      }
      put(']');
    } else {
      put('{');
      let first = true;
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        // Properties with no JSON are left out, as JSON.stringify leaves them out.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        put(`${first ? '' : ','}${JSON.stringify(k)}:`);
        first = false;
        yield* write(item, false);
      }
      put('}');
    }
  }
  yield* write(value, false);
  for (const c of out) yield c;
  if (chunk.length > 0) yield chunk;
}

/** `value` as an application/json answer, streamed (see the header). */
export function jsonReply(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.header('content-type', 'application/json; charset=utf-8').send(Readable.from(jsonChunks(value), { objectMode: false }));
}
