/**
 * The client's only call to fetch. Every answer is parsed once with the caller's zod/mini schema
 * (architecture principle 2); every failure becomes an AppError carrying the server's code, path
 * and meta, or 'network' when no answer arrived. Callers never see a raw Response.
 * Token handling sits one level up, in http.ts; login, enrolment and renewal call this directly.
 */
import type { ZodMiniType } from 'zod/mini';
import { AppError, isErrorCode, type ErrorBody, type ErrorCode, type ErrorItem } from '../../shared/errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Prefix for every path; '' means same origin. */
  readonly baseUrl?: string;
  /** Injectable for tests; defaults to the global fetch, looked up at call time. */
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export interface RequestSpec<T> {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly body?: unknown;
  readonly token?: string;
  readonly schema: ZodMiniType<T> | null;
}

/** A hung request would hold the sync lock forever; tablets on hospital Wi-Fi do hang. */
const DEFAULT_TIMEOUT_MS = 30_000;

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'seq-gap',
  413: 'payload-too-large',
  426: 'client-too-old',
  429: 'rate-limited',
};

/** One request; `token`, when given, goes out as a bearer token. */
export async function requestJson<T>(http: HttpOptions, spec: RequestSpec<T>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  if (spec.token !== undefined) headers.authorization = `Bearer ${spec.token}`;
  const init: RequestInit = {
    method: spec.method,
    headers,
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
    ...timeoutSignal(http.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  const doFetch: FetchLike = http.fetch ?? ((input, options) => globalThis.fetch(input, options));
  let response: Response;
  let text: string;
  try {
    response = await doFetch(`${http.baseUrl ?? ''}${spec.path}`, init);
    text = await response.text();
  } catch {
    throw new AppError('network', { method: spec.method, path: spec.path });
  }
  const json = parseJson(text);
  if (!response.ok) return fromErrorResponse(response, json, spec.schema);
  if (spec.schema === null) return undefined as T;
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new AppError('internal', { reason: 'response-invalid', route: spec.path }, path);
  }
  return parsed.data;
}

function fromErrorResponse<T>(response: Response, json: unknown, schema: ZodMiniType<T> | null): T {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const extra = { status, ...(retryAfterMs !== null ? { retryAfterMs } : {}) };
  if (isErrorBody(json)) throw new AppError(json.code, { ...json.meta, ...extra }, json.path, validItems(json.errors));
  // Protocol answers (seq-gap, client-too-old) are typed values even when sent with a 4xx status.
  if (schema !== null) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
  }
  throw new AppError(STATUS_CODES[status] ?? 'internal', extra);
}

/** Keeps an import's per-line errors only if they have the documented shape. */
function validItems(items: unknown): ErrorItem[] | undefined {
  if (!Array.isArray(items)) return undefined;
  return items.filter(
    (i): i is ErrorItem => typeof i === 'object' && i !== null && typeof (i as ErrorItem).line === 'number' && typeof (i as ErrorItem).code === 'string',
  );
}

function isErrorBody(json: unknown): json is ErrorBody {
  return typeof json === 'object' && json !== null && isErrorCode((json as { code?: unknown }).code);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function timeoutSignal(ms: number): { signal?: AbortSignal } {
  return typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function'
    ? { signal: AbortSignal.timeout(ms) }
    : {};
}
