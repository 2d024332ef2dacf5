/**
 * The external sign-in's three steps, the same for any provider (provider.ts):
 *  1. begin: the provider's URL; what the callback needs (nonce, PKCE verifier) is kept in the
 *     database under the state, which also goes into a cookie bound to this browser;
 *  2. finish (the callback): the state must match the cookie and be taken from the database
 *     (one use, 10 minutes); the provider's answer is verified; the person's account is found
 *     or made (link.ts); a one-time ticket (2 minutes) is handed to the app in the URL fragment;
 *  3. redeem: the app trades the ticket for a device credential, exactly as a password login
 *     gives one, so offline work and token renewal are unchanged.
 * Every outcome is in the security log as 'login-oidc'; a refusal creates nothing.
 */
import { randomBytes } from 'node:crypto';
import type { DeviceCredential } from '../../../shared/api';
import { containsPersonnummer } from '../../../shared/domain/personnummer';
import { AppError } from '../../../shared/errors';
import { type AuthDeps, newAccountDevice } from '../service';
import { accountFor } from './link';
import type { ExternalSignIn } from './provider';
import type { OidcSettings } from './settings';

export const STATE_TTL_MS = 10 * 60_000;
export const TICKET_TTL_MS = 2 * 60_000;

export interface ExternalDeps {
  readonly auth: AuthDeps;
  readonly provider: ExternalSignIn;
  readonly mapping: Pick<OidcSettings, 'roleMap' | 'groupsClaim' | 'unitClaim' | 'nameClaim' | 'jit'>;
}

export async function beginSignIn(d: ExternalDeps): Promise<{ url: string; key: string }> {
  const b = await d.provider.begin();
  await d.auth.store.putSignInPending(b.key, 'state', b.keep, d.auth.now() + STATE_TTL_MS);
  return { url: b.url, key: b.key };
}

/** Returns the ticket; throws AppError('oidc-…') after logging the failure. */
export async function finishSignIn(d: ExternalDeps, callback: URL, cookieKey: string | null, address: string | null): Promise<string> {
  const { store } = d.auth;
  let subject = '(okänd)';
  try {
    const key = d.provider.keyOf(callback);
    // An error from the provider (the person cancelled, access_denied) is its own refusal.
    if (callback.searchParams.has('error') && key !== null && key === cookieKey) {
      await store.takeSignInPending(key, 'state', d.auth.now());
      throw new AppError('oidc-failed', { reason: `provider:${callback.searchParams.get('error')?.slice(0, 60)}` });
    }
    if (key === null || cookieKey === null || key !== cookieKey) throw new AppError('oidc-state', { reason: 'not-this-browser' });
    const kept = await store.takeSignInPending(key, 'state', d.auth.now());
    if (kept === undefined) throw new AppError('oidc-state', { reason: 'unknown-or-used' });
    const who = await d.provider.complete(callback, kept);
    subject = containsPersonnummer(who.subject) ? '(personnummer)' : who.subject.slice(0, 200);
    const account = await accountFor(d.auth, d.mapping, who, address);
    const ticket = randomBytes(32).toString('base64url');
    await store.putSignInPending(ticket, 'ticket', JSON.stringify({ accountId: account.id }), d.auth.now() + TICKET_TTL_MS);
    return ticket;
  } catch (e) {
    const reason = e instanceof AppError ? `${e.code}${e.meta?.reason ? `:${String(e.meta.reason)}` : ''}` : 'internal';
    await store.appendSecurityEvent({ at: new Date(d.auth.now()).toISOString(), kind: 'login-oidc', actor: null, subject: `${subject} (${reason})`.slice(0, 300), address, outcome: 'failed' });
    throw e;
  }
}

export async function redeemTicket(d: AuthDeps, ticket: string, label: string | undefined): Promise<DeviceCredential> {
  return d.store.tx(async (tx) => {
    const data = await tx.takeSignInPending(ticket, 'ticket', d.now());
    if (data === undefined) throw new AppError('oidc-state', { reason: 'ticket' });
    const { accountId } = JSON.parse(data) as { accountId: string };
    const account = await tx.getAccount(accountId);
    if (!account || account.disabled) throw new AppError('oidc-no-account', { reason: 'disabled' });
    return newAccountDevice(tx, d, account.id, label ?? account.displayName);
  });
}
