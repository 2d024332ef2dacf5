/**
 * The facts of a database that had rows before migration 0004: built at start unit by unit,
 * resumable after an interruption, equal to what the push path keeps, and a BHK correction stored
 * without originalDate (before the write rule required it) re-filed under its original's date so
 * the server counts it where a device does. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BhkPeriodRollupResponse } from '../../src/shared/bhk-api';
import { bhkPeriodRollup } from '../../src/shared/domain/bhk-rollup';
import { periodRange } from '../../src/shared/domain/periods';
import { BhkObservation } from '../../src/shared/schema/bhk-observation';
import { ensureFactsBuilt, rebuildFacts } from '../../src/server/facts/build';
import { DEMO_UNITS } from '../../src/server/seed/demo-org';
import type { Store } from '../../src/server/store/store';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, type Harness, harness, loginAs, NOW, push } from './helpers';

const TREE = DEMO_UNITS.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: null }));

/** Forgets every fact, as a database migrated from before 0003 would start. */
async function forgetFacts(store: Store): Promise<void> {
  await store.tx(async (tx) => {
    for (const u of await tx.listUnits()) await tx.facts.clearUnit(u.id);
    await tx.facts.setState('build', 'pending');
    await tx.facts.clearBuilt();
  });
}

describe.each(STORES)('facts of an older database (%s)', (dialect, factory) => {
  let h: Harness;
  let admin: Client;
  const records: BhkObservation[] = [];
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    admin = await loginAs(h, 'admin');
    const box = outbox(admin.deviceId, NOW);
    const first = observation('avd-21', '2026-01-20', { steps: { ...observation('x', '2026-01-01').steps, nails: 'nej' } });
    records.push(first, observation('avd-22', '2026-02-03'), observation('avd-31', '2026-02-28'));
    const res = await push(h, admin, records.map((o) => box.insertObs(o)));
    expect(res).toMatchObject({ ok: true, rejected: [] });
    // A correction written before originalDate was required: filed under its own date (February).
    const legacy = BhkObservation.parse({ ...observation('avd-21', '2026-02-10'), replaces: first.id });
    records.push(legacy);
    await h.store.tx(async (tx) => {
      await tx.putRows([{ row: { entity: 'bhkObservation', id: legacy.id, unitId: 'avd-21', data: { ...legacy }, hlcs: {}, deleted: false }, sortKey: legacy.date }]);
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('builds every unit\'s facts, re-files the legacy correction, and then matches a device', async () => {
    await forgetFacts(h.store);
    expect(await ensureFactsBuilt(h.store)).toBe(DEMO_UNITS.length);
    expect(await h.store.facts.getState('build')).toBe('done');
    expect((await rebuildFacts(h.store, { checkOnly: true })).differing).toEqual([]);
    const jan = await call(h, 'GET', '/api/bhk/rollup?rootId=vo-med&period=2026-01', { token: admin });
    const server = BhkPeriodRollupResponse.parse(jan.json());
    const device = bhkPeriodRollup(TREE, 'vo-med', records, periodRange('2026-01'));
    // The correction (all ja) replaces the January original (nails nej) in January, not February.
    expect(server.nodes.find((n) => n.unitId === 'avd-21')?.counts).toEqual(device.get('avd-21')?.counts.counts);
    expect(device.get('avd-21')?.counts.counts).toMatchObject({ n: 1, totalAllOk: 1 });
    const feb = BhkPeriodRollupResponse.parse((await call(h, 'GET', '/api/bhk/rollup?rootId=avd-21&period=2026-02', { token: admin })).json());
    expect(feb.nodes[0]?.counts.n).toBe(0);
  });

  it('resumes an interrupted build where it stopped', async () => {
    await forgetFacts(h.store);
    let calls = 0;
    const failing: Store = {
      ...h.store,
      tx: (fn) => {
        calls += 1;
        if (calls === 4) return Promise.reject(new Error('power cut'));
        return h.store.tx(fn);
      },
    };
    await expect(ensureFactsBuilt(failing)).rejects.toThrow('power cut');
    expect(await h.store.facts.getState('build')).toBe('pending');
    const before = await h.store.facts.builtCount();
    expect(before).toBe(3);
    const rest = await ensureFactsBuilt(h.store);
    expect(rest).toBe(DEMO_UNITS.length - 3);
    expect((await rebuildFacts(h.store, { checkOnly: true })).differing).toEqual([]);
  });

  it('the rebuild command reports a difference and repairs it', async () => {
    await h.store.tx(async (tx) => tx.facts.clearUnit('avd-22'));
    const check = await rebuildFacts(h.store, { checkOnly: true });
    expect(check.differing.map((d) => d.unitId)).toEqual(['avd-22']);
    expect(check.differing[0]?.lines.join('\n')).toContain('missing bhk avd-22 d 2026-02-03');
    await rebuildFacts(h.store, { checkOnly: false });
    expect((await rebuildFacts(h.store, { checkOnly: true })).differing).toEqual([]);
  });
});
