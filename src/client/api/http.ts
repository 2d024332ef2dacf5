/**
 * Typed, authenticated access to the REST routes (src/client/README.md). Built on request.ts,
 * the one place that calls fetch; this layer adds the bearer token and its renewal.
 */
import type { ZodMiniType } from 'zod/mini';
import { AppError } from '../../shared/errors';
import { getAccessToken, renewToken } from '../auth/token';
import { markRevoked } from '../storage/device';
import type { PulsDb } from '../storage/db';
import { requestJson, type FetchLike, type HttpOptions, type RequestSpec } from '../net/request';

export { requestJson, parseRetryAfter, type FetchLike, type HttpOptions } from '../net/request';

export interface Api {
  get<T>(path: string, schema: ZodMiniType<T>): Promise<T>;
  send<T>(method: 'POST' | 'PATCH', path: string, body: unknown, schema: ZodMiniType<T> | null): Promise<T>;
}

/** Authenticated calls: renews the access token before it expires, and once more on a 401
 * token-expired answer; a device-revoked answer marks the database revoked (data stays). */
export function createApi(db: PulsDb, baseUrl = '', fetchImpl?: FetchLike): Api {
  const http: HttpOptions = { baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  async function call<T>(spec: Omit<RequestSpec<T>, 'token'>): Promise<T> {
    try {
      return await requestJson(http, { ...spec, token: await getAccessToken(db, http) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'device-revoked') await markRevoked(db);
      // A token that the server no longer knows (signing key rotated) earns one renewal too.
      const renewable = error.code === 'token-expired' || (error.code === 'unauthenticated' && error.meta?.status === 401);
      if (!renewable) throw error;
    }
    try {
      return await requestJson(http, { ...spec, token: await renewToken(db, http) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'device-revoked') await markRevoked(db);
      throw error;
    }
  }
  return {
    get: (path, schema) => call({ method: 'GET', path, schema }),
    send: (method, path, body, schema) => call({ method, path, body, schema }),
  };
}

