import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('how Node runs the server', () => {
  it.each(['start', 'serve'])('npm run %s passes the flags the bench and the browser tests use', (name) => {
    const command = scripts[name] ?? '';
    const node = command.slice(command.indexOf('node '));
    expect(node).toMatch(/src\/server\/main\.ts$/);
    expect(node.split(/\s+/).filter((w) => w.startsWith('--max-') || w.startsWith('--v8-'))).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('the bench and the browser tests spawn the server with them', () => {
    for (const file of ['bench/lib/proc.ts', 'tests/e2e/harness.ts']) {
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(/spawn\(process\.execPath, \[\.\.\.SERVER_NODE_FLAGS,/);
    }
  });
});
