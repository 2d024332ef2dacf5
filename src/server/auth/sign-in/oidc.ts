/**
 * OpenID Connect through panva's certified `openid-client`: a confidential client running the
 * authorization-code flow with PKCE (S256), `state` and `nonce`. The library checks the ID
 * token's signature, issuer, audience, expiry, nonce and the state; a failure of any of them is
 * refused with 'oidc-failed' and nothing is created. Discovery runs on first use and is retried
 * after a failure, so a server starts while the provider is down.
 */
import * as client from 'openid-client';
import { AppError } from '../../../shared/errors';
import type { OidcSettings } from './settings';
import type { Begun, ExternalIdentity, ExternalSignIn } from './provider';

interface Kept { nonce: string; verifier: string }

export function oidcSignIn(s: OidcSettings): ExternalSignIn {
  let discovered: Promise<client.Configuration> | null = null;
  const config = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(s.issuer), s.clientId, { client_secret: s.clientSecret, [client.clockTolerance]: s.clockToleranceS, [client.clockSkew]: s.clockSkewS }, client.ClientSecretPost(s.clientSecret), s.allowHttp ? { execute: [client.allowInsecureRequests] } : {})
      .catch((e: unknown) => {
        discovered = null;
        throw new AppError('oidc-unavailable', { reason: e instanceof Error ? e.message.slice(0, 200) : 'discovery' });
      });
    return discovered;
  };
  return {
    method: 'oidc',
    name: s.name,
    async begin(): Promise<Begun> {
      const cfg = await config();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: s.redirectUrl,
        scope: s.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, key: state, keep: JSON.stringify({ nonce, verifier } satisfies Kept) };
    },
    keyOf: (callback) => callback.searchParams.get('state'),
    // RP-initiated logout with client_id (no ID token is kept: the device credential outlives it).
    async endSessionUrl(): Promise<string | null> {
      if (!s.postLogoutRedirectUrl) return null;
      const cfg = await config();
      if (!cfg.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(cfg, { post_logout_redirect_uri: s.postLogoutRedirectUrl }).href;
    },
    async complete(callback, kept): Promise<ExternalIdentity> {
      const cfg = await config();
      const { nonce, verifier } = JSON.parse(kept) as Kept;
      // The provider answers on the configured redirect URL; the request reached us behind a proxy
      // perhaps under another host, so the callback's query is checked against that URL.
      const current = new URL(s.redirectUrl);
      current.search = callback.search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: verifier, expectedState: callback.searchParams.get('state') ?? '', expectedNonce: nonce, idTokenExpected: true });
      } catch (e) {
        throw new AppError('oidc-failed', { reason: reasonOf(e) });
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new AppError('oidc-failed', { reason: 'no-id-token' });
      let claims: Record<string, unknown> = { ...idClaims };
      // Claims the ID token leaves out (a region's HSA attributes often) come from userinfo.
      if (cfg.serverMetadata().userinfo_endpoint && tokens.access_token) {
        try {
          claims = { ...(await client.fetchUserInfo(cfg, tokens.access_token, idClaims.sub)), ...claims };
        } catch (e) {
          throw new AppError('oidc-failed', { reason: reasonOf(e) });
        }
      }
      const subject = claims[s.subjectClaim];
      if (typeof subject !== 'string' || subject === '') throw new AppError('oidc-failed', { reason: `no-claim:${s.subjectClaim}` });
      return { subject, claims };
    },
  };
}

/** A short machine reason for the security log (the person sees the Swedish text of the code). */
function reasonOf(e: unknown): string {
  if (e instanceof client.AuthorizationResponseError) return `provider:${e.error}`;
  if (e instanceof client.ResponseBodyError) return `provider:${e.error}`;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message.slice(0, 120) : 'unknown';
}
