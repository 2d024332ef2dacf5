import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { registerStoreContract } from '../store-contract';

registerStoreContract('sqlite (:memory:)', async () => {
  const store = createSqliteStore(':memory:');
  await store.migrate();
  return store;
});

describe('sqlite: the kept org tree (Store.orgView) and SQL outside the app', () => {
  it('a unit changed by SQL on the same file is seen at the next read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-org-'));
    const store = createSqliteStore(path.join(dir, 'db.sqlite'));
    await store.migrate();
    const raw = new Database(path.join(dir, 'db.sqlite'));
    try {
      await store.insertUnit({ id: 'r', name: 'Region', kind: 'region', parentId: null, path: '/r/', closedAt: null });
      await store.insertUnit({ id: 'u', name: 'Avd 1', kind: 'enhet', parentId: 'r', path: '/r/u/', closedAt: null });
      const kept = await store.orgView();
      expect(await store.orgView()).toBe(kept);
      raw.prepare(`update units set name = 'Avd 1 (ny)' where id = 'u'`).run();
      expect((await store.orgView()).get('u')?.name).toBe('Avd 1 (ny)');
      raw.prepare(`delete from units where id = 'u'`).run();
      expect((await store.orgView()).get('u')).toBeUndefined();
      raw.prepare(`insert into units (id, name, kind, parent_id, path, closed_at, created_at) values ('v', 'Avd 2', 'enhet', 'r', '/r/v/', null, '2026-12-06T00:00:00.000Z')`).run();
      expect((await store.orgView()).get('v')?.name).toBe('Avd 2');
    } finally {
      raw.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
