/**
 * Short-lived access tokens (JWT, HS256, pinned). The signing key lives in the database
 * (server_secrets) so every server process accepts every other's tokens (sync rule 18).
 */
import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../shared/errors';
import { DeviceId } from '../../shared/schema/ids';
import type { Store } from '../store/store';

const ISSUER = 'pulstavlan';
const AUDIENCE = 'pulstavlan-api';

export interface TokenKey {
  readonly key: Uint8Array;
}

export async function loadTokenKey(store: Store): Promise<TokenKey> {
  const value = await store.ensureSecret('jwt-hs256', randomBytes(32).toString('base64url'));
  return { key: Buffer.from(value, 'base64url') };
}

export async function signAccessToken(k: TokenKey, deviceId: string, ttlS: number, nowMs: number): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(nowMs / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(deviceId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlS)
    .sign(k.key);
  return { token, expiresAt: (iat + ttlS) * 1000 };
}

/** Returns the device id, or throws AppError token-expired / unauthenticated. */
export async function verifyAccessToken(k: TokenKey, token: string, nowMs: number): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, k.key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      // A token without an expiry would be good for ever (issue 18).
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(nowMs),
    });
    // A subject that is no device id never reaches the database (a NUL there fails PostgreSQL).
    if (!DeviceId.safeParse(payload.sub).success) throw new AppError('unauthenticated');
    return payload.sub as string;
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new AppError('token-expired');
    if (e instanceof AppError) throw e;
    throw new AppError('unauthenticated');
  }
}
