/**
 * The foundation's end-to-end path in real Chromium: enrol a ward tablet, lose the server,
 * record a hygiene observation, reload with the server still down (the app opens from the
 * service worker and the observation is there, counted as unsynced), bring the server back,
 * sync, and see it in the division manager's roll-up on a phone-sized screen.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiJson, apiLogin, freePort, launchBrowser, type RunningServer, shot, startServer, tempDataDir } from './harness';


let browser: Browser;
let server: RunningServer;
let port: number;
let dataDir: string;

beforeAll(async () => {
  port = await freePort();
  dataDir = tempDataDir();
  server = await startServer({ port, dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
}

describe('tablet offline → sync → division roll-up', () => {
  it('records offline, survives a reload without the server, and rolls up after sync', async () => {
    const manager = await apiLogin(server.url, 'avdchef21');
    const { code } = await apiJson<{ code: string }>(server.url, manager, 'POST', '/api/enrol-codes', { unitId: 'avd-21' });
    // The demo seed leaves Avdelning 21 without observations; note the division's completeness now.
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const before = await apiJson<{ nodes: { unitId: string; reporting: number; expected: number; counts: { n: number } }[] }>(
      server.url, await apiLogin(server.url, 'divisionschef'), 'GET', `/api/rollup/bhk?rootId=div-lsv&month=${month}`);
    const division = before.nodes.find((n) => n.unitId === 'div-lsv');
    const unitBefore = before.nodes.find((n) => n.unitId === 'avd-21');
    expect(unitBefore?.counts.n).toBe(0);

    // 1. Enrol the tablet (10" landscape) by typing the code as a person would.
    const tabletCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const tablet = await tabletCtx.newPage();
    await tablet.goto(server.url);
    await waitForServiceWorker(tablet);
    await tablet.getByRole('button', { name: 'Registrera surfplatta' }).click();
    await tablet.getByLabel('Registreringskod').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await tablet.getByRole('button', { name: 'Registrera surfplattan' }).click();
    await expect.poll(() => tablet.getByText(/Senast synkad/).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible()).toBe(true);
    await shot(tablet, 'e2e-tablet-enrolled');

    // 2. The server goes away; the tablet records an observation: profession, Allt korrekt, Spara.
    await server.stop();
    await tablet.getByRole('link', { name: 'Ny observation' }).or(tablet.getByRole('button', { name: 'Ny observation' })).first().click();
    await tablet.getByRole('button', { name: /Sjuksköterska/ }).click();
    await tablet.getByRole('button', { name: /Allt korrekt/ }).click();
    await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => tablet.getByText('Sparad').first().isVisible()).toBe(true);
    await expect.poll(() => tablet.getByText('1 osynkad ändring').isVisible()).toBe(true);
    await shot(tablet, 'e2e-tablet-saved-offline');

    // 3. Reload with the server still down: the shell comes from the service worker's precache.
    await tablet.reload();
    await expect.poll(() => tablet.getByText('1 osynkad ändring').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => tablet.getByText(/Servern nås inte/).isVisible(), { timeout: 30_000 }).toBe(true);
    await tablet.goto(`${server.url}/#/hygien`);
    await expect.poll(() => tablet.getByText(/n = 1 av 10/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(tablet, 'e2e-tablet-reloaded-offline');

    // 4. The server returns (same data); "Synka nu" sends the observation.
    server = await startServer({ port, dataDir });
    await tablet.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);

    // 5. The division manager, on a phone, sees it in the division's figure and at the unit.
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneCtx.newPage();
    await phone.goto(server.url);
    await phone.getByLabel('Användarnamn').fill('divisionschef');
    await phone.getByLabel('Lösenord').fill('pulstavlan');
    await phone.getByRole('button', { name: 'Logga in' }).click();
    // A manager's home is Mål och resultat; the hygiene overview (Hygienöversikt) is one menu step away.
    await expect.poll(() => phone.getByRole('button', { name: /Meny/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    await phone.goto(`${server.url}/#/oversikt`);
    await expect.poll(() => phone.getByText('Division Länssjukvård').first().isVisible(), { timeout: 30_000 }).toBe(true);
    const completeness = `${(division?.reporting ?? 0) + 1} av ${division?.expected} enheter har observerat`;
    await expect.poll(() => phone.getByText(completeness).isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(phone, 'e2e-phone-division');
    await phone.goto(`${server.url}/#/oversikt?unit=avd-21`);
    await expect.poll(() => phone.getByText('n = 1').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(phone, 'e2e-phone-unit');

    await tabletCtx.close();
    await phoneCtx.close();
  });
});
