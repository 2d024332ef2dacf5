/**
 * Budget check run after `vite build`: the JavaScript a first visit must download before the app
 * can start (the entry script and every chunk it imports statically, followed transitively, plus
 * any chunk index.html modulepreloads) stays ≤ 70 KB gzip. Lazy feature chunks (dynamic import())
 * are not counted; they load when a screen is opened. Exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 70;
const dist = new URL('../dist/', import.meta.url);

const html = readFileSync(new URL('index.html', dist), 'utf8');
const srcOf = (tag: string): string | undefined => /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];

const entry = [...html.matchAll(/<script\b[^>]*type="module"[^>]*>/g)].map((m) => srcOf(m[0]));
const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)].map((m) => srcOf(m[0]));
const roots = [...new Set([...entry, ...preloads])].filter((f): f is string => f !== undefined && f.endsWith('.js'));

/** Static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`), not import(). */
function staticImports(file: string): string[] {
  const code = readFileSync(new URL(file.replace(/^\//, ''), dist), 'utf8');
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) out.push(dir + (m[1] as string));
  return out;
}

const files: string[] = [];
for (const queue = [...roots]; queue.length > 0; ) {
  const file = queue.shift() as string;
  if (files.includes(file)) continue;
  files.push(file);
  queue.push(...staticImports(file));
}

if (roots.length === 0) {
  process.stderr.write('bundle-size: no entry script found in dist/index.html\n');
  process.exit(1);
}

let total = 0;
for (const file of files) {
  const bytes = gzipSync(readFileSync(new URL(file.replace(/^\//, ''), dist)), { level: 9 }).length;
  total += bytes;
  process.stdout.write(`${(bytes / 1024).toFixed(1).padStart(7)} KB  ${file}\n`);
}
const totalKb = total / 1024;
process.stdout.write(`${totalKb.toFixed(1).padStart(7)} KB  initial JS (gzip), budget ${BUDGET_KB} KB\n`);
if (totalKb > BUDGET_KB) {
  process.stderr.write(`bundle-size: initial JS is ${totalKb.toFixed(1)} KB gzip, over the ${BUDGET_KB} KB budget\n`);
  process.exit(1);
}
