/**
 * The real server as a child process (what `npm run serve` starts), on 127.0.0.1 and a free
 * port. A child keeps the server's CPU apart from the load generator's: on two cores an
 * in-process server would share one event loop with the client that measures it.
 * Every child is killed when the bench exits, however it exits.
 *
 * The server child runs in a session of its own (setsid), as a server run as a service does. On
 * Linux with autogroup scheduling (kernel.sched_autogroup_enabled) the CPU is shared between
 * sessions first: PostgreSQL starts each backend in a session of its own, so a server left in the
 * bench's session shared one session's share with the bench's own processes (the load generator,
 * the HTTP client, the browser), and its event loop waited behind them. On the 1,500-unit region
 * (PostgreSQL, 20 pushes/s, the region's six routes 20 rounds over, a harness outside the bench)
 * its longest stall was 55–68 ms in 5 runs of 5 that way, and 34–50 ms in 4 of 5 in its own
 * session (the fifth 72.5 ms: a 64 ms mark-compact). A signal to the bench's process group (a
 * terminal closing, `timeout`, a cancelled job) no longer reaches the child, so orphan-exit.mjs,
 * preloaded into it, stops it once the bench that started it is gone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../../scripts/free-port';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node';
import { onAbort } from './cleanup';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** A fresh directory under the OS temp dir; removed at an early exit if its owner did not. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulstavlan-bench-${prefix}-`));
  onAbort(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { freePort };

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
  output(): string;
}

export interface ServerEnv {
  DATA_DIR: string;
  DATABASE_URL?: string;
  STATIC_DIR?: string;
  SEED_DEMO?: 'true' | 'false';
  RATE_LIMIT_PER_IP?: string;
  RATE_LIMIT_PER_DEVICE?: string;
  /** When set, probe.mjs is preloaded and appends event-loop delay and RSS lines to this file. */
  BENCH_PROBE_FILE?: string;
}

/** Starts src/server/main.ts and waits (at most 60 s) until /api/health answers. */
export async function startServer(env: ServerEnv): Promise<ServerProcess> {
  const port = await freePort();
  let out = '';
  const probe = env.BENCH_PROBE_FILE ? ['--import', pathToFileURL(path.join(ROOT, 'bench/lib/probe.mjs')).href] : [];
  // BENCH_CPU_PROF=DIR: a V8 CPU profile of the server child, written when it stops (for finding what a figure spends).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const orphanExit = ['--import', pathToFileURL(path.join(ROOT, 'bench/lib/orphan-exit.mjs')).href];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...prof, '--import', 'tsx', ...orphanExit, ...probe, 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      STATIC_DIR: env.STATIC_DIR ?? path.join(env.DATA_DIR, 'no-static'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own session (see the header); not on Windows, where it would open a console.
    detached: process.platform !== 'win32',
  });
  children.add(child);
  const forget = onAbort(() => void child.kill('SIGKILL'));
  child.once('exit', () => {
    children.delete(child);
    forget();
  });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s:\n${out}`);
    }
    await sleep(100);
  }
  return {
    url,
    pid: child.pid ?? -1,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
