/** The line that says where the figures come from: cores, memory, CPU, Node, Chromium, PostgreSQL. */
import os from 'node:os';
import pg from 'pg';
import { chromiumVersion } from '../../scripts/chromium';
import { PG_URL } from './pg';

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  os: string;
  node: string;
  chromium: string;
  postgres: string;
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
    const r = await client.query<{ v: string }>("select current_setting('server_version') as v");
    return r.rows[0]?.v ?? 'unknown';
  } catch {
    return 'unreachable';
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function describeMachine(): Promise<Machine> {
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion(),
    postgres: await postgresVersion(),
  };
}

export const machineLine = (m: Machine): string =>
  `${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, ${m.chromium}, PostgreSQL ${m.postgres}`;
