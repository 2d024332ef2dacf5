/** The single mapping from error codes to HTTP statuses, and request parsing that yields codes. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod/mini';
import { AppError, type ErrorBody, type ErrorCode } from '../../shared/errors';
import { issueToError } from '../../shared/sync/validate';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  'malformed-json': 400,
  personnummer: 400,
  'immutable-field': 400,
  'import-invalid': 400,
  'enrol-code-invalid': 400,
  'clock-drift': 400,
  cycle: 400,
  'seq-gap': 409,
  duplicate: 409,
  'unit-closed': 409,
  'outbox-not-empty': 409,
  unauthenticated: 401,
  'token-expired': 401,
  'device-revoked': 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'backdate-window': 403,
  'scope-denied': 403,
  'not-found': 404,
  'payload-too-large': 413,
  'client-too-old': 426,
  'rate-limited': 429,
  network: 503,
  internal: 500,
  'oidc-state': 400,
  'oidc-failed': 400,
  'oidc-no-account': 403,
  'oidc-waiting': 403,
  'oidc-unit-unknown': 403,
  'oidc-unavailable': 503,
  'password-login-off': 403,
};

/** The HTTP status of an error code; protocol refusals (seq-gap, client-too-old) use it too. */
export const statusOf = (code: ErrorCode): number => STATUS[code];

/** Parses `value` with `schema` or throws AppError with the first issue's code and path. */
export function parse<T>(schema: z.ZodMiniType<T>, value: unknown, prefix: (string | number)[] = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { code, path } = issueToError(r.error, prefix);
  throw new AppError(code, undefined, path);
}

function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed-json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload-too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation', { reason: 'content-type' });
    // The static files' refusal of a path that cannot name a file ("..", NUL, "//", 5,000
    // characters): for the caller it is simply not there (issue 18).
    case 'FST_STATIC_FORBIDDEN_PATH':
      return new AppError('not-found');
    default:
      if (err.statusCode === 429) return new AppError('rate-limited');
      if (err instanceof SyntaxError || err.statusCode === 400) return new AppError('malformed-json');
      return err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? byStatus(err.statusCode) : null;
  }
}

/** Any other 4xx a plugin raises keeps its meaning; only a real failure of ours is a 500. */
function byStatus(status: number): AppError {
  if (status === 401) return new AppError('unauthenticated');
  if (status === 403) return new AppError('forbidden');
  if (status === 404 || status === 405) return new AppError('not-found');
  if (status === 413) return new AppError('payload-too-large');
  return new AppError('validation', { status });
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const appError = err instanceof AppError ? err : fromFastify(err as FastifyError);
  if (!appError) {
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'internal' } satisfies ErrorBody);
  }
  // A refusal that says how long to wait says it in the header too (an account's login lock).
  const retryAfterS = appError.code === 'rate-limited' ? appError.meta?.retryAfterS : undefined;
  if (typeof retryAfterS === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfterS));
  return reply.status(STATUS[appError.code]).send(appError.toBody());
}
