/**
 * Big answers, sent as they are produced and gzipped for clients that accept it (browsers, Node's
 * fetch and curl --compressed do, and undo it themselves). A region's indicator report is 4.4 MB
 * of JSON and a fact page ~0.8 MB, mostly repeated names and small numbers: several times smaller
 * on the wire, which is what a division manager's phone pays for (issue 17). zlib runs in libuv's
 * thread pool, off the event loop. An answer that is one small chunk goes out whole and plain;
 * anything else is streamed, chunk by chunk as the source makes them (json-stream.ts, csv-stream.ts).
 */
import { pipeline, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import type { FastifyReply } from 'fastify';

/** Below this an answer is not worth compressing. */
export const GZIP_FROM_CHARS = 8 * 1024;
/** zlib's level 4: most of level 6's gain on JSON at about half its time. */
const LEVEL = 4;
const gzipAsync = promisify(gzip);

const acceptsGzip = (reply: FastifyReply): boolean => /\bgzip\b/.test(String(reply.request.headers['accept-encoding'] ?? ''));

/** Sends the text `chunks` makes (the content type is the caller's), compressed when worth it and accepted. */
export async function sendChunks(reply: FastifyReply, chunks: AsyncGenerator<string>): Promise<FastifyReply> {
  const gz = acceptsGzip(reply);
  reply.header('vary', 'accept-encoding');
  const first = await chunks.next();
  const second = first.done ? first : await chunks.next();
  if (second.done) {
    const text = first.done ? '' : first.value;
    if (!gz || text.length < GZIP_FROM_CHARS) return reply.send(text);
    return reply.header('content-encoding', 'gzip').send(await gzipAsync(text, { level: LEVEL }));
  }
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield second.value as string;
    yield* chunks;
  }
  const body = Readable.from(all(), { objectMode: false });
  if (!gz) return reply.send(body);
  // Output in 64 KB pieces (zlib's default is 16 KB), a socket write each: for a region's compact
  // year report (~270 KB gzipped) the writes' time in a CPU profile fell from ~11 to ~7 ms a request.
  const zipped = createGzip({ level: LEVEL, chunkSize: 64 * 1024 });
  // A failure while writing ends the answer early; the client sees a broken body, never a wrong one.
  pipeline(body, zipped, (err) => {
    if (err) reply.log.warn({ err }, 'answer ended early');
  });
  return reply.header('content-encoding', 'gzip').send(zipped);
}
