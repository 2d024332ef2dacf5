/**
 * The OpenAPI document (issue 16): generated from the route table, it validates against the
 * OpenAPI 3.1 schema (@seriousme/openapi-schema-validator, a kept validator), names every
 * registered route with its description and rule, carries the zod schemas' constraints, and a
 * route registered without a description is caught.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { buildApp } from '../../src/server/http/app';
import { describeRoute, openApiDocument } from '../../src/server/http/openapi';
import { route } from '../../src/server/http/route';
import { call, type Harness, harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

type Doc = { openapi: string; paths: Record<string, Record<string, { summary: string; 'x-rule': string; parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; requestBody?: unknown; security: unknown[] }>> };

describe('OpenAPI', () => {
  it('GET /api/openapi.json is a valid OpenAPI 3.1 document (no token needed)', async () => {
    const res = await call(h, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator is not a rubber stamp: a parameter without `in` is refused.
    const broken = structuredClone(doc);
    broken.paths['/api/feed/bhk']!.get!.parameters![0] = { name: 'rootId', required: true, schema: {} } as never;
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('names every registered route with its description and rule, and the zod schemas\' constraints', async () => {
    const doc = (await call(h, 'GET', '/api/openapi.json')).json() as Doc;
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual(h.app.routeTable.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort());
    for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) expect([m, path, op.summary.length > 10]).toEqual([m, path, true]);
    const feed = doc.paths['/api/feed/bhk']?.get;
    expect(feed?.['x-rule']).toBe('read: rootId');
    expect(feed?.parameters?.find((p) => p.name === 'rootId')).toMatchObject({ in: 'query', required: true, schema: { type: 'string', maxLength: 200 } });
    expect(feed?.parameters?.find((p) => p.name === 'limit')).toMatchObject({ required: false, schema: { maximum: 2000 } });
    expect(doc.paths['/api/admin/api-keys/{id}/revoke']?.post?.parameters?.[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.paths['/api/admin/api-keys']?.post?.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['name', 'scopeUnitId'] } } } });
    expect(doc.paths['/api/health']?.get?.security).toEqual([]);
  });

  it('a route registered without a description is caught; so the test above fails for it', async () => {
    const app = await buildApp({ store: h.store, tokenKey: await loadTokenKey(h.store), tokenTtlS: 60, rateLimitPerDevice: 10, rateLimitPerIp: 10 });
    try {
      route(app, 'GET', '/api/undocumented', { rule: { access: 'read', target: 'own-scope' } }, async () => ({}));
      route(app, 'GET', '/api/documented', { rule: { access: 'read', target: 'own-scope' }, description: 'Says what it does.' }, async () => ({}));
      const missing = app.routeTable.filter((r) => describeRoute(r) === undefined).map((r) => `${r.method} ${r.url}`);
      expect(missing).toEqual(['GET /api/undocumented']);
      const doc = openApiDocument(app.routeTable, 'test') as Doc;
      expect(doc.paths['/api/undocumented']?.get?.summary).toBe('');
    } finally {
      await app.close();
    }
  });

  it('GET /api/docs shows every route to people', async () => {
    const res = await call(h, 'GET', '/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    for (const r of h.app.routeTable) expect(res.body).toContain(`<code>${r.url.replace(/:(\w+)/g, '{$1}')}</code>`);
  });
});
