/**
 * A new app version while the tablet holds unsynced changes (docs/sync.md §2.4): the new service
 * worker waits, the app announces it, applies it only when the user taps "Uppdatera", and the
 * unsynced observation is still there afterwards and syncs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiJson, apiLogin, freePort, launchBrowser, ROOT, type RunningServer, shot, startServer, tempDataDir } from './harness';

let browser: Browser;
let server: RunningServer;
let dataDir: string;
let staticDir: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  // A private copy of the build, so this test can "deploy" a new version without touching dist/.
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-static-'));
  fs.cpSync(path.join(ROOT, 'dist'), staticDir, { recursive: true });
  server = await startServer({ port: await freePort(), dataDir, env: { STATIC_DIR: staticDir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
});

describe('app update with unsynced changes', () => {
  it('waits for the user, then updates without losing the outbox', async () => {
    const manager = await apiLogin(server.url, 'avdchef21');
    const { code } = await apiJson<{ code: string }>(server.url, manager, 'POST', '/api/enrol-codes', { unitId: 'avd-21' });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Registrera surfplatta' }).click();
    await page.getByLabel('Registreringskod').fill(code);
    await page.getByRole('button', { name: 'Registrera surfplattan' }).click();
    await expect.poll(() => page.getByText(/Senast synkad/).isVisible(), { timeout: 30_000 }).toBe(true);

    // The sync API is cut: the observation stays in the outbox.
    await ctx.route('**/api/sync/**', (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'Ny observation' }).or(page.getByRole('button', { name: 'Ny observation' })).first().click();
    await page.getByRole('button', { name: /Läkare/ }).click();
    await page.getByRole('button', { name: /Allt korrekt/ }).click();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByText('1 osynkad ändring').isVisible()).toBe(true);

    // Deploy a new version: the service worker script changes on the server.
    fs.appendFileSync(path.join(staticDir, 'sw.js'), '\n// next version\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect.poll(() => page.getByText('Ny version finns').isVisible(), { timeout: 30_000 }).toBe(true);
    // Announced, not applied: the old worker still controls the page and the form is untouched.
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
    await shot(page, 'e2e-update-available', false);

    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByRole('button', { name: 'Uppdatera', exact: true }).click()]);
    await expect.poll(() => page.getByText('1 osynkad ändring').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();

    await ctx.unroute('**/api/sync/**');
    await page.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await ctx.close();
  });
});
