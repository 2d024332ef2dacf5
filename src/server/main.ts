/** Composition root: config → store → migrations → seed → app → listen. */
import { loadConfig } from './config';
import { loadTokenKey } from './auth/tokens';
import { buildApp } from './http/app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-org';
import { seedDemo } from './seed/seed';
import { createStore } from './store/index';

async function main() {
  const config = loadConfig();
  const store = createStore(config);
  await store.migrate((msg) => process.stdout.write(`${msg}\n`));
  const seeded = config.SEED_DEMO ? await seedDemo(store, Date.now()) : false;
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
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${new URL(address).port}`;
  const where = config.DATABASE_URL ? 'PostgreSQL' : `SQLite (${config.sqliteFile})`;
  process.stdout.write(
    [
      '',
      `Pulstavlan körs på ${url}`,
      `Databas: ${where}${seeded ? ' — demoorganisation skapad' : ''}`,
      '',
      'Demoinloggningar (lösenord för alla: ' + DEMO_PASSWORD + '):',
      ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(14)} ${a.role.padEnd(8)} ${a.displayName}`),
      '',
      'Avsluta med Ctrl+C.',
      '',
    ].join('\n'),
  );
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
