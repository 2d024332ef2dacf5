/**
 * A clean first start (issue 12), through the real console command and the real server process:
 * a production start seeds nothing and says how to create the first admin; `npm run admin`
 * creates it (generated, stdin or refused), imports the org tree into an empty organisation, and a
 * server already running on the same database signs the new admin in at once. SQLite and PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { buildApp } from '../../src/server/http/app';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { DeviceCredential } from '../../src/shared/api';
import { assertPgReachable, createSchema, dropSchema, PG_URL, pgStoreOn } from '../fixtures/postgres';

const ROOT = path.resolve(__dirname, '../..');

interface Run { code: number | null; stdout: string; stderr: string }
function run(script: string, args: string[], env: Record<string, string>, input?: string, untilOut?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (untilOut?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
const admin = (args: string[], env: Record<string, string>, input?: string) => run('src/server/cli/admin.ts', args, env, input);

interface Db { env: Record<string, string>; open(): Promise<Store>; cleanup(): Promise<void> }
const databases: [string, () => Promise<Db>][] = [
  ['SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-first-'));
    return {
      env: { DATA_DIR: dir },
      open: async () => { const s = createSqliteStore(path.join(dir, 'pulstavlan.sqlite')); await s.migrate(); return s; },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }],
  ['PostgreSQL', async () => {
    await assertPgReachable();
    const schema = await createSchema();
    return { env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }, open: () => pgStoreOn(schema), cleanup: () => dropSchema(schema) };
  }],
];

const ORG_CSV = 'id;name;kind;parentId\nregion-x;Region Exempel;region;\ndiv-1;Division Ett;division;region-x\navd-1;Avdelning 1;enhet;div-1\n';

describe.each(databases)('first start on %s', (_, make) => {
  let db: Db;
  let store: Store;
  beforeAll(async () => {
    db = await make();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await db?.cleanup();
  });

  it('a production start seeds nothing and its banner names no demo login but the admin command', async () => {
    const r = await run('src/server/main.ts', [], { ...db.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent', LOG_LEVEL: 'silent' }, undefined, /Avsluta med Ctrl\+C/);
    expect(r.stdout).toContain('Pulstavlan körs på');
    expect(r.stdout).not.toContain('Demoinloggningar');
    expect(r.stdout).toContain('npm run admin -- create-admin');
    store = await db.open();
    expect(await store.listUnits()).toEqual([]);
    expect(await store.listAccounts()).toEqual([]);
  }, 60_000);

  it('create-admin in an empty organisation without --region is refused and creates nothing', async () => {
    const r = await admin(['create-admin', '--username', 'it-admin'], db.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Organisationen är tom');
    expect(await store.listAccounts()).toEqual([]);
  }, 60_000);

  it('the org import at the console creates the root of an empty organisation; bad files change nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-org-'));
    try {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'id;name;kind;parentId\nr1;Region 1;region;\nr2;Region 2;region;\n');
      const refused = await admin(['import-org', bad], db.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Filen innehåller fel');
      expect(refused.stderr).toContain('rad 2 (parentId)');
      expect(await store.listUnits()).toEqual([]);
      const good = path.join(dir, 'org.csv');
      fs.writeFileSync(good, ORG_CSV);
      const r = await admin(['import-org', good], db.env);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('3 nya enheter');
      expect(await store.getUnit('avd-1')).toMatchObject({ path: '/region-x/div-1/avd-1/' });
      expect(await store.getUnit('region-x')).toMatchObject({ parentId: null, path: '/region-x/' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('create-admin with --password-stdin: a running server on the same database signs the admin in at once', async () => {
    const app = await buildApp({ store, tokenKey: await loadTokenKey(store), tokenTtlS: 900, rateLimitPerDevice: 1000, rateLimitPerIp: 1000, staticDir: null });
    try {
      const r = await admin(['create-admin', '--username', 'It-Admin', '--password-stdin', '--display-name', 'IT-avdelningen'], db.env, 'ett långt lösenord\n');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('ett långt lösenord');
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'it-admin', password: 'ett långt lösenord' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ role: 'admin', scopeUnitId: 'region-x', displayName: 'IT-avdelningen' });
      const created = await store.listSecurityEvents({ kind: 'account-created', subject: (await store.getAccountByUsername('it-admin'))!.id });
      expect(created.map((e) => ({ actor: e.actor, outcome: e.outcome }))).toEqual([{ actor: 'console', outcome: 'ok' }]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('a second create-admin is refused unless --another; a generated password is printed once and works', async () => {
    const refused = await admin(['create-admin', '--username', 'other'], db.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Det finns redan en administratör (it-admin)');
    expect(await store.getAccountByUsername('other')).toBeUndefined();
    const r = await admin(['create-admin', '--username', 'other', '--another'], db.env);
    expect(r.code).toBe(0);
    const password = /Lösenord \(visas bara nu, byt det gärna\): (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    const app = await buildApp({ store, tokenKey: await loadTokenKey(store), tokenTtlS: 900, rateLimitPerDevice: 1000, rateLimitPerIp: 1000, staticDir: null });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'other', password } });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.close();
    }
    const short = await admin(['create-admin', '--username', 'third', '--another', '--password-stdin'], db.env, 'kort');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('8–200 tecken');
    expect(await store.getAccountByUsername('third')).toBeUndefined();
  }, 60_000);

  it('an unknown command prints the usage', async () => {
    const r = await admin(['drop-everything'], db.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm run admin -- create-admin');
  }, 60_000);
});

describe('create-admin --region in an empty organisation', () => {
  it('creates the root and the admin scoped to it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-first-'));
    try {
      const r = await admin(['create-admin', '--username', 'boss', '--region', 'Region Norr', '--region-id', 'rn', '--password-stdin'], { DATA_DIR: dir }, 'hemligt-och-langt');
      expect(r.stderr).toBe('');
      const store = createSqliteStore(path.join(dir, 'pulstavlan.sqlite'));
      try {
        expect(await store.listUnits()).toEqual([{ id: 'rn', name: 'Region Norr', kind: 'region', parentId: null, path: '/rn/', closedAt: null }]);
        expect(await store.getAccountByUsername('boss')).toMatchObject({ role: 'admin', scopeUnitId: 'rn' });
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
