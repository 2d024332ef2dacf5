/**
 * The formatting rule and the language list, without any catalogue: a client imports this and
 * loads only the catalogue it shows (en.ts is fetched on demand), keeping the first load small.
 */
import type { ErrorCode } from '../errors';
import type { MessageKey } from './sv';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Params = Readonly<Record<string, string | number>>;

/** Compile-time proof that every ErrorCode has a message (in sv, hence in en). */
export const ERROR_MESSAGE_KEYS: Record<ErrorCode, MessageKey> = {
  validation: 'error.validation',
  'malformed-json': 'error.malformed-json',
  unauthenticated: 'error.unauthenticated',
  'token-expired': 'error.token-expired',
  'device-revoked': 'error.device-revoked',
  forbidden: 'error.forbidden',
  'scope-denied': 'error.scope-denied',
  'not-found': 'error.not-found',
  'payload-too-large': 'error.payload-too-large',
  'rate-limited': 'error.rate-limited',
  'client-too-old': 'error.client-too-old',
  'seq-gap': 'error.seq-gap',
  'clock-drift': 'error.clock-drift',
  personnummer: 'error.personnummer',
  'invalid-credentials': 'error.invalid-credentials',
  'enrol-code-invalid': 'error.enrol-code-invalid',
  'unit-closed': 'error.unit-closed',
  'immutable-field': 'error.immutable-field',
  duplicate: 'error.duplicate',
  'import-invalid': 'error.import-invalid',
  cycle: 'error.cycle',
  'outbox-not-empty': 'error.outbox-not-empty',
  'backdate-window': 'error.backdate-window',
  network: 'error.network',
  internal: 'error.internal',
  'oidc-state': 'error.oidc-state',
  'oidc-failed': 'error.oidc-failed',
  'oidc-no-account': 'error.oidc-no-account',
  'oidc-waiting': 'error.oidc-waiting',
  'oidc-unit-unknown': 'error.oidc-unit-unknown',
  'oidc-unavailable': 'error.oidc-unavailable',
  'password-login-off': 'error.password-login-off',
};

const PLURAL = /\{(\w+), plural,((?:\s*=?\w+ \{[^{}]*\})+)\s*\}/g;
const CASE = /(=?\w+) \{([^{}]*)\}/g;

/**
 * Replaces `{name}` with params.name; an unknown placeholder stays visible rather than vanish.
 * Counts agree with their nouns through a plural placeholder chosen by Intl.PluralRules, e.g.
 * `{n, plural, one {# dag} other {# dagar}}` ("1 dag", "3 dagar"; `#` is the number).
 */
export function format(template: string, params?: Params, lang: Language = 'sv'): string {
  if (params === undefined) return template;
  const plural = template.includes(', plural,')
    ? template.replace(PLURAL, (whole, name: string, cases: string) => {
        const v = params[name];
        if (typeof v !== 'number') return whole;
        const forms: Record<string, string> = {};
        for (const m of cases.matchAll(CASE)) forms[m[1] as string] = m[2] as string;
        const form = forms[`=${v}`] ?? forms[new Intl.PluralRules(lang).select(v)] ?? forms.other ?? whole;
        return form.replace(/#/g, String(v));
      })
    : template;
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
