/** The environment is parsed once, by zod, at start (architecture principle 2). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { createStore } from '../../src/server/store/index';

describe('loadConfig', () => {
  it('an empty environment gives the documented defaults (embedded SQLite under ./data)', () => {
    expect(loadConfig({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      STATIC_DIR: './dist',
      SEED_DEMO: true,
      ACCESS_TOKEN_TTL_S: 900,
      RATE_LIMIT_PER_DEVICE: 600,
      RATE_LIMIT_PER_IP: 120,
      RATE_LIMIT_PER_KEY: 120,
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      SQLITE_READ_THREADS: 2,
      sqliteFile: path.join('data', 'pulstavlan.sqlite'),
    });
  });

  it('values are coerced from strings; unrelated variables are ignored', () => {
    const c = loadConfig({ PORT: '3000', SEED_DEMO: 'false', DATA_DIR: '/var/lib/puls', ACCESS_TOKEN_TTL_S: '60', HOME: '/root', LOG_LEVEL: 'warn', SQLITE_READ_THREADS: '0' });
    expect(c).toMatchObject({ PORT: 3000, SEED_DEMO: false, ACCESS_TOKEN_TTL_S: 60, LOG_LEVEL: 'warn', SQLITE_READ_THREADS: 0, sqliteFile: '/var/lib/puls/pulstavlan.sqlite' });
  });

  it('DATABASE_URL switches the store to PostgreSQL; without it the store is SQLite', async () => {
    const pgConfig = loadConfig({ DATABASE_URL: 'postgres://puls@db.example:5432/puls' });
    expect(pgConfig.DATABASE_URL).toBe('postgres://puls@db.example:5432/puls');
    expect(loadConfig({ DATABASE_URL: 'postgresql://puls@db/puls' }).DATABASE_URL).toBe('postgresql://puls@db/puls');
    const pgStore = createStore(pgConfig); // a pool connects lazily: nothing is dialled here
    expect(pgStore.dialect).toBe('postgres');
    await pgStore.close();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-config-'));
    try {
      const sqliteConfig = loadConfig({ DATA_DIR: path.join(dir, 'nested') });
      expect(sqliteConfig.DATABASE_URL).toBeUndefined();
      const store = createStore(sqliteConfig);
      expect(store.dialect).toBe('sqlite');
      await store.migrate();
      await store.close();
      expect(fs.existsSync(path.join(dir, 'nested', 'pulstavlan.sqlite'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('NODE_ENV=production seeds no demo unless SEED_DEMO says so; SEED_DEMO=false never seeds (issue 12)', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
  });

  it('DATABASE_SCHEMA names a PostgreSQL schema; anything but a plain identifier is refused', () => {
    expect(loadConfig({ DATABASE_SCHEMA: 'puls_prod' }).DATABASE_SCHEMA).toBe('puls_prod');
    expect(() => loadConfig({ DATABASE_SCHEMA: 'x; drop table units' })).toThrow(/DATABASE_SCHEMA/);
  });

  it.each(['abc', '70000', '-1', '80.5'])('PORT=%j throws, naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it.each([
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['SEED_DEMO', 'yes'],
    ['ACCESS_TOKEN_TTL_S', '1'],
    ['RATE_LIMIT_PER_DEVICE', '0'],
    ['LOG_LEVEL', 'verbose'],
    ['SQLITE_READ_THREADS', '9'],
    ['SQLITE_READ_THREADS', 'two'],
  ])('%s=%j throws, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
