/**
 * `npm run admin -- <command>`: what an operator does at the server's console before anyone can
 * sign in (issue 12). Uses the server's DATA_DIR / DATABASE_URL (and DATABASE_SCHEMA) and may run
 * while the server does.
 *
 *   create-admin --username NAME [--display-name TEXT] [--password-stdin] [--another]
 *                [--region NAME [--region-id ID]]
 *   import-org FILE            (CSV `id,name,kind,parentId[,hsaId]` or a .json array)
 *
 * The password is typed at a hidden prompt on a terminal, read from standard input with
 * `--password-stdin` (provisioning scripts), or else generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { loadConfig } from '../config';
import { createStore } from '../store/index';
import { createFirstAdmin, FirstStartError } from './first-admin';
import { importOrgFile } from './import-org';

const USAGE = [
  'Användning:',
  '  npm run admin -- create-admin --username NAMN [--display-name TEXT] [--password-stdin] [--another] [--region NAMN [--region-id ID]]',
  '  npm run admin -- import-org FIL.csv|FIL.json',
].join('\n');

type Flags = Map<string, string | true>;
function parseArgs(argv: readonly string[]): { positional: string[]; flags: Flags } {
  const positional: string[] = [];
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) positional.push(a);
    else if (['--password-stdin', '--another'].includes(a)) flags.set(a.slice(2), true);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new FirstStartError(`${a} behöver ett värde.`);
      flags.set(a.slice(2), value);
      i++;
    }
  }
  return { positional, flags };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line at the terminal without echoing it. */
function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      fn();
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(text));
        if (ch === '\u0003') return done(() => reject(new FirstStartError('Avbrutet.')));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function passwordFor(flags: Flags): Promise<{ password: string; generated: boolean }> {
  if (flags.has('password-stdin')) return { password: await readStdin(), generated: false };
  if (process.stdin.isTTY) {
    const password = await hiddenPrompt('Lösenord: ');
    if ((await hiddenPrompt('Samma lösenord igen: ')) !== password) throw new FirstStartError('Lösenorden är inte lika.');
    return { password, generated: false };
  }
  return { password: randomBytes(15).toString('base64url'), generated: true };
}

async function main(argv: readonly string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const command = positional[0];
  if (command !== 'create-admin' && command !== 'import-org') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const store = createStore(loadConfig());
  try {
    await store.migrate();
    if (command === 'import-org') {
      const file = positional[1];
      if (!file) throw new FirstStartError(USAGE);
      const result = await importOrgFile(store, file.toLowerCase().endsWith('.json') ? 'json' : 'csv', fs.readFileSync(file, 'utf8'));
      process.stdout.write(`Organisationen importerad: ${result.created} nya enheter, ${result.updated} ändrade.\n`);
      return 0;
    }
    const username = flags.get('username');
    if (typeof username !== 'string') throw new FirstStartError('Ange --username.');
    const { password, generated } = await passwordFor(flags);
    const region = flags.get('region');
    const regionId = flags.get('region-id');
    const displayName = flags.get('display-name');
    const admin = await createFirstAdmin(store, {
      username,
      password,
      displayName: typeof displayName === 'string' ? displayName : 'Administratör',
      another: flags.has('another'),
      ...(typeof region === 'string' ? { region: { name: region, id: typeof regionId === 'string' ? regionId : 'region' } } : {}),
      now: Date.now(),
    });
    process.stdout.write(`Administratören ${admin.username} skapades (behörighet: ${admin.scopeUnitId}).\n`);
    if (generated) process.stdout.write(`Lösenord (visas bara nu, byt det gärna): ${password}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
