/**
 * What a first visit downloads before the app can start: the entry script(s) (the module entry
 * and the first paint's classic script, scripts/first-paint-plugin.ts), any chunk
 * index.html modulepreloads, and every chunk those import statically, followed transitively
 * (`import … from "./x.js"`, `import "./x.js"`; never `import()`, which is a lazy screen).
 * Used by the build's budget check (scripts/bundle-size.ts) and the benchmark (bench item 6).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const srcOf = (tag: string): string | undefined => /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];

/** Paths relative to `dist` (no leading slash), entry first. */
export function initialJs(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  // Every script index.html loads: the app's module entry and the first paint's classic script.
  const entry = [...html.matchAll(/<script\b[^>]*\bsrc="[^"]+"[^>]*>/g)].map((m) => srcOf(m[0]));
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)].map((m) => srcOf(m[0]));
  const roots = [...new Set([...entry, ...preloads])].filter((f): f is string => f !== undefined && f.endsWith('.js')).map((f) => f.replace(/^\//, ''));
  const files: string[] = [];
  for (const queue = [...roots]; queue.length > 0; ) {
    const file = queue.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    const dir = path.posix.dirname(file);
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(path.posix.join(dir, m[1] as string));
  }
  return files;
}

/** The stylesheets index.html links (relative to `dist`). */
export function initialCss(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => srcOf(m[0])).filter((f): f is string => f !== undefined).map((f) => f.replace(/^\//, ''));
}
