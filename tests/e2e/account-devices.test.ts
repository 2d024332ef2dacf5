/**
 * Issue 18 item 8 in Chromium: an admin opens Administration → Konton, shows the devices a person
 * is logged in on, and logs one out; that device is refused at once (device-revoked) while the
 * person's other device goes on.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, shot, useAppUnderTest } from './harness';

const env = useAppUnderTest();

const me = async (token: string) => (await fetch(`${env.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('Administration → Konton: a person\'s devices', () => {
  it('lists personal21\'s two logins and logs one out', async () => {
    const phone = await apiLogin(env.server.url, 'personal21');
    const laptop = await apiLogin(env.server.url, 'personal21');
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${env.server.url}/#/admin/konton`);
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel('Lösenord').fill('pulstavlan');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Konton' }).or(page.getByRole('tab', { name: 'Konton' })).or(page.getByRole('button', { name: 'Konton' })).first().click();

    const row = page.getByRole('listitem').filter({ hasText: 'personal21' });
    await row.getByRole('button', { name: 'Inloggade enheter' }).click();
    const devices = page.getByRole('group', { name: /^Enheter för/ });
    await expect.poll(() => devices.getByRole('button', { name: 'Logga ut' }).count(), { timeout: 15_000 }).toBe(2);
    await shot(page, 'e2e-account-devices', false);

    await devices.getByRole('button', { name: 'Logga ut' }).first().click();
    await expect.poll(() => devices.getByText('utloggad').count(), { timeout: 15_000 }).toBe(1);
    const statuses = [await me(phone), await me(laptop)].sort();
    expect(statuses).toEqual([200, 401]);
    await ctx.close();
  });
});
