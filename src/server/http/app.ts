/** The Fastify app: API routes, the single error mapping, rate limits, and the built PWA. */
import fs from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { MAX_BODY_BYTES } from '../../shared/protocol';
import type { AuthDeps } from '../auth/service';
import type { TokenKey } from '../auth/tokens';
import type { Store } from '../store/store';
import { registerAuthHook } from './auth-hook';
import { errorHandler } from './errors';
import { registerSecurityHeaders } from './security-headers';
import { authRoutes } from './routes-auth';
import { auditRoutes } from './routes-audit';
import { signInRoutes } from './routes-sign-in';
import { oidcSignIn } from '../auth/sign-in/oidc';
import type { SignInSettings } from '../auth/sign-in/settings';
import { bhkRoutes } from './routes-bhk';
import { apiKeyRoutes } from './routes-api-keys';
import { openApiDocument, openApiPage } from './openapi';
import { feedRoutes } from './routes-feed';
import { indicatorRoutes } from './routes-indicators';
import { orgRoutes } from './routes-org';
import { declareRoutes, route } from './route';
import { safetyRoutes } from './routes-safety';
import { staffingRoutes } from './routes-staffing';
import { syncRoutes } from './routes-sync';

/** The API's version in the OpenAPI document (the package's). */
const API_VERSION: string = (JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  store: Store;
  tokenKey: TokenKey;
  tokenTtlS: number;
  staticDir?: string | null;
  rateLimitPerDevice: number;
  rateLimitPerIp: number;
  /** Requests per minute per machine API key (issue 16); 120 when not given. */
  rateLimitPerKey?: number;
  logLevel?: string;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For (per-IP limits). */
  trustProxy?: boolean;
  now?: () => number;
  /** Sign-in through the region's identity provider and whether passwords work (issue 12). */
  signIn?: SignInSettings;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now;
  const app = Fastify({ logger: { level: opts.logLevel ?? 'silent' }, bodyLimit: MAX_BODY_BYTES, trustProxy: opts.trustProxy ?? false });
  app.setErrorHandler(errorHandler);
  declareRoutes(app);
  registerSecurityHeaders(app);
  registerAuthHook(app, opts.store, opts.tokenKey, now);
  // Per device or account once authenticated; per address where nobody is known yet, and always
  // on the public routes, which identify the caller by their body (login, enrolment, renewal).
  // Which route it is comes from Fastify's router, never the raw URL: "/api/auth/%6cogin" is the
  // login route (issue 18).
  const perAddress = (req: FastifyRequest) => !req.principal || req.routeOptions.config?.rule?.access === 'public';
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: (req) => (perAddress(req) ? `ip:${req.ip}` : `${req.principal?.kind === 'api-key' ? 'key' : 'device'}:${req.principal?.deviceId}`),
    max: (req) => (perAddress(req) ? opts.rateLimitPerIp : req.principal?.kind === 'api-key' ? (opts.rateLimitPerKey ?? 120) : opts.rateLimitPerDevice),
    allowList: (req) => !(req.routeOptions.url ?? req.url).startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => Object.assign(new AppError('rate-limited', { retryAfterS: Math.ceil(ctx.ttl / 1000) }), { statusCode: 429 }),
  });
  const signIn = opts.signIn ?? { oidc: null, passwordLogin: true };
  const deps: AuthDeps = { store: opts.store, tokenKey: opts.tokenKey, tokenTtlS: opts.tokenTtlS, now, passwordLogin: signIn.passwordLogin };
  const external = signIn.oidc ? { auth: deps, provider: oidcSignIn(signIn.oidc), mapping: signIn.oidc } : null;
  route(app, 'GET', '/api/health', { rule: { access: 'public' } }, async () => ({ ok: true }));
  authRoutes(app, deps);
  signInRoutes(app, deps, external, opts.store);
  syncRoutes(app, opts.store, now);
  orgRoutes(app, opts.store, now);
  bhkRoutes(app, opts.store);
  safetyRoutes(app, opts.store, now);
  staffingRoutes(app, opts.store, now);
  indicatorRoutes(app, opts.store, now);
  auditRoutes(app, opts.store, now);
  apiKeyRoutes(app, opts.store, now);
  feedRoutes(app, opts.store, now);
  // The API described (issue 16): generated from the route table once every route is registered.
  const open = { access: 'public' } as const;
  const document = () => openApiDocument(app.routeTable, API_VERSION);
  route(app, 'GET', '/api/openapi.json', { rule: open, description: 'This document: the whole HTTP API as OpenAPI 3.1.' }, async () => document());
  route(app, 'GET', '/api/docs', { rule: open, description: 'The same document as a page for people.' }, async ({ reply }) =>
    reply.type('text/html; charset=utf-8').send(openApiPage(document())),
  );

  const staticDir = opts.staticDir ? path.resolve(opts.staticDir) : null;
  const hasStatic = staticDir !== null && fs.existsSync(path.join(staticDir, 'index.html'));
  if (hasStatic) {
    await app.register(fastifyStatic, {
      root: staticDir,
      setHeaders: (res, file) => {
        // The service worker and the shell must be revalidated, or an update never arrives.
        const name = path.basename(file);
        if (name === 'sw.js' || name === 'index.html' || name.endsWith('.webmanifest')) res.header('Cache-Control', 'no-cache');
        else if (file.includes(`${path.sep}assets${path.sep}`)) res.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasStatic && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'not-found' });
  });
  return app;
}
