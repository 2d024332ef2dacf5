/**
 * Authenticates `Authorization: Bearer` requests before anything else runs, so the rate limiter
 * can key by device (a hospital NAT puts every tablet behind one address) and routes can require
 * a principal. The device is loaded from the database each time: revocation is immediate. A public
 * route (its declared rule, http/route.ts) identifies the caller by its body, so a stale bearer
 * header there is ignored. Every request also gets its org tree, loaded on first use only.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';
import { type Principal, principalFor } from '../auth/principal';
import { type TokenKey, verifyAccessToken } from '../auth/tokens';
import { type OrgView, orgView } from '../org/view';
import type { Store } from '../store/store';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function registerAuthHook(app: FastifyInstance, store: Store, tokenKey: TokenKey, now: () => number) {
  app.decorateRequest('principal', null);
  app.decorateRequest('org', null as unknown as () => Promise<OrgView>);
  app.addHook('onRequest', async (req) => {
    let org: Promise<OrgView> | undefined;
    req.org = () => (org ??= store.listUnits().then(orgView));
    const header = req.headers.authorization;
    if (!header || !req.url.startsWith('/api/') || req.routeOptions.config?.rule?.access === 'public') return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('unauthenticated');
    const deviceId = await verifyAccessToken(tokenKey, m[1] as string, now());
    const device = await store.getDevice(deviceId);
    if (!device) throw new AppError('unauthenticated');
    req.principal = await principalFor(store, device);
  });
}
