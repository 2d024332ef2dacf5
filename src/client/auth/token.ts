/**
 * Short-lived access tokens, obtained with the long-lived device credential. Tokens will expire
 * during a multi-day offline period (docs/sync.md §5); renewing is routine and never touches the
 * outbox. A device the server refuses (revoked, unknown) is marked revoked: its data and outbox
 * stay on the device until someone re-enrols it.
 */
import { TokenResponse } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { requestJson, type HttpOptions } from '../net/request';
import { markRevoked, recordIdentity } from '../storage/device';
import type { PulsDb } from '../storage/db';
import { getMetas, setMeta } from '../storage/meta';

/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
export const RENEW_MARGIN_MS = 60_000;

/** A valid access token: the stored one, or a fresh one when it is missing or nearly expired. */
export async function getAccessToken(db: PulsDb, http: HttpOptions, now: number = Date.now()): Promise<string> {
  const { token, credential, serverOffsetMs } = await getMetas(db, ['token', 'credential', 'serverOffsetMs']);
  if (!credential) throw new AppError('unauthenticated');
  // expiresAt is server time; compare it with our clock corrected by the measured offset.
  if (token && token.expiresAt - (now + (serverOffsetMs ?? 0)) > RENEW_MARGIN_MS) return token.token;
  return renewToken(db, http);
}

/** Concurrent callers (two requests that both met a 401) share one renewal per database. */
const inFlight = new WeakMap<PulsDb, Promise<string>>();

export function renewToken(db: PulsDb, http: HttpOptions): Promise<string> {
  const running = inFlight.get(db);
  if (running) return running;
  const renewal = doRenew(db, http).finally(() => inFlight.delete(db));
  inFlight.set(db, renewal);
  return renewal;
}

async function doRenew(db: PulsDb, http: HttpOptions): Promise<string> {
  const { credential } = await getMetas(db, ['credential']);
  if (!credential) throw new AppError('unauthenticated');
  const sentAt = Date.now();
  let answer: TokenResponse;
  try {
    answer = await requestJson(http, {
      method: 'POST',
      path: '/api/auth/token',
      body: { deviceId: credential.deviceId, deviceSecret: credential.deviceSecret },
      schema: TokenResponse,
    });
  } catch (error) {
    // invalid-credentials here means the server no longer knows this device at all: for the
    // user it is the same situation as a revocation (re-enrol or log in again).
    if (error instanceof AppError && (error.code === 'device-revoked' || error.code === 'invalid-credentials')) {
      await markRevoked(db);
      throw new AppError('device-revoked', { reason: error.code });
    }
    throw error;
  }
  const receivedAt = Date.now();
  await db.transaction('rw', db.meta, async () => {
    const current = await getMetas(db, ['credential']);
    // Logged out or re-enrolled while the request was out: this token belongs to nobody.
    if (current.credential?.deviceId !== credential.deviceId) throw new AppError('unauthenticated');
    await setMeta(db, 'token', { token: answer.accessToken, expiresAt: answer.expiresAt });
    // A changed scope is only marked here; the sync round rebuilds for it (applyScopeChange).
    await recordIdentity(db, answer.identity);
    await setMeta(db, 'serverOffsetMs', Math.round(answer.serverTime - (sentAt + receivedAt) / 2));
  });
  return answer.accessToken;
}
