/**
 * JSON text already written, to be put into an answer as it is: a fact row the database encoded
 * itself (issue 17: a region manager's first sync is ~2 million such rows, and reading each as an
 * object of 24 columns to write it out again was most of its time). The server's JSON writer
 * (server/http/json-stream.ts) copies the text; JSON.stringify gives the same through toJSON.
 */
export class RawJson {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}
