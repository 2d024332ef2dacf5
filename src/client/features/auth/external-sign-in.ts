/**
 * Sign-in through the region's identity provider (issue 12): which methods the server offers, and
 * the one-time ticket the server's callback put in the URL, traded for this browser's device
 * credential, the same one a password login gives (so offline work and renewal are unchanged).
 */
import { DeviceCredential } from '../../../shared/api';
import { SignInMethods } from '../../../shared/sign-in-api';
import type { Session } from '../../auth/session';
import { requestJson } from '../../net/request';
import type { PulsDb } from '../../storage/db';
import { adoptCredential } from '../../storage/device';
import { setMeta } from '../../storage/meta';

export const TICKET_PARAM = 'inloggning';
export const ERROR_PARAM = 'inloggningsfel';

export async function signInMethods(): Promise<SignInMethods | null> {
  try {
    return await requestJson({}, { method: 'GET', path: '/api/auth/methods', schema: SignInMethods });
  } catch {
    // Offline or an older server: the password form alone.
    return null;
  }
}

export async function redeemTicket(db: PulsDb, ticket: string, label?: string): Promise<Session> {
  const body = { ticket, ...(label !== undefined ? { label } : {}) };
  const { deviceId, deviceSecret, identity } = await requestJson({}, { method: 'POST', path: '/api/auth/oidc/redeem', body, schema: DeviceCredential });
  await adoptCredential(db, { deviceId, deviceSecret }, identity);
  await setMeta(db, 'signedInWith', 'oidc');
  return { deviceId, identity };
}
