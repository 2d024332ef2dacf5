/**
 * One text accessor naming convention (issue 15): a feature's own texts are `tx`, another set of
 * texts it uses is `tx<Set>` (txHr, txCause, txAudit, …); `t` is the shell's catalogue. A name like
 * tt, mt or st no longer appears, so a reader always knows what `tx(…)` is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../src/client');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });

describe('text accessors', () => {
  it('every createTexts() accessor is named tx or tx<Set>', () => {
    const found: string[] = [];
    const bad: string[] = [];
    for (const file of files(ROOT)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/const (\w+) = createTexts\(/g)) {
        found.push(m[1] as string);
        if (!/^tx([A-Z]\w*)?$/.test(m[1] as string)) bad.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(found.length).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });
});
