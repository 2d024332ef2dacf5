/**
 * Sign-in through the region's identity provider (issue 12; auth/sign-in/flow.ts). The routes
 * exist whether or not a provider is configured (without one they answer not-found), so the route
 * table is the same on every server.
 *
 *   GET  /api/auth/methods         which sign-ins the login screen offers
 *   GET  /api/auth/oidc/start      → 302 to the provider; a cookie binds the state to this browser
 *   GET  /api/auth/oidc/callback   the provider's answer → 302 to /#/?inloggning=<ticket>,
 *                                  or /#/?inloggningsfel=<error code>
 *   POST /api/auth/oidc/redeem     ticket → device credential (as POST /api/auth/login)
 *   GET  /api/auth/oidc/logout     after the app logged out: → 302 to the provider's
 *                                  end_session_endpoint (OIDC_POST_LOGOUT_REDIRECT_URL), or to /
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import { DismissWaitingRequest, LinkAccountRequest, PlaceWaitingRequest, RedeemTicketRequest, SetSignInGroupRequest, type SignInMethods, SignInGroupsQuery } from '../../shared/sign-in-api';
import { dismissWaiting, listWaiting, placeWaiting } from '../auth/sign-in/waiting';
import { listSignInGroups, setSignInGroup } from '../auth/sign-in/groups';
import { AppError } from '../../shared/errors';
import { AccountId } from '../../shared/schema/ids';
import { linkAccount } from '../auth/accounts-link';
import type { AuthDeps } from '../auth/service';
import { beginSignIn, type ExternalDeps, finishSignIn, redeemTicket, STATE_TTL_MS } from '../auth/sign-in/flow';
import type { Store } from '../store/store';
import { route, unitRule } from './route';

const COOKIE = 'pulstavlan_signin';
const COOKIE_PATH = '/api/auth/oidc';
const Short = z.optional(z.string().check(z.maxLength(2000)));
// Providers add their own parameters (iss, session_state, scope): read, never trusted beyond these.
const CallbackQuery = z.looseObject({ state: Short, code: Short, error: Short });
const AccountParams = z.strictObject({ id: AccountId });

function cookieOf(req: FastifyRequest): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=') || null;
  }
  return null;
}
const cookie = (req: FastifyRequest, value: string, maxAgeS: number) =>
  `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${req.protocol === 'https' ? '; Secure' : ''}`;

export function signInRoutes(app: FastifyInstance, auth: AuthDeps, external: ExternalDeps | null, store: Store) {
  const open = { access: 'public' } as const;
  const configured = (): ExternalDeps => {
    if (!external) throw new AppError('not-found');
    return external;
  };
  route(app, 'GET', '/api/auth/methods', { rule: open }, async () => ({
    password: auth.passwordLogin !== false,
    external: external ? [{ method: external.provider.method, name: external.provider.name, start: '/api/auth/oidc/start' }] : [],
  }) satisfies SignInMethods);
  route(app, 'GET', '/api/auth/oidc/start', { rule: open }, async ({ req, reply }) => {
    const { url, key } = await beginSignIn(configured());
    return reply.header('set-cookie', cookie(req, key, STATE_TTL_MS / 1000)).header('cache-control', 'no-store').redirect(url, 302);
  });
  route(app, 'GET', '/api/auth/oidc/callback', { rule: open, query: CallbackQuery }, async ({ req, reply }) => {
    const d = configured();
    const url = new URL(req.url, 'http://callback.invalid');
    let target: string;
    try {
      target = `/#/?inloggning=${await finishSignIn(d, url, cookieOf(req), req.ip)}`;
    } catch (e) {
      if (!(e instanceof AppError)) req.log.error(e);
      target = `/#/?inloggningsfel=${e instanceof AppError ? e.code : 'internal'}`;
    }
    // The state is spent either way: the cookie goes too.
    return reply.header('set-cookie', cookie(req, '', 0)).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(target, 302);
  });
  // The device has already ended itself (POST /api/auth/logout); this only sends the browser on to
  // the provider so the region's session ends too. Without the setting, or with the provider down,
  // back to the app's start (the local logout stands either way).
  route(app, 'GET', '/api/auth/oidc/logout', { rule: open }, async ({ req, reply }) => {
    let target = '/';
    try {
      target = (await external?.provider.endSessionUrl()) ?? '/';
    } catch (e) {
      if (!(e instanceof AppError)) req.log.error(e);
    }
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(target, 302);
  });
  route(app, 'POST', '/api/auth/oidc/redeem', { rule: open, body: RedeemTicketRequest }, async ({ body }) => {
    configured();
    return redeemTicket(auth, body.ticket, body.label);
  });
  // An admin links an account to the person at the provider (the configured claim's value).
  const accountById = { rule: { access: 'administer', target: { row: 'account', param: 'id' } }, params: AccountParams, body: LinkAccountRequest } as const;
  route(app, 'POST', '/api/admin/accounts/:id/link', accountById, async ({ principal, params, body }) => linkAccount(store, principal, params.id, body.externalId, auth.now()));
  // Group → role and unit mappings the admin keeps (used whenever OIDC_GROUPS_CLAIM is set).
  route(app, 'GET', '/api/admin/sign-in-groups', { rule: unitRule('administer', 'query', 'rootId'), query: SignInGroupsQuery }, async ({ principal, unit }) => ({
    groups: await listSignInGroups(store, principal, unit),
  }));
  route(app, 'POST', '/api/admin/sign-in-groups', { rule: unitRule('administer', 'body', 'unitId'), body: SetSignInGroupRequest }, async ({ principal, body }) => ({
    group: await setSignInGroup(store, principal, body, auth.now()),
  }));
  // People the provider vouched for whom no mapping places (OIDC_JIT): an admin places them.
  route(app, 'GET', '/api/admin/sign-in-waiting', { rule: unitRule('administer', 'query', 'rootId'), query: SignInGroupsQuery }, async () => ({ waiting: await listWaiting(store) }));
  route(app, 'POST', '/api/admin/sign-in-waiting/place', { rule: unitRule('administer', 'body', 'unitId'), body: PlaceWaitingRequest }, async ({ principal, body }) =>
    placeWaiting(store, principal, body, auth.now()),
  );
  route(app, 'POST', '/api/admin/sign-in-waiting/dismiss', { rule: unitRule('administer', 'body', 'rootId'), body: DismissWaitingRequest }, async ({ body }) => {
    await dismissWaiting(store, body.subject);
    return { ok: true };
  });
}
