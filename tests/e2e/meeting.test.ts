/**
 * The morning pulse in real Chromium against the real server (demo seed): Avdelning 21's tablet
 * runs the whole meeting, adds an action from a step and escalates it; the VO manager sees it in
 * the VO meeting's inbox and forwards it; the division manager, on a phone, answers "löst" with a
 * reply while the unit's tablet is offline; back online, the tablet's board and its wall screen
 * show the answer. The wall screen has no buttons, links or inputs.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, useAppUnderTest } from './harness';

const env = useAppUnderTest();
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TITLE = 'Extra sjuksköterska natt behövs';
const REPLY = 'Extra pool från måndag';

async function loggedIn(browser: Browser, username: string, viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
  const phone = viewport.width < 600;
  const ctx = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('pulstavlan');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await synced(page);
  return { ctx, page };
}

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const synced = (page: Page) => expect.poll(() => page.getByText('Allt synkat').isVisible(), { timeout: 60_000 }).toBe(true);
const visible = (page: Page, text: string | RegExp, timeout = 30_000) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout }).toBe(true);
// Once the screen has settled (lazy styles loaded), nothing is wider than the phone.
const noSideways = (page: Page, width: number) => expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(width);

async function startMeeting(page: Page, initials: string): Promise<void> {
  await page.goto(`${env.server.url}/#/mote`);
  await page.getByLabel('Mötesledare (initialer)').fill(initials);
  await page.getByRole('button', { name: 'Starta mötet' }).click();
  await expect.poll(() => page.getByRole('timer').textContent(), { timeout: 15_000 }).toMatch(/1[45]:\d\d kvar/);
}

describe('the pulse meeting, unit → VO → division and back', () => {
  it('runs the meeting, escalates, forwards, answers while the unit is offline, and shows the answer', { timeout: 400_000 }, async () => {
    // 1. Avdelning 21's tablet: the whole meeting.
    const { ctx: tabletCtx, page: tablet } = await loggedIn(env.browser, 'personal21', TABLET);
    await tablet.goto(`${env.server.url}/#/mote`);
    await visible(tablet, 'Starta mötet');
    // The initials are checked next to the field before anything starts.
    await tablet.getByLabel('Mötesledare (initialer)').fill('A1');
    await tablet.getByRole('button', { name: 'Starta mötet' }).click();
    await visible(tablet, 'Skriv 1–4 bokstäver, t.ex. AB.');
    await tablet.getByLabel('Mötesledare (initialer)').fill('ab');
    for (let i = 0; i < 6; i++) await tablet.getByRole('button', { name: 'Öka Antal närvarande' }).click();
    await shot(tablet, 'e2e-meeting-start-1280', false);
    await tablet.getByRole('button', { name: 'Starta mötet' }).click();
    await expect.poll(() => tablet.getByRole('timer').textContent(), { timeout: 15_000 }).toMatch(/1[45]:\d\d kvar/);

    const steps = ['Bemanning', 'Patientsäkerhet', 'Hygien', 'Mål och resultat', 'Förbättringar', 'Åtgärder', 'Eskalera'];
    for (const [i, step] of steps.entries()) {
      await expect.poll(() => tablet.locator('#step-title').textContent(), { timeout: 15_000 }).toBe(step);
      await expect.poll(() => tablet.getByText(`Punkt ${i + 1} av 7`).isVisible()).toBe(true);
      if (step === 'Bemanning') await visible(tablet, 'Bemanning per pass');
      if (step === 'Patientsäkerhet') await expect.poll(() => tablet.locator('.meeting-step .cross').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      if (step === 'Hygien') {
        await expect.poll(() => tablet.locator('.meeting-step [data-testid="figure"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        await shot(tablet, 'e2e-meeting-step-hygiene-1280', false);
        // An action from the step, its cause the meeting.
        await tablet.locator('.quick-action').getByRole('button', { name: 'Ny åtgärd' }).click();
        await tablet.getByLabel('Vad ska göras').fill(TITLE);
        await tablet.getByLabel('Ansvarig (initialer eller roll)').fill('AB');
        await tablet.getByRole('button', { name: 'Spara', exact: true }).click();
        await visible(tablet, 'Åtgärden är sparad.');
      }
      if (step === 'Mål och resultat') {
        // The unit's own indicators, large, with status words (the tablet is staff: it reads, it does not set targets).
        await expect.poll(() => tablet.locator('.meeting-step .goals-step .ind-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
        await visible(tablet, 'BHK total följsamhet');
        await shot(tablet, 'e2e-meeting-step-goals-1280', false);
      }
      if (step === 'Åtgärder') {
        await visible(tablet, TITLE);
        // Styled in the meeting itself (this session never opened Förbättringar): a card list, no bullets.
        const list = tablet.locator('.meeting-step .action-list').first();
        expect(await list.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
        await expect.poll(() => tablet.locator('.meeting-step .list-count').textContent()).toMatch(/^Öppna: \d+ · försenade: \d+$/);
      }
      if (step !== 'Eskalera') await tablet.getByRole('button', { name: /^Nästa/ }).click();
    }
    // Eskalera: the new action goes to the VO.
    const candidate = tablet.locator('.esc-item', { hasText: TITLE });
    await candidate.getByRole('button', { name: 'Eskalera till VO Medicin' }).click();
    await expect.poll(() => tablet.locator('.esc-item', { hasText: TITLE }).textContent(), { timeout: 15_000 }).toContain('Eskalerad till VO Medicin – väntar på svar');
    await tablet.getByLabel('Beslut och noteringar').fill('Nattbemanningen eskaleras till VO.');
    await tablet.getByLabel('Beslut och noteringar').blur();
    await shot(tablet, 'e2e-meeting-escalate-1280', false);
    await tablet.getByRole('button', { name: /Avsluta mötet/ }).first().click();
    await tablet.getByRole('button', { name: 'Ja, avsluta och spara loggen' }).click();
    await visible(tablet, 'Mötet är avslutat och loggen sparad.');
    await tablet.getByRole('link', { name: 'Tidigare möten' }).first().click();
    // Newest first: today's meeting on top, then the seed's earlier ones.
    const log = tablet.locator('.log-entry').first();
    await expect.poll(() => log.locator('summary').textContent(), { timeout: 15_000 }).toBe(`${stockholmToday()} · ledare AB · 6 närvarande`);
    await log.locator('summary').click();
    await visible(tablet, 'Nattbemanningen eskaleras till VO.');
    await synced(tablet);

    // 2. The VO manager: the VO meeting's inbox shows it with the unit's name; forward it.
    const { ctx: voCtx, page: vo } = await loggedIn(env.browser, 'vochef', TABLET);
    // Between meetings too: the VO's meeting screen lists what came up before anyone starts it.
    await vo.goto(`${env.server.url}/#/mote`);
    await expect.poll(() => vo.locator('.meeting-between .inbox-entry', { hasText: TITLE }).count(), { timeout: 30_000 }).toBe(1);
    await startMeeting(vo, 'CD');
    await vo.locator('.step-bar').getByRole('button', { name: /Eskalera/ }).click();
    const voEntry = vo.locator('.inbox-entry', { hasText: TITLE });
    await expect.poll(() => voEntry.count(), { timeout: 30_000 }).toBe(1);
    expect(await voEntry.textContent()).toContain('Från Avdelning 21 Medicin');
    await shot(vo, 'e2e-meeting-vo-inbox-1280', false);
    await voEntry.getByRole('button', { name: 'Skicka vidare till Division Länssjukvård' }).click();
    await expect.poll(() => voEntry.count(), { timeout: 15_000 }).toBe(0);
    await synced(vo);
    await voCtx.close();

    // 3. The unit's tablet goes offline; the division manager answers on a phone.
    await tabletCtx.setOffline(true);
    const { ctx: divCtx, page: div } = await loggedIn(env.browser, 'divisionschef', PHONE);
    // The phone menu: one button, the full list, the current screen marked.
    await div.getByRole('button', { name: /Meny/ }).click();
    await expect.poll(() => div.locator('.menu-item').count()).toBeGreaterThan(5);
    await shot(div, 'e2e-meeting-phone-menu-390', false);
    await div.getByRole('link', { name: 'Pulsmöte' }).click();
    await div.getByLabel('Mötesledare (initialer)').fill('EF');
    await div.getByRole('button', { name: 'Starta mötet' }).click();
    await div.locator('.step-bar').getByRole('button', { name: /Eskalera/ }).click();
    const divEntry = div.locator('.inbox-entry', { hasText: TITLE });
    await expect.poll(() => divEntry.count(), { timeout: 30_000 }).toBe(1);
    expect(await divEntry.textContent()).toContain('Från Avdelning 21 Medicin (VO Medicin)');
    await divEntry.getByLabel('Kort svar').fill(REPLY);
    await divEntry.getByRole('button', { name: 'Svara: Löst' }).click();
    await expect.poll(() => divEntry.locator('.esc-line').textContent(), { timeout: 15_000 }).toContain(`Löst: ”${REPLY}”`);
    await noSideways(div, PHONE.width);
    await shot(div, 'e2e-meeting-division-answer-390', false);
    await synced(div);
    await divCtx.close();

    // 4. Back online, the unit's board shows the division's answer.
    await tabletCtx.setOffline(false);
    await tablet.goto(`${env.server.url}/#/forbattring`);
    const answered = `Löst – Division Länssjukvård: ”${REPLY}”`;
    await expect.poll(() => tablet.locator('.action', { hasText: TITLE }).textContent(), { timeout: 90_000 }).toContain(answered);
    await shot(tablet, 'e2e-meeting-actions-answered-1280', false);

    // 5. The wall screen: the answer too, and nothing to touch.
    await tablet.goto(`${env.server.url}/#/vagg?unit=avd-21`);
    await visible(tablet, 'Svar på eskaleringar');
    await expect.poll(() => tablet.locator('.wall-answers').textContent(), { timeout: 15_000 }).toContain(answered);
    await expect.poll(() => tablet.locator('.wall [data-testid="figure"]').count(), { timeout: 15_000 }).toBe(1);
    const controls = 'button, a, input, select, textarea, [role="button"], [tabindex]';
    // The shell's menu and sync bar (with its "Synka nu") are not shown: nothing on screen to touch.
    expect(await tablet.locator(controls).filter({ visible: true }).count()).toBe(0);
    expect(await tablet.locator('.wall').locator(controls).count()).toBe(0);
    expect(await tablet.locator('.topbar').isVisible()).toBe(false);
    expect(await tablet.locator('.sync-status').isVisible()).toBe(false);
    // The cross is in colour on the wall too (the status colours are not only on the safety screen).
    const green = await tablet.locator('.wall .cell.st-gron').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(green).toBe('rgb(74, 222, 128)');
    await shot(tablet, 'e2e-wall-1280', false);
    await tabletCtx.close();

    const { ctx: wallPhoneCtx, page: wallPhone } = await loggedIn(env.browser, 'personal21', PHONE);
    await wallPhone.goto(`${env.server.url}/#/vagg`);
    await visible(wallPhone, 'Öppna åtgärder');
    await visible(wallPhone, TITLE);
    expect(await wallPhone.locator('button, a, input, select, textarea').filter({ visible: true }).count()).toBe(0);
    await noSideways(wallPhone, PHONE.width);
    await shot(wallPhone, 'e2e-wall-390');
    await wallPhoneCtx.close();
  });

  it('a wall screen left running turns to the new day and month at midnight', { timeout: 120_000 }, async () => {
    const { ctx, page } = await loggedIn(env.browser, 'personal21', TABLET);
    // 23:59:30 in Stockholm on the last day of November; the page's clock then runs on by itself.
    await page.clock.install({ time: new Date('2026-11-30T22:59:30Z') });
    await page.goto(`${env.server.url}/#/vagg?unit=avd-21`);
    await expect.poll(() => page.locator('.wall-cross > h2').textContent(), { timeout: 30_000 }).toContain('november');
    await expect.poll(() => page.locator('.wall-cross .cell').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('.wall-cross .cell-day', { hasText: /^31$/ }).count()).toBe(0);
    await page.clock.runFor(60_000);
    await expect.poll(() => page.locator('.wall-cross > h2').textContent(), { timeout: 15_000 }).toContain('december');
    await expect.poll(() => page.locator('.wall-bhk > h2').textContent(), { timeout: 15_000 }).toContain('december');
    // The boards themselves moved on, not only their headings: December's cross has a 31st.
    await expect.poll(() => page.locator('.wall-cross .cell-day', { hasText: /^31$/ }).count(), { timeout: 15_000 }).toBe(1);
    await ctx.close();
  });

  it('the meeting survives a reload mid-meeting, and a phone runs it without sideways scrolling', { timeout: 200_000 }, async () => {
    const { ctx, page } = await loggedIn(env.browser, 'avdchef21', PHONE);
    await startMeeting(page, 'GH');
    await page.getByRole('button', { name: /^Nästa/ }).click();
    await expect.poll(() => page.locator('#step-title').textContent(), { timeout: 15_000 }).toBe('Patientsäkerhet');
    await noSideways(page, PHONE.width);
    await shot(page, 'e2e-meeting-phone-390', false);
    await page.reload();
    await expect.poll(() => page.locator('#step-title').textContent(), { timeout: 30_000 }).toBe('Patientsäkerhet');
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/kvar/);
    await ctx.close();
  });
});
