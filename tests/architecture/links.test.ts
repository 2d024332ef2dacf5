/**
 * Nothing in the repository points outside it: a clone on its own holds every design reference
 * (docs/ for the domain, the sync design and the architecture). Every tracked text file is read:
 *  - a relative path whose `../` steps climb above the repository root, to a file or a folder,
 *    fails (the design notes were once linked four `../` steps up, to a folder that only
 *    existed on the machine they were written on);
 *  - so does an absolute path into the folder that holds this checkout (this machine's layout);
 *  - and a mention of a Markdown file (`docs/sync.md`, `sync/README.md`) that names no file here.
 * Web addresses are not paths and are left alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SKIP = /(^|\/)(node_modules|dist|\.git)\/|package-lock\.json$|\.(png|ico|jpe?g|webp|woff2?|sqlite)$/;

function tracked(): string[] {
  try {
    // Tracked files and new ones not yet committed (but not ignored ones).
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    // Not a git checkout (an unpacked archive): every file below the root.
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        return e.isDirectory() ? (SKIP.test(`${rel}/`) ? [] : walk(rel)) : [rel];
      });
    return walk('');
  }
}

const files = tracked()
  .filter((f) => !SKIP.test(f) && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile())
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(ROOT, f), 'utf8').replace(/[a-z][a-z0-9+.-]*:\/\/[^\s)'"`<>\]]+/gi, '') }));
const markdown = files.map((f) => f.file).filter((f) => f.endsWith('.md'));

/** Relative paths that climb (../) to a file with an extension or to a folder. */
const CLIMB = /(?<![\w/%.])((?:\.\.\/)+(?:(?!\.\.\/)[\w@.-]+\/)*(?:[\w@-]+\.[a-z]{1,5}\b|(?!\.\.\/)[\w@.-]+\/))/g;
const MD = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w@-]+\/)*[\w@.-]+\.md)\b/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('architecture: nothing points outside the repository', () => {
  it('reads the tracked files', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(markdown).toContain('docs/sync.md');
  });

  it('no relative path climbs above the repository root', () => {
    const outside = files.flatMap(({ file, text }) =>
      [...text.matchAll(CLIMB)]
        .filter((m) => {
          const to = path.resolve(ROOT, path.dirname(file), m[1] as string);
          return to !== ROOT && !to.startsWith(ROOT + path.sep);
        })
        .map((m) => `${file}:${lineOf(text, m.index ?? 0)} ${m[1]}`),
    );
    expect(outside).toEqual([]);
  });

  it('no absolute path into the folder that holds the checkout', () => {
    const parent = path.dirname(ROOT);
    if (parent.length <= 1) return; // checked out at the file system's root: nothing above it
    const prefix = `${parent}/`;
    const outside = files.filter(({ text }) => text.split(prefix).some((after, i) => i > 0 && !`${prefix}${after}`.startsWith(`${ROOT}/`)));
    expect(outside.map((f) => f.file)).toEqual([]);
  });

  it('every Markdown file a file mentions is in the repository', () => {
    const exists = (from: string, ref: string) =>
      fs.existsSync(path.resolve(ROOT, path.dirname(from), ref)) ||
      fs.existsSync(path.join(ROOT, ref)) ||
      markdown.some((m) => m === ref || m.endsWith(`/${ref.replace(/^(\.{1,2}\/)+/, '')}`));
    const dangling = files.flatMap(({ file, text }) =>
      [...text.matchAll(MD)].filter((m) => !exists(file, m[1] as string)).map((m) => `${file}:${lineOf(text, m.index ?? 0)} ${m[1]}`),
    );
    expect(dangling).toEqual([]);
  });
});
