/**
 * A large JSON answer written as it is produced (issue 17, "nothing blocks"): a region's indicator
 * report is ~17,000 cells and 5.4 MB as objects, Gröna korset's roll-up 1,500 units' crosses and 3 MB, and one
 * JSON.stringify of either held the event loop for 25–50 ms, with every tablet's push waiting
 * behind it. Here the big arrays are written a run of elements at a time into ~64 KB chunks with a turn
 * of the event loop between chunks; JSON already written (RawJson) is copied as it is; everything
 * else is JSON.stringify's own. The bytes are JSON.stringify(value)'s (tests/server/json-stream.test.ts).
 */
import type { FastifyReply } from 'fastify';
import { setImmediate as turn } from 'node:timers/promises';
import { RawJson } from '../../shared/raw-json';
import { sendChunks } from './chunked-reply';
import { CHUNK_CHARS } from './csv-stream';

/** Arrays shorter than this are written whole: splitting them gains nothing. */
const SPLIT_FROM = 64;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Big arrays inside `value` (at any depth through plain objects and arrays) are split, and JSON
 * already written (RawJson) is copied; the rest is stringified whole.
 */
function hasBigArray(value: unknown): boolean {
  if (value instanceof RawJson) return true;
  if (Array.isArray(value)) {
    if (value.length >= SPLIT_FROM) return true;
    for (const item of value) if (typeof item === 'object' && item !== null && hasBigArray(item)) return true;
    return false;
  }
  if (!isPlainObject(value)) return false;
  for (const k in value) {
    const item = value[k];
    if (typeof item === 'object' && item !== null && hasBigArray(item)) return true;
  }
  return false;
}

/** Elements written by one JSON.stringify (see jsonChunks): a region report's run of cells is ~40 KB. */
const RUN = 128;

/** Whether JSON.stringify writes `v` as jsonChunks would: no JSON already written, no big array inside. */
const isWhole = (v: unknown): boolean => !(v instanceof RawJson) && !(typeof v === 'object' && v !== null && hasBigArray(v));

/**
 * The text is built synchronously and handed out in ~64 KB chunks, with a turn of the event loop
 * after each chunk (one await per chunk, not per element: a region's report is 17,000 cells).
 */
export async function* jsonChunks(value: unknown): AsyncGenerator<string> {
  let chunk = '';
  const out: string[] = [];
  // Appends text; a chunk is ready once ~64 KB have gathered.
  const put = (text: string) => {
    chunk += text;
    if (chunk.length >= CHUNK_CHARS) {
      out.push(chunk);
      chunk = '';
    }
  };
  // Writes `v` if it holds no big array (or is RawJson) and says so; else leaves it to `write`.
  const writeWhole = (v: unknown, inArray: boolean): boolean => {
    if (v instanceof RawJson) put(v.json);
    else if (typeof v === 'object' && v !== null && hasBigArray(v)) return false;
    else {
      const text = JSON.stringify(v);
      // As JSON.stringify does: in an array, what has no JSON (undefined, a function) is null.
      put(text === undefined ? (inArray ? 'null' : '') : text);
    }
    return true;
  };
  // Writes `v`; yields (nothing) whenever a chunk is ready, so the caller can hand it out.
  function* write(v: unknown, inArray: boolean): Generator<void> {
    if (writeWhole(v, inArray)) return;
    if (Array.isArray(v)) {
      put('[');
      for (let i = 0; i < v.length; ) {
        // Elements JSON.stringify can write as they are (a report's 17,000 cells) go RUN at a time,
        // one stringify a run rather than one per element; the rest (RawJson, big arrays) one by one.
        let j = i;
        while (j < v.length && j - i < RUN && isWhole(v[j])) j++;
        if (i > 0) put(',');
        if (j > i) {
          put((JSON.stringify(v.slice(i, j)) as string).slice(1, -1));
          i = j;
        } else {
          yield* write(v[i], true);
          i += 1;
        }
        if (out.length > 0) yield;
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
  for (const _ of write(value, false)) {
    while (out.length > 0) {
      yield out.shift() as string;
      await turn();
    }
  }
  for (const c of out) yield c;
  if (chunk.length > 0) yield chunk;
}

/** `value` as an application/json answer, streamed and compressed (chunked-reply.ts). */
export function jsonReply(reply: FastifyReply, value: unknown): Promise<FastifyReply> {
  return sendChunks(reply.header('content-type', 'application/json; charset=utf-8'), jsonChunks(value));
}
