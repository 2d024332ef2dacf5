/**
 * An external sign-in method: the login path (routes-sign-in.ts, link.ts) knows only this
 * interface, so a SAML 2.0 provider can be added beside OIDC later by implementing it (its
 * RelayState plays the part of `state`) without touching accounts, devices or the routes' logic.
 */
export interface ExternalIdentity {
  /** The value of the configured identifying claim (attribute, for SAML). */
  subject: string;
  /** Every claim the provider vouched for (ID token, merged with userinfo where fetched). */
  claims: Readonly<Record<string, unknown>>;
}

export interface Begun {
  /** Where to send the browser. */
  url: string;
  /** Identifies this sign-in in the callback (OIDC `state`); the key of what `keep` holds. */
  key: string;
  /** What the callback needs again (nonce, PKCE verifier), serialised; kept server-side. */
  keep: string;
}

export interface ExternalSignIn {
  readonly method: 'oidc';
  /** Shown on the button: "Logga in med <name>". */
  readonly name: string;
  begin(): Promise<Begun>;
  /** The callback's key (OIDC `state`), read from its URL before anything is verified. */
  keyOf(callback: URL): string | null;
  /** Verifies the callback against what `begin` kept; throws AppError('oidc-…') when it fails. */
  complete(callback: URL, kept: string): Promise<ExternalIdentity>;
  /** Where to send a browser that logged out so the provider ends its session too; null: none. */
  endSessionUrl(): Promise<string | null>;
}
