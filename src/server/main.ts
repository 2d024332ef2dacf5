/** Composition root: config → store → migrations → seed → app → listen. */
import { loadConfig } from './config';
import { loadTokenKey } from './auth/tokens';
import { signInSettings } from './auth/sign-in/settings';
import { buildApp } from './http/app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-org';
import { seedDemo } from './seed/seed';
import { migrateBoardGoals } from './indicators/board-goal-migration';
import { createStore } from './store/index';
import type { Store } from './store/store';

/**
 * The banner lists the demo logins only when the demo is there (issue 12); a server without an
 * administrator says how to create the first one.
 */
async function bannerLogins(seedDemo: boolean, store: Store): Promise<string[]> {
  const accounts = await store.listAccounts();
  if (seedDemo && accounts.some((a) => a.username === DEMO_ACCOUNTS[0].username)) {
    return [
      'Demoinloggningar (lösenord för alla: ' + DEMO_PASSWORD + '):',
      ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(14)} ${a.role.padEnd(8)} ${a.displayName}`),
      '',
    ];
  }
  if (!accounts.some((a) => a.role === 'admin' && !a.disabled)) {
    return ['Ingen administratör finns ännu. Skapa den första:', '  npm run admin -- create-admin --username <namn> [--region "Region Namn"]', ''];
  }
  return [];
}

async function main() {
  const config = loadConfig();
  // Sign-in settings are checked before anything touches the database.
  const signIn = signInSettings();
  const store = createStore(config);
  await store.migrate((msg) => process.stdout.write(`${msg}\n`));
  const seeded = config.SEED_DEMO ? await seedDemo(store, Date.now()) : false;
  // Once per database: the boards' own targets become the catalogue's (issue 14).
  const moved = await migrateBoardGoals(store, Date.now());
  if (moved > 0) process.stdout.write(`Tavlornas egna mål flyttade till Mål och resultat: ${moved} nivåmål\n`);
  const app = await buildApp({
    store,
    tokenKey: await loadTokenKey(store),
    tokenTtlS: config.ACCESS_TOKEN_TTL_S,
    staticDir: config.STATIC_DIR,
    rateLimitPerDevice: config.RATE_LIMIT_PER_DEVICE,
    rateLimitPerIp: config.RATE_LIMIT_PER_IP,
    rateLimitPerKey: config.RATE_LIMIT_PER_KEY,
    logLevel: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    trustProxy: config.TRUST_PROXY,
    signIn,
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${new URL(address).port}`;
  const where = config.DATABASE_URL ? 'PostgreSQL' : `SQLite (${config.sqliteFile})`;
  process.stdout.write([`\nPulstavlan körs på ${url}`, `Databas: ${where}${seeded ? ' — demoorganisation skapad' : ''}`, '', ...(await bannerLogins(config.SEED_DEMO, store)), 'Avsluta med Ctrl+C.', ''].join('\n'));
  const shutdown = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`Pulstavlan kunde inte starta: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
