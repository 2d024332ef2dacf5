/**
 * The division manager edits and deletes the goal document in the app (issue 13): under
 * Tertialrapport a styrmått's title and target are changed, a framgångsfaktor with a styrmått under
 * it is refused with the reason on screen, a styrmått is deleted after the confirmation, a
 * strategic action's fields and this tertial's follow-up are changed and another action is
 * deleted. The report shows each change at once (written on the device), and again after the sync
 * from the server, which accepted every change.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest, uiLogin } from './harness';

const env = useAppUnderTest();

/** The report period's label the report shows follow-ups of today (DÅ04, DÅ08, ÅR). */
const followLabel = () => {
  const m = new Date().getMonth() + 1;
  return m <= 4 ? 'DÅ04' : m <= 8 ? 'DÅ08' : 'ÅR';
};

/** What the report shows of the edits (read again until it settles: a refetch redraws the report). */
async function reportState(page: Page) {
  const report = page.getByTestId('tertial-report');
  const rows = await report.getByTestId('goal-row').allTextContents();
  const actions = await report.getByTestId('action-row').allTextContents();
  return {
    rows: rows.length,
    editedItem: rows.some((r) => r.includes('Sjukfrånvaro, alla yrken') && r.includes('Högst 6 %')),
    deletedItem: rows.some((r) => r.includes('Produktivitet utifrån KPP')),
    untouchedItem: rows.some((r) => r.includes('Verksamhet inom budget')),
    editedAction: actions.some((a) => a.includes('Hälsofrämjande arbetsplatser i alla VO') && a.includes('Ansvarig: HR-chef') && a.includes('Klar') && a.includes('Genomfört i alla VO.')),
    deletedAction: actions.some((a) => a.includes('Minska beroendet av inhyrd personal')),
    actions: actions.length,
  };
}
const EDITED = { rows: 10, editedItem: true, deletedItem: false, untouchedItem: true, editedAction: true, deletedAction: false, actions: 3 };

describe('editing the goal document', () => {
  it('edits and deletes a goal item and an action; the report shows it, before and after the sync', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.accept()));
    await uiLogin(page, env.server.url, 'divisionschef');
    await page.goto(`${env.server.url}/#/mal/rapport`);
    const report = page.getByTestId('tertial-report');
    await expect.poll(() => report.getByTestId('goal-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    const own = page.getByTestId('goal-own');
    await expect.poll(() => own.getByTestId('goal-own-item').count(), { timeout: 20_000 }).toBeGreaterThan(10);

    // A styrmått: new title and target.
    await own.getByRole('button', { name: 'Ändra: Sjukfrånvaro', exact: true }).click();
    const item = own.getByRole('group', { name: 'Ändra: Sjukfrånvaro' });
    await item.getByLabel('Rubrik', { exact: true }).fill('Sjukfrånvaro, alla yrken');
    await item.getByLabel(/^Mål \(t\.ex\./).fill('Högst 6 %');
    await item.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect.poll(() => own.getByText('Sparat. Ändringen synkas.').isVisible(), { timeout: 10_000 }).toBe(true);

    // A framgångsfaktor with a styrmått under it is not deleted, and the screen says why.
    await own.getByRole('button', { name: 'Ta bort: Hälsosam arbetsmiljö', exact: true }).click();
    await expect.poll(() => own.getByText('”Hälsosam arbetsmiljö” kan inte tas bort: en framgångsfaktor eller ett styrmått ligger under den.', { exact: false }).isVisible()).toBe(true);
    expect(dialogs).toEqual([]);

    // A styrmått without anything under it goes after the question.
    await own.getByRole('button', { name: 'Ta bort: Produktivitet utifrån KPP', exact: true }).click();
    await expect.poll(() => own.getByText('Borttaget. Ändringen synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(dialogs).toEqual(['Ta bort ”Produktivitet utifrån KPP” ur målstrukturen? Den försvinner ur tertialrapporten för alla nivåer.']);

    // A strategic action: title, ansvarig and this tertial's follow-up.
    const label = followLabel();
    await own.getByRole('button', { name: 'Ändra: Hälsofrämjande arbetsplatser', exact: true }).click();
    const action = own.getByRole('group', { name: 'Ändra: Hälsofrämjande arbetsplatser' });
    await action.getByLabel('Åtgärd', { exact: true }).fill('Hälsofrämjande arbetsplatser i alla VO');
    await action.getByLabel('Ansvarig', { exact: true }).fill('HR-chef');
    // A select's name ends with the option it shows.
    await action.getByLabel(new RegExp(`^Status ${label}`)).selectOption({ label: 'Klar' });
    await action.getByLabel(`Kommentar ${label}`, { exact: true }).fill('Genomfört i alla VO.');
    await action.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expect.poll(() => own.getByText('Sparat. Ändringen synkas.').isVisible(), { timeout: 10_000 }).toBe(true);

    // Another action is deleted.
    await own.getByRole('button', { name: 'Ta bort: Minska beroendet av inhyrd personal', exact: true }).click();
    await expect.poll(() => own.getByText('Borttaget. Ändringen synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(dialogs.at(-1)).toBe('Ta bort den strategiska åtgärden 4. Minska beroendet av inhyrd personal? Dess uppföljning tas bort med den.');

    // The report written on the device shows every change at once.
    await expect.poll(() => reportState(page), { timeout: 20_000 }).toEqual(EDITED);
    await shot(page, 'e2e-goal-edit');

    // After the sync the server's report is the same: it accepted every change.
    await page.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => reportState(page), { timeout: 30_000 }).toEqual(EDITED);
    expect(await page.getByText('Beräknat på enheten från senast synkade data (offline).').count()).toBe(0);
    await ctx.close();
  });

  it('a catalogue target per sex: set in the catalogue, women\'s and men\'s own status on Mål och resultat', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await uiLogin(page, env.server.url, 'divisionschef');
    await page.goto(`${env.server.url}/#/mal/katalog`);
    const name = 'Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre';
    await page.getByRole('button', { name: `Ändra: ${name}`, exact: true }).click();
    await page.getByLabel('Målvärde kvinnor (valfritt, med män)').fill('16');
    await page.getByLabel('Målvärde män (valfritt, med kvinnor)').fill('17,2');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByText('Sparat. Ändringen synkas.').isVisible(), { timeout: 10_000 }).toBe(true);
    // Mål och resultat reads the server's report while online: the edit must have reached it.
    await page.getByRole('button', { name: 'Synka nu' }).click();
    await expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 30_000 }).toBe(true);

    // Last month (the demo's reported values end there), at the division: every unit reports K and M.
    const d = new Date();
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await page.goto(`${env.server.url}/#/mal?period=${last}`);
    const row = page.locator('[data-testid="indicator-row"][data-key="readmit65"]');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('mål ≤ 16 %; mål K ≤ 16 % · M ≤ 17,2 %');
    await expect.poll(async () => ((await row.getByTestId('indicator-km').textContent()) ?? '').replace(/\u00a0|\u202f/g, ' '), { timeout: 30_000 }).toMatch(/^K [\d,]+ % [●▲◆] (uppfyllt|delvis|ej uppfyllt) · M [\d,]+ % [●▲◆] (uppfyllt|delvis|ej uppfyllt)$/);
    await shot(page, 'e2e-indicator-per-sex');
    await ctx.close();
  });
});
