/**
 * Issue 12 in real Chromium: the login screen's "Logga in med regionens inloggning" goes to a real
 * OpenID provider on loopback (tests/fixtures/oidc-provider.ts), the nurse signs in on the
 * provider's own login page, comes back and lands in her unit as staff (placed by her HSA group),
 * and stays signed in across a reload. A refused sign-in comes back with a Swedish message.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type TestIdp } from '../fixtures/oidc-provider';
import { freePort, launchBrowser, observeOfflineThenSync, providerSignIn, type RunningServer, shot, startServer, tempDataDir, uiLogin } from './harness';

let idp: TestIdp;
let server: RunningServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  const port = await freePort();
  const redirect = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
  idp = await startIdp([redirect]);
  idp.people.set('sara', { name: 'Sara Sjuksköterska', groups: ['SSK-AVD21'] });
  idp.people.set('vilse', { name: 'Vilse', groups: ['FEL-ENHET'] });
  idp.people.set('okand', { name: 'Okänd', groups: ['OKAND-GRUPP'] });
  idp.people.set('lakare', { name: 'Lars Läkare', groups: ['LAK-AVD22'] });
  dataDir = tempDataDir();
  server = await startServer({
    port,
    dataDir,
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URL: redirect,
      OIDC_ALLOW_HTTP: 'true',
      OIDC_SCOPES: 'openid profile hsa',
      OIDC_JIT: 'true',
      OIDC_POST_LOGOUT_REDIRECT_URL: `http://127.0.0.1:${port}/`,
      OIDC_GROUPS_CLAIM: 'groups',
      OIDC_ROLE_MAP: JSON.stringify({ 'SSK-AVD21': { role: 'staff', unit: 'avd-21' }, 'FEL-ENHET': { role: 'staff', unit: 'SE2321000016-SAKNAS' } }),
    },
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Content-Security-Policy refusals our own pages reported (issue 12: the app runs under its CSP). */
const cspViolations: string[] = [];
function watchCsp(page: import('playwright-core').Page) {
  page.on('console', (m) => {
    if (page.url().startsWith(server.url) && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}

async function signInAtProvider(login: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  watchCsp(page);
  await providerSignIn(page, server.url, idp.issuer, login);
  return { ctx, page };
}

describe('sign-in through the region’s identity provider, in Chromium', () => {
  it('the nurse clicks the button, signs in at the provider, lands in her unit, and stays signed in after a reload', async () => {
    const { ctx, page } = await signInAtProvider('sara');
    await expect.poll(() => page.getByText('Avdelning 21').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByLabel('Användarnamn').count()).toBe(0);
    // The ticket is gone from the address bar.
    expect(page.url()).not.toContain('inloggning=');
    await shot(page, 'e2e-oidc-landed', false);
    await page.reload();
    await expect.poll(() => page.getByText('Avdelning 21').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByLabel('Användarnamn').count()).toBe(0);

    // She records an observation with the network gone, then syncs when it is back.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await observeOfflineThenSync(page);

    // Logging out ends her session at the provider too: it asks, then sends her back to the app,
    // and the next sign-in asks for her login again instead of coming straight back.
    await page.getByRole('link', { name: 'Inställningar' }).first().click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer), { timeout: 30_000 });
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.href.startsWith(server.url), { timeout: 30_000 });
    await expect.poll(() => page.getByLabel('Användarnamn').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Logga in med regionens inloggning' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer), { timeout: 30_000 });
    await expect.poll(() => page.locator('input[name="login"]').isVisible(), { timeout: 30_000 }).toBe(true);
    await ctx.close();

    // The admin reads her change in Administration → Logg.
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminCtx.newPage();
    watchCsp(admin);
    await admin.goto(server.url);
    await admin.getByLabel('Användarnamn').fill('admin');
    await admin.getByLabel('Lösenord').fill('pulstavlan');
    await admin.getByRole('button', { name: 'Logga in', exact: true }).click();
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('link', { name: 'Logg' }).click();
    const row = admin.locator('table.audit-changes tr', { hasText: 'Sara Sjuksköterska' }).first();
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await row.textContent()).toContain('BHK-observation · ny');
    expect(await row.textContent()).toContain('Avdelning 21');
    await admin.getByRole('button', { name: 'Säkerhetshändelser' }).click();
    await expect.poll(() => admin.locator('table.audit-events tr', { hasText: 'Inloggning via regionens inloggning' }).first().isVisible()).toBe(true);
    await shot(admin, 'e2e-oidc-audit-log', false);

    // The admin maps a group to Avdelning 22 under Konton; a doctor in it signs in there.
    await admin.getByRole('link', { name: 'Konton' }).click();
    await admin.getByLabel('Grupp (värdet i inloggningens grupp-claim)').fill('LAK-AVD22');
    const groupForm = admin.locator('form', { hasText: 'Grupper hos regionens inloggning' });
    // The form's selects: the role, then the unit.
    const unitSelect = groupForm.locator('select').nth(1);
    const value = await unitSelect.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes('Avdelning 22'))?.value ?? '');
    await unitSelect.selectOption(value);
    await groupForm.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => admin.getByText(/LAK-AVD22/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await adminCtx.close();
    const doctor = await signInAtProvider('lakare');
    await expect.poll(() => doctor.page.getByText('Avdelning 22').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await doctor.ctx.close();
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it('refused sign-ins come back to the login screen with a Swedish message: a mapped unit we lack, a person nobody has placed yet', async () => {
    for (const [login, message] of [
      ['vilse', 'Din behörighet pekar på en enhet som saknas här'],
      ['okand', 'Du är inloggad hos regionen men ännu inte placerad i någon enhet här'],
    ] as const) {
      const { ctx, page } = await signInAtProvider(login);
      await expect.poll(() => page.getByText(message).isVisible(), { timeout: 30_000 }).toBe(true);
      expect(page.url()).not.toContain('inloggningsfel=');
      await expect.poll(() => page.getByLabel('Användarnamn').count()).toBe(1);
      await ctx.close();
    }
  }, 120_000);

  it('the admin places the waiting person under Konton; at her next sign-in she lands in that unit', async () => {
    const adminCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const admin = await adminCtx.newPage();
    await uiLogin(admin, server.url, 'admin', { worker: false });
    await admin.goto(`${server.url}/#/admin/konton`);
    const waiting = admin.locator('section.sign-in-waiting');
    await expect.poll(() => waiting.getByText('Okänd').isVisible(), { timeout: 30_000 }).toBe(true);
    const unitSelect = waiting.locator('select').nth(1);
    const value = await unitSelect.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes('Avdelning 23'))?.value ?? '');
    await unitSelect.selectOption(value);
    await waiting.getByRole('button', { name: 'Placera Okänd' }).click();
    await expect.poll(() => admin.getByText('Okänd är placerad').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(admin, 'e2e-oidc-placed-phone', false);
    await adminCtx.close();
    const placed = await signInAtProvider('okand');
    await expect.poll(() => placed.page.getByText('Avdelning 23').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await placed.ctx.close();
  }, 120_000);
});
