/**
 * Authenticates `Authorization: Bearer` requests before anything else runs, so the rate limiter
 * can key by device (a hospital NAT puts every tablet behind one address) and routes can require
 * a principal. The device is loaded from the database each time: revocation is immediate.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { type Principal, principalFor } from '../auth/principal';
import { type TokenKey, verifyAccessToken } from '../auth/tokens';
import type { Store } from '../store/store';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Routes that identify the caller by their body; a stale bearer header there is ignored. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/auth/enrol', '/api/auth/token', '/api/health']);

export function registerAuthHook(app: FastifyInstance, store: Store, tokenKey: TokenKey, now: () => number) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header || !req.url.startsWith('/api/') || PUBLIC_ROUTES.has(req.url.split('?')[0] ?? '')) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('unauthenticated');
    const deviceId = await verifyAccessToken(tokenKey, m[1] as string, now());
    const device = await store.getDevice(deviceId);
    if (!device) throw new AppError('unauthenticated');
    req.principal = await principalFor(store, device);
  });
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}
