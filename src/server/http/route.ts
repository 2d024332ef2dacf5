/**
 * Every API route is declared with `route()`: its method and URL, the schemas its input parses
 * with, and its rule: who may call it (an action from auth/policy.ts) and which unit that is about.
 * The rule is checked before the handler runs and kept in the route's Fastify config, so the route
 * table (`app.routeTable`) shows each route's rule; registering an /api route without one throws
 * at start-up (declareRoutes). A handler gets its input parsed once, the caller, the unit its rule
 * named (authorised) and the request's org tree, loaded at most once per request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod/mini';
import { AppError } from '../../shared/errors';
import { type Action, authorize, requireAction, requireSelf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { OrgView } from '../org/view';
import type { UnitRow } from '../store/store';
import { parse } from './errors';

/** What a route's rule is about. */
export type Target =
  /** The request names the unit (a query, body or path field): checked before the handler. */
  | { readonly unit: 'query' | 'body' | 'params'; readonly field: string }
  /** A stored row names the unit (a tablet, an account): the action is checked before the
   * handler, the row's unit by the service inside its transaction. */
  | { readonly row: 'device' | 'account' | 'api-key'; readonly param: string }
  /** Every item of the body names its own unit (push's changes, the import's rows): the action is
   * checked before the handler, each item's unit by the service, which refuses that item alone. */
  | { readonly each: 'change' | 'import-row' }
  /** The caller's own scope: the answer is filtered to it (pull, the org tree, accounts). */
  | 'own-scope';

export type Rule =
  /** Identifies the caller by its body (login, enrolment, token renewal), or needs nobody. */
  | { readonly access: 'public' }
  /** Any signed-in caller, about its own device only (identity, logout). */
  | { readonly access: 'self' }
  | { readonly access: Action; readonly target: Target };

type Schema<T> = z.ZodMiniType<T>;
export interface RouteInput {
  readonly params?: Schema<unknown> | undefined;
  readonly query?: Schema<unknown> | undefined;
  readonly body?: Schema<unknown> | undefined;
}
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly rule: Rule;
  readonly input: RouteInput;
  /** What the route does, for the OpenAPI document (http/openapi.ts); route-docs.ts has the older routes'. */
  readonly description?: string | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rule?: Rule;
    input?: RouteInput;
    description?: string;
  }
  interface FastifyRequest {
    /** The org tree, loaded on first use and kept for the rest of the request (auth-hook.ts). */
    org: () => Promise<OrgView>;
  }
  interface FastifyInstance {
    /** Every registered API route with its rule, in registration order. */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteContext<P, Q, B> {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The signed-in caller; a public route has none (reading it throws). */
  readonly principal: Principal;
  /** The unit a `{ unit: … }` target named, authorised for the rule's action (else reading it throws). */
  readonly unit: UnitRow;
  org(): Promise<OrgView>;
}

export interface RouteDef<P, Q, B> {
  readonly rule: Rule;
  /** One line on what the route answers (the OpenAPI document's summary). */
  readonly description?: string;
  readonly params?: Schema<P>;
  readonly query?: Schema<Q>;
  readonly body?: Schema<B>;
}

/** "`access` on the unit this request field names": `unitRule('read', 'query', 'rootId')`. */
export const unitRule = (access: Action, unit: 'query' | 'body' | 'params', field: string): Rule => ({ access, target: { unit, field } });

/** A rule in words, as src/client/README.md's route table shows it ("read: rootId"). */
export function ruleText(rule: Rule): string {
  if (!('target' in rule)) return rule.access;
  const t = rule.target;
  const what =
    t === 'own-scope'
      ? 'own scope'
      : 'unit' in t
        ? `${t.unit === 'params' ? ':' : ''}${t.field}`
        : 'row' in t
          ? `${t.row === 'device' ? 'tablet' : t.row} :${t.param}`
          : `each ${t.each === 'change' ? 'change' : 'row'}`;
  return `${rule.access}: ${what}`;
}

/** The field names of an object schema (zod/mini keeps them in `def.shape`). */
export function fieldsOf(schema: Schema<unknown> | undefined): string[] {
  const shape = (schema as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A programming error (the handler reads what its rule does not give), never a client's doing. */
const missing = (what: string): never => {
  throw new Error(`route context: this route's rule gives no ${what}`);
};

export function route<P = undefined, Q = undefined, B = undefined>(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  def: RouteDef<P, Q, B>,
  handler: (c: RouteContext<P, Q, B>) => Promise<unknown>,
): void {
  const { rule } = def;
  const target = 'target' in rule ? rule.target : null;
  if (target !== null && typeof target === 'object' && 'unit' in target && !fieldsOf(def[target.unit]).includes(target.field)) {
    throw new Error(`${method} ${url}: the rule names ${target.unit}.${target.field}, which its ${target.unit} schema does not have`);
  }
  app.route({
    method,
    url,
    config: { rule, input: { params: def.params, query: def.query, body: def.body }, ...(def.description !== undefined ? { description: def.description } : {}) },
    handler: async (req, reply) => {
      const principal = rule.access === 'public' ? null : requirePrincipal(req);
      const params = (def.params ? parse(def.params, req.params) : undefined) as P;
      const query = (def.query ? parse(def.query, req.query) : undefined) as Q;
      const body = (def.body ? parse(def.body, req.body) : undefined) as B;
      let unit: UnitRow | undefined;
      if (principal !== null && rule.access === 'self') requireSelf(principal);
      if (principal !== null && 'target' in rule) {
        requireAction(principal, rule.access);
        if (typeof rule.target === 'object' && 'unit' in rule.target) {
          const input: Record<string, unknown> = { params, query, body };
          const id = (input[rule.target.unit] as Record<string, string>)[rule.target.field] as string;
          unit = authorize(principal, rule.access, (await req.org()).get(id), id, rule.target.field);
        }
      }
      return handler({
        req,
        reply,
        params,
        query,
        body,
        org: () => req.org(),
        get principal() {
          return principal ?? missing('principal');
        },
        get unit() {
          return unit ?? missing('unit');
        },
      });
    },
  });
}

function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}

/**
 * Collects the route table and refuses, as the route is registered, any /api route without a
 * rule: a route that forgot to say who may call it never starts. (The PWA's static files, outside
 * /api, are public by nature.)
 */
export function declareRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    const rule = r.config?.rule;
    if (rule === undefined) throw new Error(`${String(r.method)} ${r.url}: an API route needs a rule (declare it with route(), http/route.ts)`);
    for (const method of [r.method].flat()) {
      // Fastify adds a HEAD twin for every GET; it is the same route.
      if (method !== 'HEAD') table.push({ method, url: r.url, rule, input: r.config?.input ?? {}, description: r.config?.description });
    }
  });
}
