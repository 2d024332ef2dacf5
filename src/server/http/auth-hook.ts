/**
 * Authenticates `Authorization: Bearer` requests (and a machine's API key, Bearer or Basic) before anything else runs, so the rate limiter
 * can key by device (a hospital NAT puts every tablet behind one address) and routes can require
 * a principal. The device is loaded from the database each time: revocation is immediate. A public
 * route (its declared rule, http/route.ts) identifies the caller by its body, so a stale bearer
 * header there is ignored. Every request also gets its org tree, loaded on first use only.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';
import { looksLikeApiKey, principalForApiKey } from '../auth/api-keys';
import { type Principal, principalFor } from '../auth/principal';
import { type TokenKey, verifyAccessToken } from '../auth/tokens';
import type { OrgView } from '../org/view';
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
    req.org = () => (org ??= store.orgView());
    const header = req.headers.authorization;
    if (!header || !req.url.startsWith('/api/') || req.routeOptions.config?.rule?.access === 'public') return;
    // A machine's API key (issue 16): as a Bearer token, or as HTTP Basic's password (the web
    // connectors of Excel and Power BI send only Basic); the user name is ignored.
    const key = apiKeyOf(header);
    if (key !== null) {
      req.principal = await principalForApiKey(store, key, now(), req.ip);
      return;
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('unauthenticated');
    const deviceId = await verifyAccessToken(tokenKey, m[1] as string, now());
    const device = await store.getDevice(deviceId);
    if (!device) throw new AppError('unauthenticated');
    req.principal = await principalFor(store, device);
  });
}

/** The API key in an Authorization header, or null when the header carries no key. */
export function apiKeyOf(header: string): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return looksLikeApiKey(bearer[1] as string) ? (bearer[1] as string) : null;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Without a key as its password, Basic is refused like any malformed header.
  if (colon < 0) throw new AppError('unauthenticated');
  return decoded.slice(colon + 1);
}
