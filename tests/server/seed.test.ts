/** The first-start demo seed, on both stores. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/auth/secrets';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/server/seed/demo-org';
import { BHK_HISTORY_DAYS, seedDemo } from '../../src/server/seed/seed';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { addDays, localDate } from '../../src/shared/domain/periods';
import { BhkObservation } from '../../src/shared/schema/bhk-observation';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { NOW } from './helpers';

const sqlite = async () => {
  const s = createSqliteStore(':memory:');
  await s.migrate();
  return s;
};
const STORES: [string, () => Promise<Store>][] = [['sqlite', sqlite]];
STORES.push(['postgres', freshPgStore]);

describe.each(STORES)('seedDemo on %s', (dialect, factory) => {
  let store: Store;
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates 1 region, 1 division, 4–5 VOs and 10–15 units as one consistent tree', async () => {
    store = await factory();
    expect(await seedDemo(store, NOW, { observations: false })).toBe(true);
    const units = await store.listUnits();
    const count = (kind: string) => units.filter((u) => u.kind === kind).length;
    expect(count('region')).toBe(1);
    expect(count('division')).toBe(1);
    expect(count('vo')).toBeGreaterThanOrEqual(4);
    expect(count('vo')).toBeLessThanOrEqual(5);
    expect(count('enhet')).toBeGreaterThanOrEqual(10);
    expect(count('enhet')).toBeLessThanOrEqual(15);
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const parent = u.parentId === null ? undefined : byId.get(u.parentId);
      expect(u.path).toBe(`${parent?.path ?? '/'}${u.id}/`);
      expect(u.closedAt).toBeNull();
    }
    expect(await store.headSeq('/')).toBe(0);
  });

  it('creates the demo accounts with the demo password and their scopes', async () => {
    store = await factory();
    await seedDemo(store, NOW, { observations: false });
    const accounts = await store.listAccounts();
    expect(accounts.map((a) => [a.username, a.role, a.scopeUnitId]).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.username, a.role, a.scopeUnitId]).sort(),
    );
    for (const a of accounts) {
      expect(await store.getUnit(a.scopeUnitId)).toBeDefined();
      expect(await verifyPassword(a.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
  });

  it('a second call is a no-op, and a database that already has units is never touched', async () => {
    store = await factory();
    await seedDemo(store, NOW, { observations: false });
    const units = await store.listUnits();
    const accounts = await store.listAccounts();
    expect(await seedDemo(store, NOW + 86_400_000)).toBe(false);
    expect(await store.listUnits()).toEqual(units);
    expect(await store.listAccounts()).toEqual(accounts);
    expect(await store.headSeq('/')).toBe(0);
    await store.close();

    store = await factory();
    await store.insertUnit({ id: 'real', name: 'Region Verklig', kind: 'region', parentId: null, path: '/real/', closedAt: null });
    expect(await seedDemo(store, NOW)).toBe(false);
    expect(await store.listAccounts()).toEqual([]);
  });

  it('sample observations go through the sync path: valid, in the change log, dated in the last 400 days', async () => {
    store = await factory();
    await seedDemo(store, NOW);
    const today = localDate(NOW);
    const rows = await store.listRows('bhkObservation', '/', addDays(today, -BHK_HISTORY_DAYS), today);
    expect(rows.length).toBeGreaterThan(400);
    // Dense lately (the boards), thinner back to the same month last year (the indicators' trends).
    const recent = rows.filter((r) => (r.data as { date: string }).date >= addDays(today, -70));
    expect(recent.length).toBeGreaterThan(120);
    const lastYear = rows.filter((r) => (r.data as { date: string }).date.slice(0, 7) === addDays(today, -365).slice(0, 7));
    expect(lastYear.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(BhkObservation.safeParse(r.data).success).toBe(true);
      expect((r.data as { date: string }).date < today).toBe(true);
    }
    const units = new Set(rows.map((r) => r.unitId));
    expect(units.has('avd-21')).toBe(false); // left empty on purpose: completeness shows "n av m"
    expect(units.size).toBeGreaterThanOrEqual(8);
    // Other boards seed their own demo data through their own devices; count the observations.
    const logged = (await store.pullChanges('/', 0, 100_000)).filter((c) => c.entity === 'bhkObservation');
    expect(logged).toHaveLength(rows.length);
    const device = await store.getDevice((await store.auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device).toMatchObject({ lastSeq: rows.length, label: 'Demodata' });
    expect(device?.revokedAt).not.toBeNull();
  });
});
