/**
 * Migration 0007 (issue 12) on a database that already has a security log: each older event gets
 * the unit it is about from what it names (an account by id or username, a tablet's unit or a
 * person's scope for a device, a key's subtree); an event about nobody we know keeps none (it
 * stays the whole organisation's admin's). SQLite and PostgreSQL, through the real migrations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dropMigrationSchemas, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

describe.each(MIGRATION_DATABASES)('migration 0007 on %s', (_, _dialect, open) => {
  it('older security events get the unit they are about; an unknown subject keeps none', async () => {
    const { db, migrator } = await open();
    try {
      const before = await migrator.migrateTo('0006_api_keys');
      expect(before.error).toBeUndefined();
      const at = '2026-11-01T08:00:00.000Z';
      await db.insertInto('units').values([
        { id: 'reg', name: 'Region', kind: 'region', parent_id: null, path: '/reg/', closed_at: null, created_at: at },
        { id: 'u1', name: 'Avdelning 1', kind: 'enhet', parent_id: 'reg', path: '/reg/u1/', closed_at: null, created_at: at },
      ]).execute();
      await db.insertInto('accounts').values({ id: 'a1', username: 'anna', display_name: 'Anna', password_hash: 'x', role: 'staff', scope_unit_id: 'u1', disabled: 0, created_at: at }).execute();
      await db.insertInto('devices').values([
        { id: 'tab1', kind: 'tablet', account_id: null, unit_id: 'u1', label: 'Surfplatta', secret_hash: 'x', last_seq: 0, created_at: at },
        { id: 'phone1', kind: 'account', account_id: 'a1', unit_id: null, label: 'Telefon', secret_hash: 'x', last_seq: 0, created_at: at },
      ]).execute();
      await db.insertInto('api_keys').values({ id: 'key1', name: 'BI', scope_unit_id: 'reg', secret_hash: 'x', created_by: null, created_at: at, expires_on: null, revoked_at: null, last_used_at: null, free_text: 0 }).execute();
      const events: [string, string][] = [
        ['login', 'anna'], ['login', 'finns.inte'], ['account-created', 'a1'], ['account-disabled', 'a1'],
        ['device-enrolled', 'tab1'], ['device-revoked', 'phone1'], ['api-key-used', 'key1'], ['login-oidc', 'någon (oidc-failed)'],
      ];
      for (const [kind, subject] of events) await db.insertInto('security_events').values({ at, kind, actor: null, subject, address: null, outcome: 'ok' }).execute();

      const after = await migrator.migrateToLatest();
      expect(after.error).toBeUndefined();
      const rows = await db.selectFrom('security_events').select(['kind', 'subject', 'unit_id']).orderBy('seq').execute();
      expect(rows.map((r) => [r.kind, r.subject, r.unit_id])).toEqual([
        ['login', 'anna', 'u1'],
        ['login', 'finns.inte', null],
        ['account-created', 'a1', 'u1'],
        ['account-disabled', 'a1', 'u1'],
        ['device-enrolled', 'tab1', 'u1'],
        ['device-revoked', 'phone1', 'u1'],
        ['api-key-used', 'key1', 'reg'],
        ['login-oidc', 'någon (oidc-failed)', null],
      ]);
      // The waiting list exists and is empty.
      expect(await db.selectFrom('sign_in_waiting').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});
