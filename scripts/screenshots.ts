/**
 * Screenshots of the main screens for docs/screenshots/ (README): the built app on a real server
 * with the demo seed, in Debian's Chromium, at phone (390×844), tablet (1280×800) and, for the
 * wall screen, TV (1920×1080) size. Run `npm run build` first, then
 * `node --import tsx scripts/screenshots.ts [outDir]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, startServer, tempDataDir } from '../tests/e2e/harness';
import { launchChromium } from './chromium';

const OUT = path.resolve(process.argv[2] ?? 'docs/screenshots');
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };
const TV = { width: 1920, height: 1080 };

const SHOTS: { file: string; user: string; hash: string; size: { width: number; height: number }; fullPage?: boolean; open?: (p: Page) => Promise<void> }[] = [
  { file: 'phone-hygien.png', user: 'personal21', hash: '#/hygien', size: PHONE },
  { file: 'phone-observation.png', user: 'personal21', hash: '#/hygien/observation', size: PHONE, fullPage: false },
  { file: 'phone-korset.png', user: 'personal21', hash: '#/korset', size: PHONE },
  { file: 'phone-bemanning.png', user: 'personal21', hash: '#/bemanning', size: PHONE },
  { file: 'phone-mal.png', user: 'divisionschef', hash: '#/mal', size: PHONE },
  { file: 'phone-tillganglighet.png', user: 'personal21', hash: '#/tillganglighet', size: PHONE },
  { file: 'tablet-hygien.png', user: 'personal21', hash: '#/hygien', size: TABLET },
  { file: 'tablet-korset.png', user: 'personal21', hash: '#/korset', size: TABLET },
  { file: 'tablet-mote.png', user: 'avdchef21', hash: '#/mote?unit=avd-21', size: TABLET, fullPage: false, open: async (p) => {
    await p.getByLabel('Mötesledare (initialer)').fill('AB');
    await p.getByRole('button', { name: 'Starta mötet' }).click();
    await p.waitForTimeout(1500);
  } },
  { file: 'tablet-oversikt.png', user: 'divisionschef', hash: '#/oversikt', size: TABLET },
  { file: 'tablet-vagg.png', user: 'personal21', hash: '#/vagg?unit=avd-21', size: TABLET, fullPage: false },
  { file: 'tv-vagg.png', user: 'personal21', hash: '#/vagg?unit=avd-21', size: TV, fullPage: false },
];

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = tempDataDir();
  const server = await startServer({ port: await freePort(), dataDir });
  const browser = await launchChromium();
  try {
    const pages = new Map<string, Page>();
    const only = process.env.ONLY;
    for (const s of SHOTS.filter((x) => only === undefined || x.file.includes(only))) {
      let page = pages.get(s.user);
      if (!page) {
        const ctx = await browser.newContext({ viewport: TABLET });
        page = await ctx.newPage();
        await page.goto(server.url);
        await page.getByLabel('Användarnamn').fill(s.user);
        await page.getByLabel('Lösenord').fill('pulstavlan');
        await page.getByRole('button', { name: 'Logga in' }).click();
        await page.getByText('Allt synkat').waitFor({ timeout: 60_000 });
        pages.set(s.user, page);
      }
      await page.setViewportSize(s.size);
      await page.evaluate((h) => (location.hash = h), s.hash);
      await page.waitForTimeout(2500);
      if (s.open) await s.open(page);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: path.join(OUT, s.file), fullPage: s.fullPage ?? true });
      console.log(`${s.file} ${s.size.width}×${s.size.height}`);
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
