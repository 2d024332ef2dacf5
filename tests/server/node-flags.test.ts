import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags';

const scripts = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe("the server's Node flags", () => {
  it.each(['start', 'serve'])('npm run %s starts the server with every one of them, before the server module', (name) => {
    const command = scripts[name] ?? '';
    const node = command.slice(command.indexOf('node '));
    expect(node).toMatch(/src\/server\/main\.ts$/);
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) {
      expect(node.indexOf(` ${flag} `)).toBeGreaterThan(0);
      expect(node.indexOf(flag)).toBeLessThan(node.indexOf('src/server/main.ts'));
    }
  });

  it('the README shows them for a service manager that starts Node itself', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} --import tsx src/server/main.ts`);
  });
});
