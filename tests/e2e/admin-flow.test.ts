/**
 * The README's "try the whole path" as a new user would do it, in Chromium: the admin creates a
 * unit in the admin screen, creates an enrolment code for it, a tablet in a second window enrols
 * with that code, records an observation with the network cut (context offline + server requests
 * aborted), comes back online, syncs, and the admin sees the new unit counted in the roll-up.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest } from './harness';

const env = useAppUnderTest();

/** Chooses the option of a labelled <select> whose text contains `text` (tree options are indented). */
async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByLabel(label);
  const value = await select.evaluate((el, t) => {
    const option = [...(el as HTMLSelectElement).options].find((o) => o.text.includes(t));
    return option?.value ?? null;
  }, text);
  expect(value, `option "${text}" in ${label}`).not.toBeNull();
  await select.selectOption(value as string);
}

describe('a new user follows the README', () => {
  it('admin creates a unit and a code; a tablet enrols, records offline, syncs; the roll-up counts it', async () => {
    const adminCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminCtx.newPage();
    await admin.goto(env.server.url);
    await admin.getByLabel('Användarnamn').fill('admin');
    await admin.getByLabel('Lösenord').fill('pulstavlan');
    await admin.getByRole('button', { name: 'Logga in' }).click();
    await admin.getByRole('link', { name: 'Administration' }).click();

    // Create "Avdelning 24 Infektion" under VO Medicin.
    await admin.getByLabel('Namn', { exact: true }).fill('Avdelning 24 Infektion');
    await chooseOption(admin, 'Överordnad enhet', 'VO Medicin');
    await admin.getByRole('button', { name: 'Skapa enhet' }).click();
    await expect.poll(() => admin.getByText('Avdelning 24 Infektion').first().isVisible(), { timeout: 15_000 }).toBe(true);

    // Enrolment code for it, shown big.
    await admin.getByRole('link', { name: 'Surfplattor' }).or(admin.getByRole('tab', { name: 'Surfplattor' })).or(admin.getByRole('button', { name: 'Surfplattor' })).first().click();
    await chooseOption(admin, 'Enhet', 'Avdelning 24 Infektion');
    await admin.getByRole('button', { name: 'Skapa registreringskod' }).click();
    const codeEl = admin.locator('.bigcode-code');
    await expect.poll(() => codeEl.isVisible(), { timeout: 15_000 }).toBe(true);
    const code = ((await codeEl.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await shot(admin, 'e2e-admin-code', false);

    // Second window: the tablet.
    const tabletCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tablet = await tabletCtx.newPage();
    await tablet.goto(env.server.url);
    await tablet.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await tablet.getByRole('button', { name: 'Registrera surfplatta' }).click();
    await tablet.getByLabel('Registreringskod').fill(code);
    await tablet.getByRole('button', { name: 'Registrera surfplattan' }).click();
    await expect.poll(() => tablet.getByText(/Senast synkad/).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => tablet.getByText('Avdelning 24 Infektion').first().isVisible()).toBe(true);

    // Offline: the browser reports no network and the server is unreachable for this window.
    await tabletCtx.setOffline(true);
    await tabletCtx.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await tablet.getByRole('link', { name: 'Ny observation' }).or(tablet.getByRole('button', { name: 'Ny observation' })).first().click();
    await tablet.getByRole('button', { name: /Undersköterska/ }).click();
    await tablet.getByRole('button', { name: /Allt korrekt/ }).click();
    await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => tablet.getByText('1 osynkad ändring').isVisible()).toBe(true);
    await expect.poll(() => tablet.getByText(/Offline/).first().isVisible()).toBe(true);
    await shot(tablet, 'e2e-tablet-offline', false);

    // Back online: sync.
    await tabletCtx.unroute('**/api/**');
    await tabletCtx.setOffline(false);
    await tablet.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => tablet.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);

    // The admin drills to the new unit in the roll-up.
    await admin.getByRole('link', { name: 'Hygienöversikt' }).click();
    await admin.getByText('Division Länssjukvård').first().click();
    await admin.getByText('VO Medicin').first().click();
    await expect.poll(() => admin.getByText('Avdelning 24 Infektion').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await admin.getByText('Avdelning 24 Infektion').first().click();
    await expect.poll(() => admin.getByText('n = 1').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(admin, 'e2e-admin-rollup-new-unit', false);
    await adminCtx.close();
    await tabletCtx.close();
  });
});
