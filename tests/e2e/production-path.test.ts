/**
 * Issue 12's "done when", as a new user following the README's production section does it, in one
 * run on PostgreSQL: a production start (NODE_ENV=production, DATABASE_URL) seeds nothing; the
 * console creates the first administrator (--password-stdin) and imports the org tree with
 * HSA-ids into the empty organisation; the server signs people in through a real OpenID provider
 * (tests/fixtures/oidc-provider.ts) and places a nurse in her unit by the HSA-id claim; she records
 * an observation offline in Chromium, it syncs when the network is back, and the administrator
 * reads her change in Administration → Logg.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type TestIdp } from '../fixtures/oidc-provider';
import { assertPgReachable, createSchema, dropSchema, PG_URL } from '../fixtures/postgres';
import { freePort, launchBrowser, observeOfflineThenSync, providerSignIn, ROOT, type RunningServer, shot, startServer, tempDataDir } from './harness';

function admin(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

const ORG = [
  'id;name;kind;parentId;hsaId',
  'region-v;Region Väst;region;;SE2321000016-0001',
  'div-m;Division Medicin;division;SE2321000016-0001;SE2321000016-0002',
  'vo-int;VO Internmedicin;vo;SE2321000016-0002;SE2321000016-0003',
  'avd-5;Avdelning 5 Infektion;enhet;SE2321000016-0003;SE2321000016-0005',
  'avd-6;Avdelning 6 Njur;enhet;SE2321000016-0003;SE2321000016-0006',
].join('\n');

let idp: TestIdp;
let server: RunningServer;
let browser: Browser;
let dataDir: string;
let schema: string;
let env: Record<string, string>;

beforeAll(async () => {
  await assertPgReachable();
  schema = await createSchema();
  const port = await freePort();
  const redirect = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
  idp = await startIdp([redirect]);
  idp.people.set('maja', { name: 'Maja Sjuksköterska', hsa_unit_id: 'SE2321000016-0005' });
  dataDir = tempDataDir();
  env = { NODE_ENV: 'production', DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, DATA_DIR: dataDir };
  server = await startServer({
    port,
    dataDir,
    env: {
      ...env,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URL: redirect,
      OIDC_ALLOW_HTTP: 'true',
      OIDC_SCOPES: 'openid profile hsa',
      OIDC_UNIT_CLAIM: 'hsa_unit_id',
      OIDC_JIT: 'true',
    },
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (schema) await dropSchema(schema);
});

describe('the production path on PostgreSQL, as the README tells it', () => {
  it('no demo → first admin → org with HSA-ids → the nurse signs in at the provider, lands in her unit, works offline → the admin reads it in Logg', async () => {
    // A production start seeds nothing: nobody can sign in with the demo's logins.
    const demo = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'pulstavlan' }) });
    expect(demo.status).toBe(401);

    // README step 2: the org tree with HSA-ids (parents named by HSA-id) into the empty
    // organisation, at the console while the server runs; the row without a parent is the root.
    const file = path.join(os.tmpdir(), `org-${schema}.csv`);
    fs.writeFileSync(file, ORG);
    const imported = await admin(['import-org', file], env);
    fs.rmSync(file, { force: true });
    expect(imported.code, imported.out).toBe(0);
    // Step 3: the first administrator, scoped to the root; a second is refused without --another.
    const created = await admin(['create-admin', '--username', 'it.admin', '--display-name', 'IT Admin', '--password-stdin'], env, 'ett-langt-losenord-1\n');
    expect(created.code, created.out).toBe(0);
    expect((await admin(['create-admin', '--username', 'it.admin2', '--password-stdin'], env, 'ett-langt-losenord-2\n')).code).not.toBe(0);

    // The nurse: the provider's login page, back in the app, in her unit by its HSA-id.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await providerSignIn(page, server.url, idp.issuer, 'maja');
    await expect.poll(() => page.getByText('Avdelning 5 Infektion').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await page.getByText('Allt synkat').waitFor({ state: 'visible', timeout: 30_000 });

    // Offline: one observation, kept; back online it syncs.
    await observeOfflineThenSync(page);
    await ctx.close();

    // The administrator reads the change, and the nurse's sign-in, in Logg.
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const adminPage = await adminCtx.newPage();
    await adminPage.goto(server.url);
    await adminPage.getByLabel('Användarnamn').fill('it.admin');
    await adminPage.getByLabel('Lösenord').fill('ett-langt-losenord-1');
    await adminPage.getByRole('button', { name: 'Logga in', exact: true }).click();
    await adminPage.getByText('Allt synkat').waitFor({ state: 'visible', timeout: 30_000 });
    await adminPage.goto(`${server.url}/#/admin/logg`);
    const row = adminPage.locator('table.audit-changes tr', { hasText: 'Maja Sjuksköterska' }).first();
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await row.textContent()).toContain('BHK-observation · ny');
    expect(await row.textContent()).toContain('Avdelning 5 Infektion');
    await adminPage.getByRole('button', { name: 'Säkerhetshändelser' }).click();
    const signedIn = adminPage.locator('table.audit-events tr', { hasText: 'Inloggning via regionens inloggning' }).first();
    await expect.poll(() => signedIn.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await signedIn.textContent()).toContain('Avdelning 5 Infektion');
    await shot(adminPage, 'e2e-production-audit-log');
    await adminCtx.close();
  }, 240_000);
});
