/**
 * `npm run facts -- check` recomputes every unit's facts from its raw rows and lists any
 * difference from the stored ones (exit code 1 when there is one); `npm run facts -- rebuild`
 * also replaces the differing units' facts. Uses the server's DATA_DIR / DATABASE_URL and may run
 * while the server does: each unit is one transaction under the change-log lock.
 */
import { loadConfig } from '../config';
import { rebuildFacts } from '../facts/build';
import { createStore } from '../store/index';

const USAGE = 'Användning: npm run facts -- check | rebuild';

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== 'check' && command !== 'rebuild') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const store = createStore(loadConfig());
  try {
    await store.migrate((msg) => process.stdout.write(`${msg}\n`));
    const report = await rebuildFacts(store, { checkOnly: command === 'check', log: (msg) => process.stdout.write(`${msg}\n`) });
    for (const d of report.differing) {
      process.stdout.write(`${d.unitId}:\n${d.lines.map((l) => `  ${l}`).join('\n')}\n`);
    }
    if (report.differing.length === 0) process.stdout.write(`Fakta stämmer med rådata för alla ${report.units} enheter.\n`);
    else if (command === 'rebuild') process.stdout.write(`Fakta byggdes om för ${report.differing.length} enheter.\n`);
    return command === 'check' && report.differing.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
