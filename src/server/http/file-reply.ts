/**
 * A CSV export's answer: the file itself, streamed (csv-stream.ts), for a browser link, curl or
 * Excel, or `{filename, csv}` for the app's typed client, which accepts only JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendChunks } from './chunked-reply';
import { type CsvRows, csvChunks, csvWhole } from './csv-stream';

const wantsJson = (accept: string | undefined): boolean =>
  accept !== undefined && accept.includes('application/json') && !accept.includes('text/csv');

export async function csvReply(req: FastifyRequest, reply: FastifyReply, file: { filename: string; rows: CsvRows }) {
  if (wantsJson(req.headers.accept)) return { filename: file.filename, csv: await csvWhole(file.rows) };
  return sendChunks(
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store'),
    csvChunks(file.rows),
  );
}

/**
 * An Excel export's answer (issue 16): the .xlsx itself for a link, curl or a BI tool, or
 * `{filename, base64}` for the app's typed client, which accepts only JSON.
 */
export function xlsxReply(req: FastifyRequest, reply: FastifyReply, file: { filename: string; bytes: Buffer }, type: string) {
  if (wantsJson(req.headers.accept)) return { filename: file.filename, base64: file.bytes.toString('base64') };
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.bytes);
}
