/**
 * Who this device is. Login (a person) and enrolment (a ward tablet) both end with a long-lived
 * device credential in `meta`; every later request uses short-lived tokens made from it
 * (token.ts). Nothing here ever deletes the outbox: unsynced changes survive revocation,
 * re-enrolment and a forced logout, and go out under the next credential (docs/sync.md §2.11).
 */
import { DeviceCredential, type Identity } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { requestJson, type HttpOptions } from '../net/request';
import type { PulsDb } from '../storage/db';
import { adoptCredential, clearSession } from '../storage/device';
import { getMetas, setMeta } from '../storage/meta';
import { getAccessToken } from './token';

export interface Session {
  deviceId: string;
  identity: Identity;
}

export async function loadSession(db: PulsDb): Promise<Session | null> {
  const { credential, identity } = await getMetas(db, ['credential', 'identity']);
  return credential && identity ? { deviceId: credential.deviceId, identity } : null;
}

/** Logs a person in on this browser; throws AppError('invalid-credentials') on a wrong password. */
export async function login(
  db: PulsDb,
  username: string,
  password: string,
  label?: string,
  http: HttpOptions = {},
): Promise<Session> {
  const body = { username, password, ...(label !== undefined ? { label } : {}) };
  const session = await start(db, await requestJson(http, { method: 'POST', path: '/api/auth/login', body, schema: DeviceCredential }));
  // Record whether storage is protected without asking (Firefox would prompt a person on a phone).
  await setMeta(db, 'persisted', await requestPersistence('check'));
  return session;
}

/**
 * Enrols this tablet with a one-time code from a manager. Re-enrolling a revoked tablet keeps
 * its outbox: the changes are renumbered for the new device id and pushed under it.
 */
export async function enrol(db: PulsDb, code: string, label?: string, http: HttpOptions = {}): Promise<Session> {
  const body = { code, ...(label !== undefined ? { label } : {}) };
  const session = await start(db, await requestJson(http, { method: 'POST', path: '/api/auth/enrol', body, schema: DeviceCredential }));
  // A ward tablet holds the only copy of unsynced work: ask the browser not to evict it
  // (docs/sync.md §2.2). Recorded so the status page can warn when it was refused.
  await setMeta(db, 'persisted', await requestPersistence());
  return session;
}

export interface LogoutOptions extends HttpOptions {
  /** Log out even though unsynced changes exist; they stay in the outbox for the next session. */
  readonly force?: boolean;
}

/** Where the browser goes after logging out of a session from the region's identity provider. */
export const PROVIDER_LOGOUT_PATH = '/api/auth/oidc/logout';

/**
 * Throws AppError('outbox-not-empty') while unsynced changes exist, unless `force`. Returns the
 * path that ends the session at the region's identity provider too when this session came from
 * it (the server redirects on to the provider's end_session_endpoint when configured), else null.
 */
export async function logout(db: PulsDb, opts: LogoutOptions = {}): Promise<string | null> {
  const pending = await db.outbox.count();
  if (pending > 0 && opts.force !== true) throw new AppError('outbox-not-empty', { pending });
  const { credential, revoked, signedInWith } = await getMetas(db, ['credential', 'revoked', 'signedInWith']);
  if (credential && revoked !== true) {
    try {
      // Revoke the device on the server so the forgotten secret is useless even if copied.
      const http: HttpOptions = { baseUrl: opts.baseUrl ?? '', ...(opts.fetch ? { fetch: opts.fetch } : {}) };
      await requestJson(http, { method: 'POST', path: '/api/auth/logout', schema: null, token: await getAccessToken(db, http) });
    } catch {
      // Offline or already refused: logging out locally must still work.
    }
  }
  await clearSession(db);
  return signedInWith === 'oidc' ? PROVIDER_LOGOUT_PATH : null;
}

async function start(db: PulsDb, credential: DeviceCredential): Promise<Session> {
  const { deviceId, deviceSecret, identity } = credential;
  await adoptCredential(db, { deviceId, deviceSecret }, identity);
  return { deviceId, identity };
}

async function requestPersistence(mode: 'ask' | 'check' = 'ask'): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const call = mode === 'ask' ? storage?.persist : storage?.persisted;
  if (typeof call !== 'function') return null;
  try {
    return await call.call(storage);
  } catch {
    return false;
  }
}
