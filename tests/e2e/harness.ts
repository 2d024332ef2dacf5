/**
 * End-to-end harness: the real server as a child process on a free port with its own data
 * directory, and Debian's Chromium driven by playwright-core. Nothing here is mocked.
 * A missing chromium or a missing build fails the suite; it never skips.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { launchChromium } from '../../scripts/chromium';
import { freePort } from '../../scripts/free-port';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node';

// import.meta, so scripts/screenshots.ts can use the harness outside vitest too.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export { freePort };

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
  output(): string;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-e2e-'));
}

/** Starts `src/server/main.ts` like `npm start` does (without rebuilding) and waits for health. */
export async function startServer(opts: { port: number; dataDir: string; env?: Record<string, string> }): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npm run build` before the e2e suite (npm test does).');
  }
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(opts.port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port: opts.port,
    dataDir: opts.dataDir,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export const SHOTS = path.join(ROOT, 'test-results');

/** Saves a screenshot under test-results/ for a person to look at. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/**
 * When the running test fails, prints what `page` showed then (its visible text) and what its
 * console said: a failure in CI, where nobody sees the browser, says what the screen was doing.
 */
export function explainFailure(page: Page, label = 'page'): void {
  const said: string[] = [];
  page.on('console', (m) => void said.push(`${m.type()}: ${m.text()}`.slice(0, 300)));
  onTestFailed(async () => {
    const text = await page.locator('body').innerText({ timeout: 5_000 }).catch((e: unknown) => `(no text: ${String(e)})`);
    process.stdout.write(`\n--- ${label} at ${page.url()} when the test failed ---\n${text.slice(0, 3000)}\n--- its console (last 20) ---\n${said.slice(-20).join('\n')}\n---\n`);
  });
}

export interface AppUnderTest {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * One real server (fresh data dir, demo seed) and one Chromium for the test file that calls it,
 * started before its tests and torn down after them.
 */
export function useAppUnderTest(): AppUnderTest {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ port: await freePort(), dataDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useAppUnderTest: used before beforeAll ran');
    return v;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/**
 * Logs in through the login screen as a person would and waits for the first sync. With
 * `worker`, first waits until the service worker controls the page (tests that go offline).
 */
export async function uiLogin(page: Page, url: string, username: string, opts: { worker?: boolean; syncTimeoutMs?: number } = {}): Promise<void> {
  await page.goto(url);
  if (opts.worker !== false) await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('pulstavlan');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.getByText('Allt synkat').waitFor({ state: 'visible', timeout: opts.syncTimeoutMs ?? 30_000 });
}

/**
 * Enrols `page` as a ward tablet of `unitId` through the app's own screen, with a code from the
 * unit's manager, and waits for its first sync.
 */
export async function uiEnrolTablet(page: Page, url: string, unitId = 'avd-21', manager = 'avdchef21'): Promise<void> {
  const token = await apiLogin(url, manager);
  const { code } = await apiJson<{ code: string }>(url, token, 'POST', '/api/enrol-codes', { unitId });
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Registrera surfplatta' }).click();
  await page.getByLabel('Registreringskod').fill(code);
  await page.getByRole('button', { name: 'Registrera surfplattan' }).click();
  await page.getByText('Allt synkat').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Logs in over the API (for setup steps the test is not about). */
export async function apiLogin(url: string, username: string, password = 'pulstavlan'): Promise<string> {
  const cred = (await (await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })).json()) as { deviceId: string; deviceSecret: string };
  const token = (await (await fetch(`${url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: cred.deviceId, deviceSecret: cred.deviceSecret }),
  })).json()) as { accessToken: string };
  return token.accessToken;
}

export async function apiJson<T>(url: string, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const r = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`${method} ${route} → ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * Signs in through the region's identity provider (the test provider's own login page,
 * tests/fixtures/oidc-provider.ts) from the app's login screen; returns once back in the app.
 * Like uiLogin, first waits until the service worker controls the page: leaving for the provider
 * while it installs let a later reload race its activation and stay uncontrolled (CI, once).
 */
export async function providerSignIn(page: Page, appUrl: string, issuer: string, login: string): Promise<void> {
  await page.goto(appUrl);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Logga in med regionens inloggning' }).click();
  await page.waitForURL((u) => u.href.startsWith(issuer), { timeout: 30_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('vad-som-helst');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((u) => u.href.startsWith(appUrl), { timeout: 30_000 });
}

/**
 * With the network gone, one BHK observation (a profession, Allt korrekt, Spara) waits in the
 * outbox; back online, "Synka nu" sends it. The page must be on a unit's board with its worker.
 */
export async function observeOfflineThenSync(page: Page): Promise<void> {
  const ctx = page.context();
  await ctx.setOffline(true);
  await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.getByRole('link', { name: 'Ny observation' }).or(page.getByRole('button', { name: 'Ny observation' })).first().click();
  await page.getByRole('button', { name: /Undersköterska/ }).click();
  await page.getByRole('button', { name: /Allt korrekt/ }).click();
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await page.getByText('1 osynkad ändring').waitFor({ state: 'visible', timeout: 30_000 });
  await ctx.unroute('**/api/**');
  await ctx.setOffline(false);
  await page.getByRole('button', { name: 'Synka nu' }).click();
  await page.getByText('Allt synkat').waitFor({ state: 'visible', timeout: 30_000 });
}
