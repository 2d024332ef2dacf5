/**
 * The store contract on PostgreSQL, plus what only PostgreSQL can get wrong: several server
 * processes (here: several Store instances on one schema) writing the change log at once.
 * Never skipped silently; see tests/fixtures/postgres.ts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, principalFor } from '../../src/server/auth/principal';
import { loadTokenKey } from '../../src/server/auth/tokens';
import type { DeviceRow, LoggedChange, Store } from '../../src/server/store/store';
import { handlePush } from '../../src/server/sync/push';
import { type Change, PROTOCOL_VERSION } from '../../src/shared/protocol';
import {
  PG_URL,
  assertPgReachable,
  createSchema,
  dropSchema,
  freshPgStore,
  pgStoreOn,
} from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { registerStoreContract } from '../store-contract';

const NOW = Date.UTC(2026, 2, 10, 9, 0, 0);
const DATE = '2026-03-10';

beforeAll(assertPgReachable);
registerStoreContract('postgres', freshPgStore);

describe('postgres: two server processes share one change log', () => {
  let schema: string;
  let a: Store;
  let b: Store;
  let reader: Store;
  const principals: Record<string, Principal> = {};

  beforeAll(async () => {
    await assertPgReachable();
    schema = await createSchema();
    [a, b] = [await pgStoreOn(schema), await pgStoreOn(schema)];
    reader = await pgStoreOn(schema);
    await a.insertUnit({ id: 'r', name: 'R', kind: 'region', parentId: null, path: '/r/', closedAt: null });
    for (const u of ['u1', 'u2', 'u3', 'u4']) {
      await a.insertUnit({ id: u, name: u, kind: 'enhet', parentId: 'r', path: `/r/${u}/`, closedAt: null });
      const d: DeviceRow = {
        id: `dev-${u}`, kind: 'tablet', accountId: null, unitId: u, label: u, secretHash: '00'.repeat(32),
        lastSeq: 0, createdAt: new Date(NOW).toISOString(), lastSeenAt: null, revokedAt: null,
      };
      await a.insertDevice(d);
      principals[u] = await principalFor(a, d);
    }
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), reader?.close()]);
    if (schema) await dropSchema(schema);
  });

  const push = (store: Store, unit: string, changes: Change[]) =>
    handlePush(store, principals[unit] as Principal, { protocolVersion: PROTOCOL_VERSION, deviceId: `dev-${unit}` as never, changes }, NOW);

  /** Polls pg_locks until some transaction waits for the change-log lock (no timing asserted). */
  async function untilSomeoneWaitsForTheLock(stop: { now: boolean }): Promise<void> {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      while (!stop.now) {
        const r = await client.query<{ n: string }>(
          "select count(*) as n from pg_locks where locktype = 'advisory' and objid = 7261001 and not granted",
        );
        if (Number(r.rows[0]?.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      await client.end();
    }
  }

  it('rule 7: a push waits for an open push, so a reader between the commits sees no hole', async () => {
    const cursor = await reader.headSeq('/r/');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let heldSeq = 0;
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    // Process A: a push transaction that has written its change but not yet committed.
    const slow = a.tx(async (tx) => {
      await tx.lockChangeLog();
      const o = observation('u1', DATE);
      heldSeq = await tx.appendChange(
        { entity: 'bhkObservation', id: o.id, unitId: 'u1', op: 'insert', fields: { ...o }, hlc: outbox('dev-u1', NOW).insertObs(o).hlc },
        { deviceId: 'dev-u1', accountId: null, receivedAt: new Date(NOW).toISOString() },
      );
      locked();
      await gate;
    });
    await hasLock;
    // Process B: a whole push, which must queue behind A instead of committing a later seq first.
    const fast = push(b, 'u2', [outbox('dev-u2', NOW).insertObs(observation('u2', DATE))]);
    const stop = { now: false };
    const committedEarly = fast.then(() => {
      throw new Error('a push committed while another transaction held the change-log lock');
    });
    committedEarly.catch(() => undefined);
    try {
      await Promise.race([untilSomeoneWaitsForTheLock(stop), committedEarly]).finally(() => (stop.now = true));
      expect(await reader.pullChanges('/r/', cursor, 100)).toEqual([]);
    } finally {
      release(); // never leave the lock held, even when the test fails
      await slow;
    }
    expect(await fast).toMatchObject({ ok: true, lastSeq: 1, rejected: [] });
    const after = await reader.pullChanges('/r/', cursor, 100);
    expect(after.map((c) => c.unitId)).toEqual(['u1', 'u2']);
    expect(after[0]?.serverSeq).toBe(heldSeq);
  });

  it('rule 7: concurrent pushes from two processes: both succeed, a polling reader pulls every change exactly once', async () => {
    const start = await reader.headSeq('/r/');
    const rounds = 8;
    const perPush = 15;
    const sent = new Set<string>();
    const device = (store: Store, unit: string) => async () => {
      const box = outbox(`dev-${unit}`, NOW, 1);
      for (let i = 0; i < rounds; i++) {
        const changes = Array.from({ length: perPush }, () => box.insertObs(observation(unit, DATE)));
        for (const c of changes) sent.add(c.id);
        const reply = await push(store, unit, changes);
        expect(reply).toMatchObject({ ok: true, lastSeq: (i + 1) * perPush, rejected: [] });
      }
    };
    const pulled: LoggedChange[] = [];
    let cursor = start;
    let done = false;
    const poll = async () => {
      for (;;) {
        const finished = done; // read before pulling: the last pull starts after both pushes ended
        const page = await reader.pullChanges('/r/', cursor, 7);
        pulled.push(...page);
        if (page.length > 0) cursor = (page[page.length - 1] as LoggedChange).serverSeq;
        if (finished && page.length === 0) return;
        if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const puller = poll();
    await Promise.all([device(a, 'u3')(), device(b, 'u4')()]);
    done = true;
    await puller;
    const ids = pulled.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(sent);
    const seqs = pulled.map((c) => c.serverSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect((await a.getDevice('dev-u3'))?.lastSeq).toBe(rounds * perPush);
    expect((await b.getDevice('dev-u4'))?.lastSeq).toBe(rounds * perPush);
  });

  it('rule 18: two processes starting at once agree on the token signing key', async () => {
    const [ka, kb] = await Promise.all([loadTokenKey(a), loadTokenKey(b)]);
    expect(Buffer.from(ka.key).equals(Buffer.from(kb.key))).toBe(true);
  });

  it('rule 18: an enrolment code taken by two processes at once enrols only one tablet', async () => {
    await a.insertEnrolCode('RACE2345', 'u1', 'dev-u1', NOW + 60_000);
    const taken = await Promise.all([a.tx((tx) => tx.takeEnrolCode('RACE2345', NOW)), b.tx((tx) => tx.takeEnrolCode('RACE2345', NOW))]);
    expect(taken.filter((u) => u === 'u1')).toHaveLength(1);
    expect(taken.filter((u) => u === undefined)).toHaveLength(1);
  });

  it('rule 3: the same push sent to two processes at once is applied once', async () => {
    const box = outbox('dev-u1', NOW, 1);
    const changes = [box.insertObs(observation('u1', DATE)), box.insertObs(observation('u1', DATE))];
    const before = await reader.headSeq('/r/u1/');
    const replies = await Promise.all([push(a, 'u1', changes), push(b, 'u1', changes)]);
    for (const r of replies) expect(r).toMatchObject({ ok: true, lastSeq: 2, rejected: [] });
    const logged = await reader.pullChanges('/r/u1/', before, 100);
    expect(logged.map((c) => c.id)).toEqual(changes.map((c) => c.id));
  });
});

describe('postgres: the kept org tree (Store.orgView) across server processes and plain SQL', () => {
  it('two transactions writing units queue on the token instead of deadlocking', async () => {
    const schema = await createSchema();
    const store = await pgStoreOn(schema);
    const client = () => new pg.Client({ connectionString: PG_URL });
    const [ca, cb, cw] = [client(), client(), client()];
    for (const c of [ca, cb, cw]) await c.connect();
    try {
      await store.insertUnit({ id: 'r', name: 'Region', kind: 'region', parentId: null, path: '/r/', closedAt: null });
      await store.insertUnit({ id: 'x', name: 'VO X', kind: 'vo', parentId: 'r', path: '/r/x/', closedAt: null });
      await store.insertUnit({ id: 'y', name: 'Avd Y', kind: 'enhet', parentId: 'x', path: '/r/x/y/', closedAt: null });
      // A renames X; B renames Y meanwhile; then A writes Y too (as a move rewrites the paths below).
      await ca.query('begin');
      await ca.query(`update ${schema}.units set name = 'VO X2' where id = 'x'`);
      await cb.query('begin');
      const bWrites = cb.query(`update ${schema}.units set name = 'Avd Y2' where id = 'y'`).then(() => cb.query('commit'));
      // B waits (for the token's row, taken before any unit's) before A goes on.
      for (;;) {
        const r = await cw.query<{ n: string }>("select count(*) as n from pg_locks where not granted and locktype in ('transactionid', 'tuple')");
        if (Number(r.rows[0]?.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await ca.query(`update ${schema}.units set path = '/r/x/y/' where id = 'y'`);
      await ca.query('commit');
      await bWrites;
      expect((await store.orgView()).get('y')?.name).toBe('Avd Y2');
      expect((await store.orgView()).get('x')?.name).toBe('VO X2');
    } finally {
      for (const c of [ca, cb, cw]) await c.end();
      await store.close();
      await dropSchema(schema);
    }
  });

  it('a unit changed by another process or by SQL outside the app is seen at the next read', async () => {
    const schema = await createSchema();
    const [a, b] = [await pgStoreOn(schema), await pgStoreOn(schema)];
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await a.insertUnit({ id: 'r', name: 'Region', kind: 'region', parentId: null, path: '/r/', closedAt: null });
      const kept = await a.orgView();
      expect(await a.orgView()).toBe(kept);
      await b.insertUnit({ id: 'u', name: 'Avd 1', kind: 'enhet', parentId: 'r', path: '/r/u/', closedAt: null });
      expect((await a.orgView()).get('u')?.name).toBe('Avd 1');
      await client.query(`update ${schema}.units set name = 'Avd 1 (ny)' where id = 'u'`);
      expect((await a.orgView()).get('u')?.name).toBe('Avd 1 (ny)');
      await client.query(`delete from ${schema}.units where id = 'u'`);
      expect((await a.orgView()).get('u')).toBeUndefined();
      await client.query(`truncate ${schema}.units cascade`);
      expect((await a.orgView()).units).toEqual([]);
    } finally {
      await client.end();
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });
});
