/** The server's environment, parsed once at start. */
import path from 'node:path';
import { z } from 'zod';
import { READ_THREADS } from './store/sqlite/read-thread';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** postgres://… switches the store to PostgreSQL; unset means embedded SQLite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional(),
  STATIC_DIR: z.string().default('./dist'),
  /** A PostgreSQL schema to use instead of the connection's default (search_path). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(),
  /**
   * Seed the demo organisation, accounts and sample observations on first start. Unset, it
   * follows NODE_ENV: `NODE_ENV=production` seeds nothing, anything else seeds the demo.
   */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(5).max(3600).default(900),
  /** Requests per minute per device or account (authenticated) and per address (login, enrol). */
  RATE_LIMIT_PER_DEVICE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(120),
  /** Requests per minute per machine API key (issue 16). */
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).default(120),
  /** Set to true only behind a reverse proxy: then X-Forwarded-For names the client address. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * Embedded SQLite: threads that run the figures' fact reads beside the event loop, each over a
   * read-only connection (store/sqlite/read-thread.ts); 0 runs them on the store's connection.
   */
  SQLITE_READ_THREADS: z.coerce.number().int().min(0).max(8).default(READ_THREADS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});
export type Config = Omit<z.infer<typeof Env>, 'SEED_DEMO'> & { SEED_DEMO: boolean; sqliteFile: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const seedDemo = parsed.data.SEED_DEMO === undefined ? env.NODE_ENV !== 'production' : parsed.data.SEED_DEMO === 'true';
  return { ...parsed.data, SEED_DEMO: seedDemo, sqliteFile: path.join(parsed.data.DATA_DIR, 'pulstavlan.sqlite') };
}
