/**
 * The OpenAPI 3.1 document of the whole HTTP API (issue 16), generated from the route table: each
 * route's path, its rule (as `x-rule` and in the security it needs), its description, and the JSON
 * Schema of the very zod schemas its input is parsed with (zod's toJSONSchema, which zod/mini
 * schemas support too). Nothing here is written by hand twice.
 */
import { z } from 'zod/mini';
import { ERROR_CODES } from '../../shared/errors';
import { ROUTE_DOCS } from './route-docs';
import { type RouteEntry, ruleText } from './route';

type Json = Record<string, unknown>;

const jsonSchema = (schema: unknown): Json => {
  const out = z.toJSONSchema(schema as z.ZodMiniType, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
};

/** The description of a route: its own, else the one in route-docs.ts, else undefined. */
export const describeRoute = (r: Pick<RouteEntry, 'method' | 'url' | 'description'>): string | undefined =>
  r.description ?? ROUTE_DOCS[`${r.method} ${r.url}`];

function parameters(r: RouteEntry): Json[] {
  const out: Json[] = [];
  for (const where of ['params', 'query'] as const) {
    const schema = r.input[where];
    if (!schema) continue;
    const js = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where === 'params' ? 'path' : 'query', required: where === 'params' || (js.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

const isFile = (url: string) => url.endsWith('.csv');

function operation(r: RouteEntry): Json {
  const summary = describeRoute(r) ?? '';
  const open = r.rule.access === 'public';
  const op: Json = {
    operationId: `${r.method.toLowerCase()}${r.url.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary,
    tags: [r.url.split('/')[2] ?? 'api'],
    'x-rule': ruleText(r.rule),
    security: open ? [] : [{ bearer: [] }, { basic: [] }],
    responses: {
      '200': isFile(r.url)
        ? { description: 'The file.', content: { 'text/csv': { schema: { type: 'string' } } } }
        : { description: 'The answer (schemas in src/shared).', content: { 'application/json': { schema: {} } } },
      '204': { description: 'Done, nothing to answer.' },
      default: { description: 'An error: its code, and the path of the field at fault.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
    },
  };
  const params = parameters(r);
  if (params.length > 0) op.parameters = params;
  if (r.input.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.input.body) } } };
  return op;
}

export function openApiDocument(routes: readonly RouteEntry[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, Json>)[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pulstavlan API',
      version,
      description:
        'The pulse boards\' HTTP API: the app\'s routes and the feed for BI tools. Every route names its rule (x-rule: the policy action and the unit it is about). Machines use an API key (Administration → API-nycklar) as a Bearer token or as the password of HTTP Basic; keys only read.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A device\'s access token (POST /api/auth/token) or an API key pk1.….' },
        basic: { type: 'http', scheme: 'basic', description: 'An API key as the password; the user name is ignored.' },
      },
      schemas: {
        ErrorBody: {
          type: 'object',
          required: ['code'],
          properties: {
            code: { type: 'string', enum: [...ERROR_CODES] },
            path: { type: 'array', items: { type: ['string', 'integer'] } },
            line: { type: 'integer' },
            meta: { type: 'object' },
            errors: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The document as a page for people: every route with its rule, parameters and body schema. */
export function openApiPage(doc: Json): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const items = Object.entries(paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const params = ((op.parameters as Json[] | undefined) ?? []).map((p) => `<li><code>${esc(String(p.name))}</code> (${esc(String(p.in))}${p.required ? ', required' : ''})</li>`).join('');
        const body = op.requestBody ? `<details><summary>Body schema</summary><pre>${esc(JSON.stringify((op.requestBody as { content: { 'application/json': { schema: unknown } } }).content['application/json'].schema, null, 2))}</pre></details>` : '';
        return `<section><h2><span class="m">${method.toUpperCase()}</span> <code>${esc(path)}</code></h2><p>${esc(String(op.summary))}</p><p class="rule">Rule: <code>${esc(String(op['x-rule']))}</code></p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
      }),
    )
    .join('\n');
  const info = doc.info as { title: string; version: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0f172a}h1{color:#14532d}section{border-top:1px solid #cbd5e1;padding:.5rem 0}h2{font-size:1rem;margin:.5rem 0}.m{display:inline-block;min-width:4rem;font-weight:700;color:#14532d}.rule{color:#475569}pre{background:#f1f5f9;padding:.5rem;overflow:auto}</style></head>
<body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${items}</body></html>`;
}
