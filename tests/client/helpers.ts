/** Shared setup for the client data-layer tests: fresh databases, enrolled devices, engines. */
import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { ENROL_CODE_ALPHABET } from '../../src/shared/api';
import type { BhkSteps } from '../../src/shared/schema/bhk-observation';
import { enrol } from '../../src/client/auth/session';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import type { NewObservation } from '../../src/client/storage/bhk-repo';
import { createSyncEngine, type SyncEngineOptions } from '../../src/client/sync/engine';
import { createHttpTransport } from '../../src/client/sync/transport';
import type { FakeServer } from './fake-server';
import { afterEach, expect } from 'vitest';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { AppError } from '../../src/shared/errors';
import type { ServerChange } from '../../src/shared/protocol';
import { formatHlc } from '../../src/shared/sync/hlc';

export function freshDb(): PulsDb {
  return openDb(`test-${uuidv7()}`);
}

let codeCounter = 0;
export function newEnrolCode(): string {
  let n = ++codeCounter;
  let code = '';
  for (let i = 0; i < 8; i++) {
    code += ENROL_CODE_ALPHABET[n % ENROL_CODE_ALPHABET.length];
    n = Math.floor(n / ENROL_CODE_ALPHABET.length);
  }
  return code;
}

/** A database whose device is enrolled on `unitId` at `server`. */
export async function enrolledDb(server: FakeServer, unitId = 'u1', db: PulsDb = freshDb()): Promise<PulsDb> {
  const code = newEnrolCode();
  server.addEnrolCode(code, unitId);
  await enrol(db, code, 'test tablet', { fetch: server.fetch });
  return db;
}

export function engineFor(db: PulsDb, server: FakeServer, opts: Partial<SyncEngineOptions> = {}) {
  return createSyncEngine({
    db,
    transport: createHttpTransport(db, { fetch: server.fetch }),
    random: () => 0.5,
    ...opts,
  });
}

export const ALL_YES: BhkSteps = {
  handDisinfectionBefore: 'ja',
  gloves: 'ja',
  apron: 'ej_aktuellt',
  handDisinfectionAfter: 'ja',
  shortSleeves: 'ja',
  noJewellery: 'ja',
  nails: 'ja',
  hairTiedUp: 'ja',
};

export function observation(unitId = 'u1', date = '2025-03-14', extra: Partial<NewObservation> = {}): NewObservation {
  return { unitId, date, profession: 'sjukskoterska', selfAssessment: false, steps: ALL_YES, ...extra } as NewObservation;
}

/** A new observation as another tablet's change in a pulled page, stamped `millis` on its clock. */
export function pulledObservation(unitId: string, date: string, millis: number, serverSeq = 1): ServerChange {
  const o = { ...observation(unitId, date), id: uuidv7(), createdAt: new Date(millis).toISOString() };
  return { serverSeq, entity: 'bhkObservation', id: o.id, unitId, op: 'insert', fields: o, hlc: formatHlc({ millis, counter: 0, node: 'otherdevice' }) } as unknown as ServerChange;
}

/** Skatteverket's published test personnummer (valid date and check digit). */
export const TEST_PERSONNUMMER = '19121212-1212';

/**
 * Databases a test file opens, closed after each test: `device(server)` enrols a fresh one,
 * `track(db)` adopts one made another way.
 */
export function useDevices() {
  const dbs: PulsDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const track = (db: PulsDb): PulsDb => {
    dbs.push(db);
    return db;
  };
  return {
    track,
    device: async (server: FakeServer, unitId = 'u1'): Promise<PulsDb> => track(await enrolledDb(server, unitId)),
    deviceIdOf: async (db: PulsDb): Promise<string> => (await getMeta(db, 'credential'))!.deviceId,
  };
}

/**
 * Databases that carry a device credential for `deviceId` (no server, no identity), for the
 * repository tests: `sessionDb()` opens one; `track(...dbs)` adopts databases made another way.
 * All are closed after each test, or deleted with `{ deleteAfter: true }`.
 */
export function useSessionDbs(deviceId: string, opts: { deleteAfter?: boolean } = {}) {
  const dbs: PulsDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      if (opts.deleteAfter) await db.delete();
      else db.close();
    }
  });
  return {
    track: (...more: PulsDb[]): void => void dbs.push(...more),
    sessionDb: async (): Promise<PulsDb> => {
      const db = freshDb();
      dbs.push(db);
      await setMeta(db, 'credential', { deviceId, deviceSecret: 'x'.repeat(40) });
      return db;
    },
  };
}

/** The AppError a promise rejects with; the test fails when it resolves or throws anything else. */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
