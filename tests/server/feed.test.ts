/**
 * The feed of facts (issue 16) on SQLite and PostgreSQL: an incremental refresh (every page after
 * the last cursor, each listed block replaced) always equals a full read, over seeded random
 * rounds of pushes and any page size (a property test); the feed's counts equal the app's roll-up
 * for the same level and period; a key for VO Medicin never gets VO Kirurgi's rows; the CSV has
 * the JSON's columns and rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/store';
import { BhkPeriodRollupResponse } from '../../src/shared/bhk-api';
import { CreatedApiKey } from '../../src/shared/api-keys';
import { IndicatorReport } from '../../src/shared/indicators-api';
import type { FeedPage, FeedRow } from '../../src/shared/feed/tables';
import { BHK_STEPS, DEFAULT_PROFESSIONS } from '../../src/shared/schema/bhk-observation';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { uuidv7 } from 'uuidv7';
import type { Change } from '../../src/shared/protocol';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

/** mulberry32: a small seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = ['avd-21', 'avd-22', 'avd-31'];
const DAYS = ['2026-02-26', '2026-02-27', '2026-03-02', '2026-03-09', '2026-03-10'];

/** A local copy of a feed table as a BI tool keeps it: rows by block. */
type Replica = Map<string, FeedRow[]>;
const blockId = (b: { unitId: string; block: string }) => `${b.unitId}/${b.block}`;

describe.each([
  ['SQLite', async (): Promise<Store | undefined> => undefined],
  ['PostgreSQL', async (): Promise<Store | undefined> => (await assertPgReachable(), freshPgStore())],
] as const)('the feed on %s', (_, makeStore) => {
  let h: Harness;
  let admin: Client;
  const tablets = new Map<string, { client: Client; box: ReturnType<typeof outbox> }>();

  async function page(table: string, rootId: string, since: number, limit: number, token: Client | string = admin): Promise<FeedPage> {
    const res = await call(h, 'GET', `/api/feed/${table}?rootId=${rootId}&since=${since}&limit=${limit}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FeedPage;
  }
  /** Fetches every page after `since` into the replica; returns the last cursor. */
  async function refresh(replica: Replica, table: string, rootId: string, since: number, limit: number): Promise<number> {
    let cursor = since;
    for (let guard = 0; guard < 1000; guard++) {
      const p = await page(table, rootId, cursor, limit);
      const byBlock = new Map<string, FeedRow[]>(p.blocks.map((b) => [blockId(b), []]));
      for (const r of p.rows) byBlock.get(`${r.unitId}/${r.block}`)?.push(r);
      for (const [b, rows] of byBlock) replica.set(b, rows);
      expect(p.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = p.cursor;
      if (!p.more) return cursor;
    }
    throw new Error('the feed never ended');
  }
  const flat = (r: Replica) => [...r.values()].flat().map((x) => JSON.stringify(x)).sort();

  async function randomRound(rand: () => number, count: number) {
    const byUnit = new Map<string, ReturnType<typeof outbox>['insertObs'] extends (...a: never[]) => infer C ? C[] : never>();
    for (let i = 0; i < count; i++) {
      const unitId = UNITS[Math.floor(rand() * UNITS.length)] as string;
      const date = DAYS[Math.floor(rand() * DAYS.length)] as string;
      const steps = Object.fromEntries(BHK_STEPS.map((s) => [s, rand() < 0.85 ? 'ja' : 'nej']));
      const obs = observation(unitId, date, {
        profession: DEFAULT_PROFESSIONS[Math.floor(rand() * 3)],
        selfAssessment: rand() < 0.3,
        steps,
      });
      const t = tablets.get(unitId)!;
      byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), t.box.insertObs(obs)]);
    }
    for (const [unitId, changes] of byUnit) expect(await push(h, tablets.get(unitId)!.client, changes)).toMatchObject({ ok: true, rejected: [] });
  }

  beforeAll(async () => {
    h = await harness({}, await makeStore());
    admin = await loginAs(h, 'admin');
    for (const unitId of UNITS) {
      const client = await enrolTablet(h, admin, unitId);
      tablets.set(unitId, { client, box: outbox(client.deviceId, NOW) });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('incremental refresh = full read, after every seeded round of pushes and for any page size', async () => {
    for (const seed of [1, 2]) {
      const rand = prng(seed);
      const limit = 1 + Math.floor(rand() * 4);
      const replica: Replica = new Map();
      let cursor = await refresh(replica, 'bhk', 'region', 0, limit);
      for (let round = 0; round < 4; round++) {
        await randomRound(rand, 1 + Math.floor(rand() * 8));
        cursor = await refresh(replica, 'bhk', 'region', cursor, limit);
        const full: Replica = new Map();
        await refresh(full, 'bhk', 'region', 0, 50);
        expect(flat(replica)).toEqual(flat(full));
        expect(flat(full).length).toBeGreaterThan(0);
      }
      // Nothing changed since the last cursor: an empty page that keeps the cursor.
      const idle = await page('bhk', 'region', cursor, limit);
      expect([idle.rows, idle.blocks, idle.cursor, idle.more]).toEqual([[], [], cursor, false]);
    }
  });

  it('actions: incremental refresh = full read (upsert by actionId), and no free text ever leaves', async () => {
    const rand = prng(7);
    const t = tablets.get('avd-21')!;
    const ids: string[] = [];
    const actionChange = (id: string, op: 'insert' | 'patch' | 'delete', fields: Record<string, unknown>) => ({ ...t.box.patchSettings('avd-21', {}), entity: 'action', id, op, fields }) as Change;
    const pageAll = async (replica: Map<string, FeedRow>, since: number, limit: number) => {
      let cursor = since;
      for (;;) {
        const p = await page('actions', 'vo-med', cursor, limit);
        for (const r of p.rows) replica.set(String(r.actionId), r);
        cursor = p.cursor;
        if (!p.more) return cursor;
      }
    };
    const replica = new Map<string, FeedRow>();
    let cursor = await pageAll(replica, 0, 2);
    for (let round = 0; round < 4; round++) {
      const changes: Change[] = [];
      for (let i = 0; i < 1 + Math.floor(rand() * 3); i++) {
        const id = uuidv7();
        ids.push(id);
        changes.push(actionChange(id, 'insert', { id, unitId: 'avd-21', title: 'Hemligt: ring Anna', owner: 'AB', note: 'privat anteckning', status: 'oppen', createdAt: `${TODAY}T10:00:00.000Z`, cause: { kind: 'safetyDay', ref: TODAY, label: 'Röd dag' } }));
      }
      if (ids.length > 2) changes.push(actionChange(ids[Math.floor(rand() * (ids.length - 1))] as string, 'patch', { status: 'klar' }));
      if (round === 3) changes.push(actionChange(ids[0] as string, 'delete', {}));
      expect(await push(h, t.client, changes)).toMatchObject({ ok: true, rejected: [] });
      cursor = await pageAll(replica, cursor, 1 + Math.floor(rand() * 3));
      const full = new Map<string, FeedRow>();
      await pageAll(full, 0, 50);
      expect([...replica.entries()].sort()).toEqual([...full.entries()].sort());
    }
    expect(replica.get(ids[0] as string)?.deleted).toBe(true);
    expect([...replica.values()].some((r) => r.status === 'klar')).toBe(true);
    const text = JSON.stringify((await call(h, 'GET', '/api/feed/actions?rootId=vo-med', { token: admin })).json());
    for (const secret of ['Hemligt', 'privat', 'Röd dag', '"AB"']) expect(text).not.toContain(secret);
    expect(text).toContain('safetyDay');

    // Free text only on request and only for those allowed it: people; a key only if an admin said so.
    const withText = (await page('actions', 'vo-med', 0, 500)) as FeedPage;
    expect(withText.columns).not.toContain('title');
    const asAdmin = (await call(h, 'GET', '/api/feed/actions?rootId=vo-med&text=true&limit=500', { token: admin })).json() as FeedPage;
    expect(asAdmin.columns).toContain('title');
    expect(asAdmin.rows.some((r) => r.title === 'Hemligt: ring Anna')).toBe(true);
    const vochef = await loginAs(h, 'vochef');
    const refused = await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Med text', scopeUnitId: 'vo-med', freeText: true } });
    expect([refused.statusCode, refused.json().code, refused.json().path]).toEqual([403, 'forbidden', ['freeText']]);
    const plain = CreatedApiKey.parse((await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Utan text', scopeUnitId: 'vo-med' } })).json());
    const allowed = CreatedApiKey.parse((await call(h, 'POST', '/api/admin/api-keys', { token: admin, body: { name: 'Med text', scopeUnitId: 'vo-med', freeText: true } })).json());
    expect([plain.key.freeText, allowed.key.freeText]).toEqual([false, true]);
    const denied = await call(h, 'GET', '/api/feed/actions?rootId=vo-med&text=true', { token: plain.secret });
    expect([denied.statusCode, denied.json().code, denied.json().path]).toEqual([403, 'forbidden', ['text']]);
    expect(JSON.stringify((await call(h, 'GET', '/api/feed/actions?rootId=vo-med', { token: plain.secret })).json())).not.toContain('Hemligt');
    const granted = await call(h, 'GET', '/api/feed/actions?rootId=vo-med&text=true&limit=500', { token: allowed.secret });
    expect(granted.statusCode).toBe(200);
    expect(granted.body).toContain('Hemligt: ring Anna');
  });

  it('the feed\'s counts equal the app\'s roll-up for the same level and month; day rows sum to month rows', async () => {
    const full: Replica = new Map();
    await refresh(full, 'bhk', 'vo-med', 0, 500);
    const rows = [...full.values()].flat();
    expect(rows.filter((r) => r.unitId === 'avd-31')).toEqual([]);
    for (const month of ['2026-02', '2026-03']) {
      const res = await call(h, 'GET', `/api/bhk/rollup?rootId=vo-med&period=${month}&source=all`, { token: admin });
      const root = BhkPeriodRollupResponse.parse(res.json()).nodes.find((n) => n.unitId === 'vo-med')!;
      const monthRows = rows.filter((r) => r.grain === 'month' && r.period === month);
      const dayRows = rows.filter((r) => r.grain === 'day' && String(r.period).startsWith(month));
      const sum = (rs: FeedRow[], f: string) => rs.reduce((a, r) => a + Number(r[f]), 0);
      const professions = Object.values(root.professions);
      expect(sum(monthRows, 'n')).toBe(professions.reduce((a, p) => a + p.n, 0));
      expect(sum(monthRows, 'total')).toBe(professions.reduce((a, p) => a + p.totalAllOk, 0));
      expect(sum(monthRows.filter((r) => r.source === 'self'), 'n')).toBe(root.counts.selfAssessmentN);
      expect(sum(monthRows, 'n')).toBeGreaterThan(0);
      for (const f of ['n', 'total', 'hygiene', 'dress', 'glovesJa', 'glovesNej']) expect([month, f, sum(dayRows, f)]).toEqual([month, f, sum(monthRows, f)]);
    }
  });

  it('the indicator report as rows: one per node × indicator, the same values and parts as the report', async () => {
    const report = IndicatorReport.parse((await call(h, 'GET', '/api/indicators/report?rootId=vo-med&period=2026-03', { token: admin })).json());
    const res = await call(h, 'GET', '/api/feed/indicators?rootId=vo-med&period=2026-03', { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    const { rows, columns } = res.json() as { rows: FeedRow[]; columns: string[] };
    expect(rows.length).toBe(report.cells.length);
    const pick = (unitId: string, key: string, value: unknown, num: unknown, den: unknown, n: unknown, status: unknown) => JSON.stringify([unitId, key, value, num, den, n, status]);
    expect(rows.map((r) => pick(String(r.unitId), String(r.indicator), r.value, r.numerator, r.denominator, r.n, r.status)).sort()).toEqual(
      report.cells.map((c) => pick(c.unitId, c.key, c.value, c.num, c.den, c.n, c.status)).sort(),
    );
    const bhk = rows.find((r) => r.unitId === 'vo-med' && r.indicator === 'bhkTotal');
    expect(bhk?.denominator).toBeGreaterThan(0);
    const csv = await call(h, 'GET', '/api/feed/indicators.csv?rootId=vo-med&period=2026-03', { token: admin });
    expect(csv.body.split('\r\n')[0]).toBe(columns.join(','));
    expect(csv.body.trimEnd().split('\r\n').length).toBe(rows.length + 1);
  });

  it('a key for VO Medicin reads its feed, never VO Kirurgi\'s, and the CSV carries the JSON\'s rows', async () => {
    const vochef = await loginAs(h, 'vochef');
    const created = await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Qlik Medicin', scopeUnitId: 'vo-med' } });
    const { secret } = CreatedApiKey.parse(created.json());
    const forbidden = await call(h, 'GET', '/api/feed/bhk?rootId=vo-kir', { token: secret });
    expect([forbidden.statusCode, forbidden.json().code]).toEqual([403, 'scope-denied']);
    expect((await call(h, 'GET', '/api/feed/units?rootId=region', { token: secret })).statusCode).toBe(403);
    const units = await page('units', 'vo-med', 0, 10, secret);
    const ids = units.rows.map((r) => r.unitId);
    expect(ids).toEqual(expect.arrayContaining(['vo-med', 'avd-21', 'avd-22']));
    expect(ids.filter((id) => ['vo-kir', 'avd-31', 'region', 'div-lsv'].includes(String(id)))).toEqual([]);
    expect(units.rows.find((r) => r.unitId === 'vo-med')?.parentId).toBeNull();
    const json = await page('bhk', 'vo-med', 0, 500, secret);
    expect(json.rows.some((r) => r.unitId === 'avd-31')).toBe(false);
    const csv = await call(h, 'GET', '/api/feed/bhk.csv?rootId=vo-med&limit=500', { headers: { authorization: `Basic ${Buffer.from(`x:${secret}`).toString('base64')}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-feed-cursor']).toBe(String(json.cursor));
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(json.columns.join(','));
    expect(lines.length - 1).toBe(json.rows.length);
    expect(lines[1]?.split(',').length).toBe(json.columns.length);
  });
});
