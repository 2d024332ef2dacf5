/**
 * Builds the bench page (bench/browser/): the client's storage code and Dexie on their own,
 * without the app, so items 1, 2 and 4 can call the real repository functions in Chromium while
 * production code exposes nothing new. The output directory is given by bench/sections/browser.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(here, 'browser'),
  base: './',
  logLevel: 'warn',
  build: { target: 'es2022', emptyOutDir: true },
});
