/** Issue 12: the headers a security review expects, on API answers, errors and the app itself; HSTS only over TLS. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers';
import { type Harness, harness } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const BASE = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

describe('security headers', () => {
  it('on an API answer, an error and the app’s page; no inline script is allowed and framing is denied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-static-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    try {
      h = await harness({ staticDir: dir });
      for (const url of ['/api/health', '/api/nowhere', '/', '/index.html']) {
        const res = await h.app.inject({ method: 'GET', url });
        expect(res.headers, url).toMatchObject(BASE);
        expect(res.headers['strict-transport-security'], url).toBeUndefined();
      }
      expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Strict-Transport-Security behind a trusted TLS proxy, not when the proxy is not trusted', async () => {
    h = await harness({ trustProxy: true });
    const tls = await h.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await h.close();
    h = await harness({ trustProxy: false });
    const forged = await h.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });
});
