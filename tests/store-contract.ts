/**
 * The Store contract: one numbered suite that every Store implementation must pass
 * (architecture principle 6). tests/server/store-sqlite.test.ts and store-postgres.test.ts call
 * `registerStoreContract` with a factory that returns a fresh, migrated, empty store.
 * Test names cite the contract number, and the sync rule (src/shared/sync/README.md) it serves.
 */
import type { RowState } from '../src/shared/sync/merge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, UnitRow } from '../src/server/store/store';
import { audit, change, device, row, unit } from './fixtures/store-rows';

export function registerStoreContract(name: string, factory: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    /** A small tree: r ─ a ─ x ─ y, plus siblings whose ids share a prefix with a. */
    async function tree(...extra: UnitRow[]) {
      for (const u of [unit('r', null), unit('a', '/r/'), unit('x', '/r/a/'), unit('y', '/r/a/x/'), unit('ab', '/r/'), ...extra]) {
        await store.insertUnit(u);
      }
    }

    it('contract 1: migrate() twice is a no-op and keeps the data', async () => {
      await store.insertUnit(unit('r', null));
      await store.migrate();
      await store.migrate();
      expect(await store.listUnits()).toEqual([unit('r', null)]);
    });

    it('contract 2: units insert, get and list (ordered by path)', async () => {
      await store.insertUnit(unit('r', null));
      await store.insertUnit(unit('b', '/r/'));
      await store.insertUnit(unit('a', '/r/', { closedAt: '2026-01-01T00:00:00.000Z' }));
      expect(await store.getUnit('a')).toEqual(unit('a', '/r/', { closedAt: '2026-01-01T00:00:00.000Z' }));
      expect(await store.getUnit('nope')).toBeUndefined();
      expect((await store.listUnits()).map((u) => u.path)).toEqual(['/r/', '/r/a/', '/r/b/']);
      await expect(store.insertUnit(unit('a', '/r/'))).rejects.toThrow();
    });

    it('contract 3: updateUnit changes only the fields given', async () => {
      await tree();
      await store.updateUnit('a', { name: 'Renamed' });
      expect(await store.getUnit('a')).toEqual({ ...unit('a', '/r/'), name: 'Renamed' });
      await store.updateUnit('a', { closedAt: '2026-02-01T00:00:00.000Z', kind: 'vo' });
      expect(await store.getUnit('a')).toMatchObject({ name: 'Renamed', kind: 'vo', closedAt: '2026-02-01T00:00:00.000Z' });
      await store.updateUnit('a', { closedAt: null });
      expect((await store.getUnit('a'))?.closedAt).toBeNull();
      await store.updateUnit('a', {});
      expect(await store.getUnit('a')).toMatchObject({ name: 'Renamed', path: '/r/a/', parentId: 'r' });
    });

    it('contract 4: rewritePaths moves a whole subtree and nothing else', async () => {
      await tree(unit('b', '/r/'));
      await store.rewritePaths('/r/a/', '/r/b/a/');
      const paths = Object.fromEntries((await store.listUnits()).map((u) => [u.id, u.path]));
      expect(paths).toEqual({ r: '/r/', a: '/r/b/a/', x: '/r/b/a/x/', y: '/r/b/a/x/y/', ab: '/r/ab/', b: '/r/b/' });
    });

    it('contract 5: rewritePaths treats LIKE wildcards in ids literally', async () => {
      await tree(unit('a_', '/r/'), unit('a%', '/r/'), unit('aa', '/r/'), unit('a_c', '/r/'), unit('abc', '/r/'));
      await store.rewritePaths('/r/a_/', '/r/moved1/');
      await store.rewritePaths('/r/a%/', '/r/moved2/');
      await store.rewritePaths('/r/a_c/', '/r/moved3/');
      const paths = (await store.listUnits()).map((u) => u.path).sort();
      expect(paths).toEqual(['/r/', '/r/a/', '/r/a/x/', '/r/a/x/y/', '/r/aa/', '/r/ab/', '/r/abc/', '/r/moved1/', '/r/moved2/', '/r/moved3/']);
    });

    it('contract 6: accounts insert, get by id and username, list by username; usernames are unique', async () => {
      await store.insertUnit(unit('r', null));
      const a = { id: 'acc-b', username: 'bertil', displayName: 'Bertil', passwordHash: 'h1', role: 'staff', scopeUnitId: 'r', disabled: false };
      const b = { ...a, id: 'acc-a', username: 'anna', displayName: 'Anna', role: 'admin', disabled: true };
      await store.insertAccount(a);
      await store.insertAccount(b);
      expect(await store.getAccount('acc-b')).toEqual(a);
      expect(await store.getAccountByUsername('anna')).toEqual(b);
      expect(await store.getAccountByUsername('nobody')).toBeUndefined();
      expect(await store.getAccount('nobody')).toBeUndefined();
      expect((await store.listAccounts()).map((x) => x.username)).toEqual(['anna', 'bertil']);
      await expect(store.insertAccount({ ...a, id: 'acc-c' })).rejects.toThrow();
      await store.setAccountDisabled('acc-b', true);
      expect(await store.getAccount('acc-b')).toEqual({ ...a, disabled: true });
      await store.setAccountDisabled('acc-b', false);
      expect((await store.getAccount('acc-b'))?.disabled).toBe(false);
    });

    it('contract 7: devices round-trip every field; lastSeq and lastSeenAt update (sync rule 1)', async () => {
      const d = device('d1', { lastSeenAt: '2026-03-01T09:00:00.000Z' });
      await store.insertDevice(d);
      await store.insertDevice(device('p1', { kind: 'account', accountId: 'acc-1', unitId: null }));
      expect(await store.getDevice('d1')).toEqual(d);
      expect(await store.getDevice('p1')).toMatchObject({ kind: 'account', accountId: 'acc-1', unitId: null });
      expect(await store.getDevice('nope')).toBeUndefined();
      await store.setDeviceLastSeq('d1', 41);
      await store.touchDevice('d1', '2026-03-02T10:00:00.000Z');
      const after = await store.getDevice('d1');
      expect(after?.lastSeq).toBe(41);
      expect(typeof after?.lastSeq).toBe('number');
      expect(after?.lastSeenAt).toBe('2026-03-02T10:00:00.000Z');
    });

    it('contract 8: revokeDevice is idempotent: the first revocation time is kept', async () => {
      await store.insertDevice(device('d1'));
      await store.revokeDevice('d1', '2026-03-01T10:00:00.000Z');
      await store.revokeDevice('d1', '2026-03-05T10:00:00.000Z');
      expect((await store.getDevice('d1'))?.revokedAt).toBe('2026-03-01T10:00:00.000Z');
      await store.revokeDevice('unknown', '2026-03-05T10:00:00.000Z');
    });

    it('contract 9: listTablets returns only tablets of the given units, oldest first', async () => {
      await store.insertDevice(device('t2', { unitId: 'a', createdAt: '2026-03-02T00:00:00.000Z' }));
      await store.insertDevice(device('t1', { unitId: 'a', createdAt: '2026-03-01T00:00:00.000Z' }));
      await store.insertDevice(device('t3', { unitId: 'b' }));
      await store.insertDevice(device('p1', { kind: 'account', accountId: 'x', unitId: 'a' }));
      expect((await store.listTablets(['a'])).map((d) => d.id)).toEqual(['t1', 't2']);
      expect((await store.listTablets(['a', 'b'])).map((d) => d.id).sort()).toEqual(['t1', 't2', 't3']);
      expect(await store.listTablets([])).toEqual([]);
    });

    it('contract 10: an enrolment code is taken once', async () => {
      await store.insertEnrolCode('ABCD2345', 'a', 'd1', 10_000);
      expect(await store.takeEnrolCode('ABCD2345', 5_000)).toBe('a');
      expect(await store.takeEnrolCode('ABCD2345', 5_000)).toBeUndefined();
      expect(await store.takeEnrolCode('NEVERSET', 5_000)).toBeUndefined();
    });

    it('contract 11: an enrolment code is refused from its expiry time on', async () => {
      await store.insertEnrolCode('EXPIRED2', 'a', 'd1', 10_000);
      await store.insertEnrolCode('JUSTINTM', 'b', 'd1', 20_000);
      expect(await store.takeEnrolCode('EXPIRED2', 10_000)).toBeUndefined();
      expect(await store.takeEnrolCode('JUSTINTM', 19_999)).toBe('b');
      // Expired codes are purged, so an expired code stays dead even if the clock goes back.
      expect(await store.takeEnrolCode('EXPIRED2', 1)).toBeUndefined();
    });

    it('contract 12: putRow upserts and getRow returns the latest state (sync rules 10–12)', async () => {
      const first = row('r1', 'a', { entity: 'unitSettings', data: { id: 'r1', unitId: 'a', n: 1, s: 'åäö' }, hlcs: { n: 'h1' } });
      await store.putRow(first, '');
      expect(await store.getRow('unitSettings', 'r1')).toEqual(first);
      const second = { ...first, data: { ...first.data, n: 2, nested: { k: [1, 'x'] } }, hlcs: { n: 'h2', _deleted: 'h2' }, deleted: true };
      await store.putRow(second, '');
      expect(await store.getRow('unitSettings', 'r1')).toEqual(second);
      expect(await store.getRow('bhkObservation', 'r1')).toBeUndefined();
      expect(await store.getRow('unitSettings', 'nope')).toBeUndefined();
    });

    it('contract 13: appendChange returns increasing server_seq and keeps the audit (sync rules 7, 17)', async () => {
      await tree();
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) seqs.push(await store.appendChange(change('a', `c${i}`), { ...audit, accountId: i === 2 ? 'acc-1' : null }));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
      expect(await store.auditOf(seqs[2] as number)).toEqual({ ...audit, accountId: 'acc-1' });
      expect(await store.auditOf(999_999)).toBeUndefined();
    });

    it('contract 13b: getRows, putRows and appendChanges do in batches what their one-row forms do', async () => {
      await tree();
      const many = Array.from({ length: 450 }, (_, i) => row(`b${i}`, 'a', { entity: 'unitSettings', data: { id: `b${i}`, unitId: 'a', n: i }, hlcs: { n: `h${i}` } }));
      await store.putRow(many[7] as RowState, 'old');
      await store.putRows(many.map((r, i) => ({ row: r, sortKey: `k${i}` })));
      const changed = { ...(many[7] as RowState), data: { id: 'b7', unitId: 'a', n: -1 }, deleted: true };
      await store.putRows([{ row: changed, sortKey: 'k7' }]); // an upsert over an existing row
      const got = await store.getRows('unitSettings', [...many.map((r) => r.id), 'missing']);
      expect(got).toHaveLength(450);
      expect(got.find((r) => r.id === 'b7')).toEqual(changed);
      expect(got.find((r) => r.id === 'b449')).toEqual(many[449]);
      expect(await store.getRows('bhkObservation', ['b1'])).toEqual([]);
      expect(await store.getRows('unitSettings', [])).toEqual([]);
      expect((await store.listRows('unitSettings', '/r/', 'k448', 'k449')).map((r) => r.id).sort()).toEqual(['b448', 'b449']);

      const before = await store.headSeq('/r/');
      await store.appendChanges(Array.from({ length: 250 }, (_, i) => ({ change: change('a', `m${i}`), audit })));
      const pulled = await store.pullChanges('/r/', before, 1000);
      expect(pulled.map((c) => c.id)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i}`));
      expect(await store.auditOf(pulled[0]?.serverSeq as number)).toEqual(audit);
    });

    it('contract 14: pullChanges is ascending, cursor-exclusive and limited (sync rule 7)', async () => {
      await tree();
      const fields = { bhkTargetPct: 85, text: 'Ärende "x"', list: [1, { a: null }] };
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) seqs.push(await store.appendChange(change('a', `c${i}`, fields), audit));
      const all = await store.pullChanges('/r/', 0, 100);
      expect(all.map((c) => c.serverSeq)).toEqual(seqs);
      expect(all[0]).toEqual({ serverSeq: seqs[0], ...change('a', 'c0', fields) });
      const page = await store.pullChanges('/r/', seqs[1] as number, 3);
      expect(page.map((c) => c.id)).toEqual(['c2', 'c3', 'c4']);
      expect(await store.pullChanges('/r/', seqs[5] as number, 100)).toEqual([]);
    });

    it('contract 15: pullChanges never returns a unit outside the scope path (sync rule 14)', async () => {
      await tree();
      for (const u of ['r', 'a', 'x', 'y', 'ab']) await store.appendChange(change(u, `in-${u}`), audit);
      expect((await store.pullChanges('/r/a/', 0, 100)).map((c) => c.unitId)).toEqual(['a', 'x', 'y']);
      expect((await store.pullChanges('/r/a/x/', 0, 100)).map((c) => c.unitId)).toEqual(['x', 'y']);
      expect((await store.pullChanges('/r/ab/', 0, 100)).map((c) => c.unitId)).toEqual(['ab']);
      expect(await store.pullChanges('/other/', 0, 100)).toEqual([]);
    });

    it('contract 16: LIKE wildcards and letter case in ids do not leak other units (sync rule 14)', async () => {
      await tree(unit('a_c', '/r/'), unit('abc', '/r/'), unit('p%', '/r/'), unit('pq', '/r/'), unit('AB', '/r/'), unit('b\\', '/r/'), unit('b\\x', '/r/'));
      for (const u of ['a_c', 'abc', 'p%', 'pq', 'AB', 'ab', 'b\\', 'b\\x']) await store.appendChange(change(u, `in-${u}`), audit);
      const units = async (scope: string) => (await store.pullChanges(scope, 0, 100)).map((c) => c.unitId);
      expect(await units('/r/a_c/')).toEqual(['a_c']);
      expect(await units('/r/p%/')).toEqual(['p%']);
      expect(await units('/r/ab/')).toEqual(['ab']);
      expect(await units('/r/AB/')).toEqual(['AB']);
      expect(await units('/r/b\\/')).toEqual(['b\\']);
      expect(await store.headSeq('/r/a_c/')).toBe((await store.pullChanges('/r/a_c/', 0, 1))[0]?.serverSeq);
    });

    it('contract 17: headSeq is the highest server_seq in scope, 0 when there is none', async () => {
      await tree();
      expect(await store.headSeq('/r/')).toBe(0);
      const inA = await store.appendChange(change('a', 'c1'), audit);
      const inAb = await store.appendChange(change('ab', 'c2'), audit);
      expect(await store.headSeq('/r/a/')).toBe(inA);
      expect(await store.headSeq('/r/')).toBe(inAb);
      expect(await store.headSeq('/r/a/x/')).toBe(0);
    });

    it('contract 18: listRows filters by entity, scope, inclusive sort-key range and deleted', async () => {
      await tree();
      await store.putRow(row('o1', 'a'), '2026-03-01');
      await store.putRow(row('o2', 'x'), '2026-03-31');
      await store.putRow(row('o3', 'a'), '2026-04-01');
      await store.putRow(row('o4', 'a', { deleted: true }), '2026-03-15');
      await store.putRow(row('o5', 'ab'), '2026-03-15');
      await store.putRow(row('s1', 'a', { entity: 'unitSettings' }), '2026-03-15');
      const ids = async (scope: string) => (await store.listRows('bhkObservation', scope, '2026-03-01', '2026-03-31')).map((r) => r.id).sort();
      expect(await ids('/r/a/')).toEqual(['o1', 'o2']);
      expect(await ids('/r/')).toEqual(['o1', 'o2', 'o5']);
      expect(await store.listRows('unitSettings', '/r/', '2026-03-01', '2026-03-31')).toHaveLength(1);
    });

    it('contract 19: rejections are listed by device and seq range with their path (sync rules 3, 5)', async () => {
      await store.insertRejection('d1', { seq: 3, code: 'validation', path: ['fields', 'steps', 'gloves'] });
      await store.insertRejection('d1', { seq: 1, code: 'scope-denied', path: ['unitId'] });
      await store.insertRejection('d2', { seq: 2, code: 'clock-drift', path: ['hlc'] });
      expect(await store.listRejections('d1', 1, 3)).toEqual([
        { seq: 1, code: 'scope-denied', path: ['unitId'] },
        { seq: 3, code: 'validation', path: ['fields', 'steps', 'gloves'] },
      ]);
      expect(await store.listRejections('d1', 2, 2)).toEqual([]);
      await expect(store.insertRejection('d1', { seq: 1, code: 'validation', path: [] })).rejects.toThrow();
    });

    it('contract 23: a rejection keeps the row its change named, when given (sync rule 5)', async () => {
      await store.insertRejection('d1', { seq: 1, code: 'forbidden', path: ['fields', 'escalatedTo'], entity: 'action', id: 'a-1' });
      await store.insertRejection('d1', { seq: 2, code: 'validation', path: ['hlc'] });
      expect(await store.listRejections('d1', 1, 2)).toEqual([
        { seq: 1, code: 'forbidden', path: ['fields', 'escalatedTo'], entity: 'action', id: 'a-1' },
        { seq: 2, code: 'validation', path: ['hlc'] },
      ]);
      expect(Object.keys((await store.listRejections('d1', 2, 2))[0]!).sort()).toEqual(['code', 'path', 'seq']);
    });

    it('contract 20: ensureSecret is first-writer-wins (sync rule 18)', async () => {
      expect(await store.getSecret('k')).toBeUndefined();
      expect(await store.ensureSecret('k', 'first')).toBe('first');
      expect(await store.ensureSecret('k', 'second')).toBe('first');
      expect(await store.getSecret('k')).toBe('first');
    });

    it('contract 21: tx commits what fn wrote and returns its value; reads inside see own writes', async () => {
      const result = await store.tx(async (tx) => {
        await tx.lockChangeLog();
        await tx.insertUnit(unit('r', null));
        expect(await tx.getUnit('r')).toBeDefined();
        return 42;
      });
      expect(result).toBe(42);
      expect(await store.getUnit('r')).toBeDefined();
    });

    it('contract 22: a throw inside tx rolls everything back (sync rule 3)', async () => {
      await store.insertUnit(unit('r', null));
      const boom = new Error('boom');
      await expect(
        store.tx(async (tx) => {
          await tx.lockChangeLog();
          await tx.insertUnit(unit('a', '/r/'));
          await tx.updateUnit('r', { name: 'Changed' });
          await tx.insertDevice(device('d1'));
          await tx.putRow(row('o1', 'r'), '2026-03-01');
          await tx.appendChange(change('r', 'c1'), audit);
          await tx.insertRejection('d1', { seq: 1, code: 'validation', path: [] });
          await tx.insertEnrolCode('ROLLBACK', 'r', 'd1', 10_000);
          await tx.ensureSecret('k', 'v');
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.listUnits()).toEqual([unit('r', null)]);
      expect(await store.getDevice('d1')).toBeUndefined();
      expect(await store.getRow('bhkObservation', 'o1')).toBeUndefined();
      expect(await store.pullChanges('/', 0, 10)).toEqual([]);
      expect(await store.listRejections('d1', 0, 10)).toEqual([]);
      expect(await store.takeEnrolCode('ROLLBACK', 0)).toBeUndefined();
      expect(await store.getSecret('k')).toBeUndefined();
    });

    it('contract 24: orgView is kept while no unit changes and read again after any change, a rolled-back one included', async () => {
      await tree();
      const first = await store.orgView();
      expect(first.units).toEqual(await store.listUnits());
      expect(await store.orgView()).toBe(first);
      expect(await store.tx((tx) => tx.orgView())).toBe(first);
      expect([first.isParent('r'), first.isParent('a'), first.isParent('x'), first.isParent('y'), first.isParent('ab')]).toEqual([true, true, true, false, false]);
      const ids = async () => (await store.orgView()).units.map((u) => `${u.id}:${u.name}:${u.path}`);

      await store.insertUnit(unit('z', '/r/a/x/y/'));
      expect(await ids()).toContain('z:Unit z:/r/a/x/y/z/');
      expect((await store.orgView()).isParent('y')).toBe(true);
      await store.updateUnit('z', { name: 'Zeta' });
      expect(await ids()).toContain('z:Zeta:/r/a/x/y/z/');
      await store.rewritePaths('/r/a/x/', '/r/ab/x/');
      expect(await ids()).toContain('z:Zeta:/r/ab/x/y/z/');

      // A change inside a transaction is seen by it; rolled back, by nobody afterwards.
      const before = await store.orgView();
      await expect(
        store.tx(async (tx) => {
          await tx.updateUnit('z', { name: 'Never' });
          expect((await tx.orgView()).get('z')?.name).toBe('Never');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await store.orgView()).get('z')?.name).toBe('Zeta');
      expect((await store.orgView()).units).toEqual(before.units);
      await store.updateUnit('z', { name: 'Zed' });
      expect((await store.orgView()).get('z')?.name).toBe('Zed');
    });
  });
}
