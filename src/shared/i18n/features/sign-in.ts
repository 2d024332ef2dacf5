/** The login screen's sign-in through the region's identity provider (issue 12); lazy with the auth chunk. */
const sv = {
  external: 'Logga in med {name}',
  orPassword: 'eller med användarnamn och lösenord',
  externalBusy: 'Loggar in …',
};
const en: typeof sv = {
  external: 'Sign in with {name}',
  orPassword: 'or with username and password',
  externalBusy: 'Signing in …',
};
export const signInTexts = { sv, en };
