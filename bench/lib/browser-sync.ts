/**
 * A manager's first sync in the app itself (item 8): real Chromium on a phone-sized page logs in
 * and syncs as a person would, and the figure is the time from "Logga in" until the device holds
 * every fact block the server had (its fact cursor has reached the feed's head, measured over HTTP
 * just before) and the bar says "Allt synkat"; then what the origin's IndexedDB takes on disk
 * (navigator.storage.estimate()).
 */
import type { Browser } from 'playwright-core';

export interface BrowserSync {
  /** From the click on "Logga in" until synced (fact cursor at the head, "Allt synkat"). */
  seconds: number;
  /** IndexedDB's share of the origin's storage (Chromium's usageDetails), bytes. */
  idbBytes: number | null;
  /** Everything the origin stores (IndexedDB, the service worker's cache), bytes. */
  usageBytes: number;
  /** Fact blocks held by the device afterwards. */
  blocks: number;
}

/**
 * The device's fact cursor and number of fact blocks, read from the app's IndexedDB ('pulstavlan').
 * A function, not a string (the app's CSP forbids eval), with no named functions inside.
 */
const readDevice = (): Promise<{ cursor: number; blocks: number }> =>
  new Promise((resolve) => {
    const open = indexedDB.open('pulstavlan');
    open.onerror = () => resolve({ cursor: 0, blocks: 0 });
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta') || !db.objectStoreNames.contains('facts')) {
        db.close();
        resolve({ cursor: 0, blocks: 0 });
        return;
      }
      const tx = db.transaction(['meta', 'facts'], 'readonly');
      const meta = tx.objectStore('meta').get('factCursor');
      const count = tx.objectStore('facts').count();
      tx.oncomplete = () => {
        db.close();
        resolve({ cursor: Number((meta.result as { value?: number } | undefined)?.value ?? 0), blocks: count.result });
      };
      tx.onerror = () => {
        db.close();
        resolve({ cursor: 0, blocks: 0 });
      };
    };
  });

export async function browserFirstSync(browser: Browser, url: string, login: { username: string; password: string }, headFactCursor: number, timeoutMs: number): Promise<BrowserSync> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 60_000 });
    await page.getByLabel('Användarnamn').fill(login.username);
    await page.getByLabel('Lösenord').fill(login.password);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Logga in' }).click();
    const deadline = t0 + timeoutMs;
    let device = { cursor: 0, blocks: 0 };
    while (device.cursor < headFactCursor) {
      if (Date.now() > deadline) throw new Error(`${login.username}: the device's fact cursor is ${device.cursor} of ${headFactCursor} after ${timeoutMs / 1000} s`);
      await page.waitForTimeout(200);
      device = await page.evaluate(readDevice);
    }
    await page.getByText('Allt synkat').first().waitFor({ timeout: Math.max(1_000, deadline - Date.now()) });
    const seconds = (Date.now() - t0) / 1000;
    const estimate = (await page.evaluate(() => navigator.storage.estimate())) as { usage?: number; usageDetails?: { indexedDB?: number } };
    device = await page.evaluate(readDevice);
    return { seconds, idbBytes: estimate.usageDetails?.indexedDB ?? null, usageBytes: estimate.usage ?? 0, blocks: device.blocks };
  } finally {
    await context.close();
  }
}
