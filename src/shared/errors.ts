/**
 * Error codes shared by server and client. Code throws `new AppError(code, meta)`; expected
 * rejections are returned as values carrying a code. i18n/sv.ts and i18n/en.ts turn codes into
 * text; no user-facing prose lives here.
 */
export const ERROR_CODES = [
  'validation',
  'malformed-json',
  'unauthenticated',
  'token-expired',
  'device-revoked',
  'forbidden',
  'scope-denied',
  'not-found',
  'payload-too-large',
  'rate-limited',
  'client-too-old',
  'seq-gap',
  'clock-drift',
  'personnummer',
  'invalid-credentials',
  'enrol-code-invalid',
  'unit-closed',
  'immutable-field',
  'duplicate',
  'import-invalid',
  'cycle',
  'outbox-not-empty',
  'backdate-window',
  'network',
  'internal',
  'oidc-state',
  'oidc-failed',
  'oidc-no-account',
  'oidc-waiting',
  'oidc-unit-unknown',
  'oidc-unavailable',
  'password-login-off',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  readonly code: ErrorCode;
  /** Path to the offending field, e.g. ["changes", 3, "fields", "steps", "gloves"]. */
  readonly path?: readonly (string | number)[];
  /** Line number in an import file (1-based), when the error comes from an import. */
  readonly line?: number;
  readonly meta?: Readonly<Record<string, string | number | boolean | null>>;
  /** Per-line errors of a rejected import (code import-invalid). */
  readonly errors?: readonly ErrorItem[];
}

export interface ErrorItem {
  readonly line: number;
  readonly code: string;
  readonly path?: readonly (string | number)[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly meta: ErrorBody['meta'];
  readonly path: ErrorBody['path'];
  readonly errors: ErrorBody['errors'];
  constructor(code: ErrorCode, meta?: ErrorBody['meta'], path?: ErrorBody['path'], errors?: ErrorBody['errors']) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.meta = meta;
    this.path = path;
    this.errors = errors;
  }
  toBody(): ErrorBody {
    return {
      code: this.code,
      ...(this.path ? { path: this.path } : {}),
      ...(this.meta ? { meta: this.meta } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const isErrorCode = (s: unknown): s is ErrorCode =>
  typeof s === 'string' && (ERROR_CODES as readonly string[]).includes(s);
