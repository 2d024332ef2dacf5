/**
 * A CSV download written as it is produced (issue 17: streaming for exports): the BOM, then the
 * rows' lines (bhk-csv.ts csvLine, the same bytes csvText writes) in chunks of about 64 KB, with a
 * turn of the event loop between chunks, so a region's file neither sits whole in memory as one
 * string nor holds up the tablets' pushes while it is written. Rows may come from an async source
 * (the audit log is read page by page).
 */
import { setImmediate as turn } from 'node:timers/promises';
import { CSV_BOM, csvLine, csvText } from '../../shared/domain/bhk-csv';

export type CsvRows = Iterable<readonly string[]> | AsyncIterable<readonly string[]>;

export const CHUNK_CHARS = 64 * 1024;

/**
 * The rows as runs read without an await between them: rows already in memory (a region's 17,000
 * indicator rows) as one run, since `for await` over them costs a promise per row; an async
 * source's rows one by one.
 */
async function* runsOf(rows: CsvRows): AsyncGenerator<Iterable<readonly string[]>> {
  if (Symbol.iterator in rows) {
    yield rows;
    return;
  }
  for await (const row of rows) yield [row];
}

export async function* csvChunks(rows: CsvRows): AsyncGenerator<string> {
  let chunk = CSV_BOM;
  for await (const run of runsOf(rows)) {
    for (const row of run) {
      chunk += csvLine(row);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
        await turn();
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The whole text (the app's typed client asks for `{filename, csv}` as JSON). */
export async function csvWhole(rows: CsvRows): Promise<string> {
  const all: (readonly string[])[] = [];
  for await (const row of rows) all.push(row);
  return csvText(all);
}
