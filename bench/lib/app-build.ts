/**
 * Vite builds for the bench, run as `vite build` in a child process whose output goes to
 * stderr (part of it, the service worker's build, is printed to stdout whatever the log level,
 * and stdout is for the result table). The app is built exactly as `npm run build` builds it
 * (the project's vite.config.ts, service worker included) plus Vite's manifest for the size
 * breakdown, into a temporary directory: the shared dist/ that the e2e suite uses is left alone.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, tempDir } from './proc';

const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');

export function viteBuild(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, 'build', '--logLevel', 'warn', ...args], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build ${args.join(' ')} exited with ${code}`));
    });
  });
}

export async function buildApp(): Promise<string> {
  const outDir = tempDir('dist');
  await viteBuild(['--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--manifest']);
  return outDir;
}
