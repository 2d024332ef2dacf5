/**
 * Issue 16 in Chromium: VO Medicin's manager opens Administration → API-nycklar, creates a key for
 * the VO, reads the secret off the screen once, and a BI tool's request (HTTP Basic, the key as
 * password, as Excel's and Power BI's web connectors send it) gets the VO's roll-up but not VO
 * Kirurgi's; revoked on the same screen, the key is refused at once.
 */
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest } from './harness';

const env = useAppUnderTest();

const asExcel = (url: string, key: string) =>
  fetch(`${env.server.url}${url}`, { headers: { authorization: `Basic ${Buffer.from(`excel:${key}`).toString('base64')}` } });

describe('Administration → API-nycklar', () => {
  it('a manager creates a key shown once, a BI tool reads its scope with it, and revoking ends it', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${env.server.url}/#/admin/api-nycklar`);
    await page.getByLabel('Användarnamn').fill('vochef');
    await page.getByLabel('Lösenord').fill('pulstavlan');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'API-nycklar' }).click();

    await page.getByLabel('Namn (t.ex. "Power BI Medicin")').fill('Power BI Medicin');
    const scope = page.getByLabel('Gäller för');
    await scope.selectOption({ label: 'VO Medicin' });
    await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
    const secretBox = page.getByRole('textbox', { name: 'Nyckel för Power BI Medicin' });
    await expect.poll(() => secretBox.inputValue(), { timeout: 15_000 }).toMatch(/^pk1\./);
    const secret = await secretBox.inputValue();
    await shot(page, 'e2e-api-keys', false);

    const own = await asExcel('/api/rollup/bhk?rootId=vo-med&month=2026-03', secret);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { nodes: { unitId: string }[] }).nodes.map((n) => n.unitId)).toContain('avd-21');
    expect((await asExcel('/api/rollup/bhk?rootId=vo-kir&month=2026-03', secret)).status).toBe(403);

    const row = page.getByRole('listitem').filter({ hasText: 'Power BI Medicin' });
    await page.reload();
    await expect.poll(() => row.getByText(/senast använd/).count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('button', { name: 'Återkalla' }).click();
    await expect.poll(() => row.getByText('återkallad').count(), { timeout: 15_000 }).toBe(1);
    expect((await asExcel('/api/rollup/bhk?rootId=vo-med&month=2026-03', secret)).status).toBe(401);
    await ctx.close();
  });
});
