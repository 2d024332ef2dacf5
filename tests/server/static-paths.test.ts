/**
 * Issue 18 item 7: odd paths to the static files (the built PWA) and to the API answer 4xx, never
 * 500: traversal, NUL, doubled or back slashes, broken percent-encoding, 5,000 characters.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from './helpers';

let h: Harness;
let dir: string;
let port: number;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-static-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Pulstavlan</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {};');
  h = await harness({ staticDir: dir });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  port = (h.app.server.address() as AddressInfo).port;
});

/** A real request over loopback, the path sent exactly as written (inject would parse it first). */
function request(method: string, rawPath: string): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ODD = [
  '/..',
  '/../etc/passwd',
  '/assets/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/%00',
  '/index.html%00',
  '/assets/app.js%00.png',
  '//',
  '//etc/passwd',
  '/assets//app.js',
  '/\\',
  '/..\\..\\etc\\passwd',
  '/assets\\app.js',
  '/%5c..%5c..%5cetc%5cpasswd',
  '/%',
  '/%E0%A4%A',
  '/%c0%ae%c0%ae/etc/passwd',
  '/%ff',
  '/.env',
  `/${'a'.repeat(5_000)}`,
  `/assets/${'a/'.repeat(2_500)}`,
  `/${'%2e%2e/'.repeat(700)}`,
  '/api/%00',
  '/api/..',
  '/api/auth/%E0%A4%A',
  `/api/${'a'.repeat(5_000)}`,
  '/api/devices/%00/revoke',
  '/api/admin/units/%00',
];

const SHELL = '<!doctype html><title>Pulstavlan</title>';

describe('odd paths never give 500', () => {
  it.each(ODD.map((p) => [p.length > 60 ? `${p.slice(0, 40)}… (${p.length} characters)` : p, p]))('%s', async (_, url) => {
    for (const method of ['GET', 'HEAD', 'POST'] as const) {
      const res = await request(method, url);
      const what = `${method} ${url.slice(0, 80)}: ${res.statusCode} ${res.body.slice(0, 100)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      // A 200 is the app's shell (the single-page app routes any unknown GET to it) or a file of
      // the static directory, never anything outside it; an API path never gets the shell (but
      // "/api/.." is the root).
      if (res.statusCode === 200 && method === 'GET') expect([SHELL, 'export {};'], what).toContain(res.body);
      if (url.startsWith('/api/') && !url.includes('..')) expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
    }
  });

  it('the files themselves are still served, and an unknown app path gets the shell', async () => {
    expect((await request('GET', '/assets/app.js')).statusCode).toBe(200);
    const shell = await request('GET', '/hygien');
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain('Pulstavlan');
  });
});
