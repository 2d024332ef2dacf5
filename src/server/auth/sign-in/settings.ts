/**
 * Sign-in through the region's identity provider (issue 12), configured by environment variables
 * and parsed once at start. Unset OIDC_ISSUER means no external sign-in; the four connection
 * variables come together or not at all.
 *
 *   OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL   the confidential client
 *   OIDC_NAME            the button's name ("Logga in med <OIDC_NAME>"; default "regionens inloggning")
 *   OIDC_SCOPES          default "openid profile email"
 *   OIDC_SUBJECT_CLAIM   the claim that identifies a person (default "sub"; e.g. an HSA-id claim)
 *   OIDC_NAME_CLAIM      the claim with the person's name (default "name")
 *   OIDC_UNIT_CLAIM      optional: the claim with the HSA-id of the person's unit
 *   OIDC_GROUPS_CLAIM    optional: the claim with the person's groups (a string or a list)
 *   OIDC_ROLE_MAP        optional JSON: {"<group>": {"role": "staff|manager|admin", "unit": "<unit id or HSA-id>"}}
 *   OIDC_JIT             "true": an unknown person gets an account from the mapping or the unit claim,
 *                        or waits, staff in no unit, on the admin's list until placed
 *   OIDC_POST_LOGOUT_REDIRECT_URL  optional: logging out also ends the session at the provider
 *                        (its end_session_endpoint), which then sends the browser here (the app's
 *                        address, registered at the provider as a post-logout redirect URI)
 *   OIDC_ALLOW_HTTP      "true" only for a provider on loopback in development and tests
 *   PASSWORD_LOGIN       "false" switches local password login off (enrolment codes stay)
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false']).optional();
const Role = z.enum(['staff', 'manager', 'admin']);
const RoleMap = z.record(z.string().min(1), z.strictObject({ role: Role, unit: z.string().min(1) }));

const Env = z.object({
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_NAME: z.string().min(1).max(60).optional(),
  OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').optional(),
  OIDC_SUBJECT_CLAIM: z.string().min(1).optional(),
  OIDC_NAME_CLAIM: z.string().min(1).optional(),
  OIDC_UNIT_CLAIM: z.string().min(1).optional(),
  OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_JIT: bool,
  OIDC_POST_LOGOUT_REDIRECT_URL: z.url().optional(),
  OIDC_ALLOW_HTTP: bool,
  PASSWORD_LOGIN: bool,
});

export type RoleMapping = z.infer<typeof RoleMap>;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  name: string;
  scopes: string;
  subjectClaim: string;
  nameClaim: string;
  unitClaim: string | null;
  groupsClaim: string | null;
  roleMap: RoleMapping;
  jit: boolean;
  /** Where the provider sends the browser after ending its session; null: logout stays local. */
  postLogoutRedirectUrl: string | null;
  allowHttp: boolean;
  /** Seconds of clock difference tolerated on the ID token's times (tests set 0). */
  clockToleranceS: number;
  /** Seconds to add to our clock when judging the provider's times (0; a test moves it). */
  clockSkewS: number;
}

export interface SignInSettings {
  oidc: OidcSettings | null;
  passwordLogin: boolean;
}

export function signInSettings(env: NodeJS.ProcessEnv = process.env): SignInSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const passwordLogin = e.PASSWORD_LOGIN !== 'false';
  const connection = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URL];
  if (connection.every((v) => v === undefined)) {
    if (!passwordLogin) throw new Error('Invalid environment: PASSWORD_LOGIN=false needs OIDC_ISSUER (nobody could sign in)');
    return { oidc: null, passwordLogin };
  }
  if (connection.some((v) => v === undefined)) {
    throw new Error('Invalid environment: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL go together');
  }
  if (!new URL(e.OIDC_REDIRECT_URL as string).pathname.endsWith('/api/auth/oidc/callback')) {
    throw new Error('Invalid environment: OIDC_REDIRECT_URL must end with /api/auth/oidc/callback');
  }
  let roleMap: RoleMapping = {};
  if (e.OIDC_ROLE_MAP !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(e.OIDC_ROLE_MAP);
    } catch {
      throw new Error('Invalid environment: OIDC_ROLE_MAP: not JSON');
    }
    const map = RoleMap.safeParse(json);
    if (!map.success) throw new Error(`Invalid environment: OIDC_ROLE_MAP: ${map.error.issues[0]?.path.join('.')}: ${map.error.issues[0]?.message}`);
    roleMap = map.data;
  }
  return {
    passwordLogin,
    oidc: {
      issuer: e.OIDC_ISSUER as string,
      clientId: e.OIDC_CLIENT_ID as string,
      clientSecret: e.OIDC_CLIENT_SECRET as string,
      redirectUrl: e.OIDC_REDIRECT_URL as string,
      name: e.OIDC_NAME ?? 'regionens inloggning',
      scopes: e.OIDC_SCOPES ?? 'openid profile email',
      subjectClaim: e.OIDC_SUBJECT_CLAIM ?? 'sub',
      nameClaim: e.OIDC_NAME_CLAIM ?? 'name',
      unitClaim: e.OIDC_UNIT_CLAIM ?? null,
      groupsClaim: e.OIDC_GROUPS_CLAIM ?? null,
      roleMap,
      jit: e.OIDC_JIT === 'true',
      postLogoutRedirectUrl: e.OIDC_POST_LOGOUT_REDIRECT_URL ?? null,
      allowHttp: e.OIDC_ALLOW_HTTP === 'true',
      clockToleranceS: 30,
      clockSkewS: 0,
    },
  };
}
