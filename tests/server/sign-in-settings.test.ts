/** The identity provider's settings (issue 12) are parsed once at start; a half or wrong configuration stops the server with the variable named. */
import { describe, expect, it } from 'vitest';
import { signInSettings } from '../../src/server/auth/sign-in/settings';

const BASE = { OIDC_ISSUER: 'https://idp.region.example', OIDC_CLIENT_ID: 'pulstavlan', OIDC_CLIENT_SECRET: 's3cret', OIDC_REDIRECT_URL: 'https://puls.region.example/api/auth/oidc/callback' };

describe('signInSettings', () => {
  it('nothing set: passwords only', () => {
    expect(signInSettings({})).toEqual({ oidc: null, passwordLogin: true });
  });

  it('the four connection variables give a provider with the documented defaults', () => {
    expect(signInSettings(BASE).oidc).toMatchObject({
      issuer: BASE.OIDC_ISSUER,
      name: 'regionens inloggning',
      scopes: 'openid profile email',
      subjectClaim: 'sub',
      nameClaim: 'name',
      unitClaim: null,
      groupsClaim: null,
      roleMap: {},
      jit: false,
      allowHttp: false,
    });
  });

  it('a role map is JSON of group → role and unit', () => {
    const map = { 'SSK-AVD21': { role: 'staff', unit: 'SE2321000016-A21' } };
    expect(signInSettings({ ...BASE, OIDC_GROUPS_CLAIM: 'groups', OIDC_ROLE_MAP: JSON.stringify(map) }).oidc?.roleMap).toEqual(map);
  });

  it.each([
    [{ OIDC_ISSUER: BASE.OIDC_ISSUER }, /go together/],
    [{ ...BASE, OIDC_REDIRECT_URL: 'https://puls.region.example/callback' }, /OIDC_REDIRECT_URL/],
    [{ ...BASE, OIDC_ISSUER: 'not a url' }, /OIDC_ISSUER/],
    [{ ...BASE, OIDC_SCOPES: 'profile email' }, /OIDC_SCOPES/],
    [{ ...BASE, OIDC_ROLE_MAP: '{not json' }, /OIDC_ROLE_MAP: not JSON/],
    [{ ...BASE, OIDC_ROLE_MAP: '{"G": {"role": "boss", "unit": "x"}}' }, /OIDC_ROLE_MAP: G.role/],
    [{ PASSWORD_LOGIN: 'false' }, /PASSWORD_LOGIN=false needs OIDC_ISSUER/],
    [{ ...BASE, OIDC_JIT: 'yes' }, /OIDC_JIT/],
  ])('%j is refused, naming the variable', (env, message) => {
    expect(() => signInSettings(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
