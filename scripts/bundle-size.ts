/**
 * Budget check run after `vite build`: the JavaScript a first visit must download before the app
 * can start (scripts/initial-chunks.ts: the entry and everything it imports statically) stays
 * ≤ 21 KB gzip (issue 19: Solid, the texts and the top bar; the database and the app load lazily). Lazy feature chunks are not counted; they load when a screen is opened.
 * Exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialJs } from './initial-chunks';

const BUDGET_KB = 21;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const files = initialJs(dist);
if (files.length === 0) {
  process.stderr.write('bundle-size: no entry script found in dist/index.html\n');
  process.exit(1);
}

let total = 0;
for (const file of files) {
  const bytes = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  total += bytes;
  process.stdout.write(`${(bytes / 1024).toFixed(1).padStart(7)} KB  /${file}\n`);
}
const totalKb = total / 1024;
process.stdout.write(`${totalKb.toFixed(1).padStart(7)} KB  initial JS (gzip), budget ${BUDGET_KB} KB\n`);
if (totalKb > BUDGET_KB) {
  process.stderr.write(`bundle-size: initial JS is ${totalKb.toFixed(1)} KB gzip, over the ${BUDGET_KB} KB budget\n`);
  process.exit(1);
}
