/**
 * Issue 18 item 1, second line of defence (sync/README.md rule 5): an unexpected exception while
 * one change is checked or merged rejects that change alone (`internal`), while a database failure
 * fails the whole push so that nothing commits and the device retries. The failures are injected
 * into a real SQLite store by wrapping one read; the errors classified are real driver errors.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { isDatabaseError } from '../../src/server/sync/guard';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store, StoreTx } from '../../src/server/store/store';
import { AppError } from '../../src/shared/errors';
import { type Change, PushResponse } from '../../src/shared/protocol';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { assertPgReachable } from '../fixtures/postgres';
import { withPgClient } from '../../scripts/pg-admin';
import { type Harness, harness, loginAs, NOW, pullAll, pushRaw, TODAY } from './helpers';

/**
 * A real store whose transactions throw what `fault()` returns (null: nothing) when the safety
 * settings of `unitId` are read: the safety write rule reads them for every event of that unit.
 */
function faultyStore(unitId: string, fault: () => Error | null): Store {
  const real = createSqliteStore(':memory:');
  const wrap = (tx: StoreTx): StoreTx => ({
    ...tx,
    getRow: async (entity, id) => {
      const err = entity === 'safetySettings' && id === `safetySettings:${unitId}` ? fault() : null;
      if (err) throw err;
      return tx.getRow(entity, id);
    },
  });
  return { ...real, tx: (fn) => real.tx((tx) => fn(wrap(tx))) };
}

function safetyEvent(seq: number, deviceId: string, unitId: string): Change {
  const id = uuidv7();
  const fields = { id, unitId, date: TODAY, category: 'fall', severity: 'gul', reportedInDeviationSystem: false, createdAt: `${TODAY}T09:00:00.000Z` };
  const hlc = formatHlc({ millis: NOW, counter: seq, node: nodeFromDeviceId(deviceId) });
  return { seq, entity: 'safetyEvent', id, unitId, op: 'insert', fields, hlc, schemaVersion: SCHEMA_VERSION } as unknown as Change;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  vi.restoreAllMocks();
});

describe('one change that throws', () => {
  it('a bug tripped by one change rejects it alone as internal (logged with its seq); the others apply', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h = await harness({}, faultyStore('avd-22', () => new TypeError("Cannot read properties of undefined (reading 'x')")));
    const admin = await loginAs(h, 'admin');
    const changes = [safetyEvent(1, admin.deviceId, 'avd-21'), safetyEvent(2, admin.deviceId, 'avd-22'), safetyEvent(3, admin.deviceId, 'avd-21')];
    const res = await pushRaw(h, admin, changes);
    expect(res.statusCode, res.body).toBe(200);
    expect(PushResponse.parse(res.json())).toMatchObject({ ok: true, lastSeq: 3, rejected: [{ seq: 2, code: 'internal', path: [] }] });
    // Protocol 2: the raw feed (an admin's device pulls facts, not board rows, from protocol 3).
    expect((await pullAll(h, admin, 0, 2)).map((c) => c.id)).toEqual([changes[0]?.id, changes[2]?.id]);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(logged.mock.calls[0]?.[0]))).toMatchObject({ seq: 2, deviceId: admin.deviceId });
  });

  it('an AppError thrown inside a rule rejects that change with its own code and path', async () => {
    h = await harness({}, faultyStore('avd-22', () => new AppError('not-found', undefined, ['fields', 'x'])));
    const admin = await loginAs(h, 'admin');
    const res = await pushRaw(h, admin, [safetyEvent(1, admin.deviceId, 'avd-22'), safetyEvent(2, admin.deviceId, 'avd-21')]);
    expect(PushResponse.parse(res.json())).toMatchObject({ ok: true, lastSeq: 2, rejected: [{ seq: 1, code: 'not-found', path: ['fields', 'x'] }] });
  });

  it('a database failure fails the whole push: nothing applied, lastSeq unchanged, the retry succeeds', async () => {
    let broken = true;
    const dbError = () => {
      const db = new Database(':memory:');
      try {
        db.prepare('select * from no_such_table').all();
      } catch (e) {
        return e as Error;
      } finally {
        db.close();
      }
      throw new Error('unreachable');
    };
    h = await harness({}, faultyStore('avd-22', () => (broken ? dbError() : null)));
    const admin = await loginAs(h, 'admin');
    const changes = [safetyEvent(1, admin.deviceId, 'avd-21'), safetyEvent(2, admin.deviceId, 'avd-22')];
    const res = await pushRaw(h, admin, changes);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 500, code: 'internal' });
    expect((await h.store.getDevice(admin.deviceId))?.lastSeq).toBe(0);
    expect(await h.store.headSeq('/')).toBe(0);
    broken = false;
    const retry = await pushRaw(h, admin, changes);
    expect(PushResponse.parse(retry.json())).toMatchObject({ ok: true, lastSeq: 2, rejected: [] });
  });
});

describe('isDatabaseError', () => {
  it('is true for real SQLite and PostgreSQL errors, false for bugs and AppErrors', async () => {
    await assertPgReachable();
    const db = new Database(':memory:');
    const sqliteError = (() => {
      try {
        db.exec('insert into nowhere values (1)');
      } catch (e) {
        return e;
      }
    })();
    db.close();
    const pgErrors = await withPgClient(async (c) => {
      const out: unknown[] = [];
      for (const q of ['select * from no_such_table_18', "select 'a\u0000b'::text"]) {
        try {
          await c.query(q);
        } catch (e) {
          out.push(e);
        }
      }
      return out;
    });
    expect(pgErrors).toHaveLength(2);
    for (const e of [sqliteError, ...pgErrors]) expect(isDatabaseError(e), String(e)).toBe(true);
    for (const e of [new TypeError('x'), new RangeError('Maximum call stack size exceeded'), new Error('plain'), new AppError('validation'), 'a string'])
      expect(isDatabaseError(e), String(e)).toBe(false);
  });
});
