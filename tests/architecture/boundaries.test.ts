/**
 * Import rules from docs/architecture.md §2, enforced by scanning every source file's imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

interface Import { from: string; spec: string; typeOnly: boolean }

function imports(): Import[] {
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const file of files(ROOT)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const spec = m[3] ?? m[4] ?? m[5];
      if (!spec) continue;
      out.push({ from: path.relative(ROOT, file), spec, typeOnly: Boolean(m[2]) });
    }
  }
  return out;
}

/** Resolves a relative import to a path under src/ ("client/storage/db"), or returns the package name. */
function target(i: Import): string {
  if (!i.spec.startsWith('.')) return i.spec;
  return path.relative(ROOT, path.resolve(ROOT, path.dirname(i.from), i.spec));
}

const all = imports();
const within = (prefix: string) => all.filter((i) => i.from.startsWith(prefix));

describe('architecture: import rules', () => {
  it('scans a real tree', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('shared imports only zod and itself (no dexie, solid-js, node:*)', () => {
    const bad = within('shared/').filter((i) => {
      const t = target(i);
      if (i.spec.startsWith('.')) return !t.startsWith('shared/') && !t.startsWith('shared');
      return !(i.spec === 'zod' || i.spec === 'zod/mini' || i.spec.startsWith('zod/'));
    });
    expect(bad).toEqual([]);
  });

  it('client and server never import each other (type-only imports allowed)', () => {
    const bad = all.filter((i) => {
      if (i.typeOnly) return false;
      const t = target(i);
      return (i.from.startsWith('client/') && t.startsWith('server/')) || (i.from.startsWith('server/') && t.startsWith('client/'));
    });
    expect(bad).toEqual([]);
  });

  it('only client/storage imports dexie', () => {
    const bad = all.filter((i) => i.spec === 'dexie' && !i.from.startsWith('client/storage/') && !i.from.startsWith('client/primitives/'));
    expect(bad).toEqual([]);
  });

  it('client/ui imports nothing from storage, sync, auth or api', () => {
    const bad = within('client/ui/').filter((i) => /^client\/(storage|sync|auth|api)(\/|$)/.test(target(i)) || i.spec === 'dexie');
    expect(bad).toEqual([]);
  });

  it('only client/api and client/sync call fetch', () => {
    const offenders = files(path.join(ROOT, 'client'))
      .filter((f) => /\bfetch\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f))
      .filter((f) => !/^client\/(api|net|sync|auth)\//.test(f) && f !== 'client/sw.ts');
    expect(offenders).toEqual([]);
  });

  it('server/http reaches storage only through sync, auth, org and rollup', () => {
    const bad = within('server/http/').filter((i) => !i.typeOnly && /^server\/store(\/|$)/.test(target(i)));
    expect(bad).toEqual([]);
  });

  it('client/kit (what every screen uses) never imports the shell or a feature', () => {
    const bad = within('client/kit/').filter((i) => /^client\/(app|features)(\/|$)/.test(target(i)));
    expect(bad).toEqual([]);
  });

  it('no import cycles between client folders (top-level folders and feature folders)', () => {
    // A folder is client/<top> or client/features/<feature>; an edge is a runtime import between two.
    const folderOf = (file: string): string | null => {
      const m = /^client\/(features\/[^/]+|[^/]+)\//.exec(file);
      return m ? (m[1] as string) : null;
    };
    const edges = new Map<string, Set<string>>();
    for (const i of all) {
      if (i.typeOnly || !i.spec.startsWith('.')) continue;
      const a = folderOf(i.from);
      const b = folderOf(`${target(i)}/`) ?? folderOf(target(i));
      if (a === null || b === null || a === b) continue;
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)?.add(b);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (n: string, trail: string[]) => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(n)), n].join(' → '));
        return;
      }
      state.set(n, 'open');
      for (const m of edges.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, 'done');
    };
    for (const n of edges.keys()) visit(n, []);
    expect(edges.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
