/**
 * API keys for machines (issue 16). A manager or admin creates a named key for a subtree in their
 * scope (the policy's manage-devices), optionally ending on a day; the secret is returned once and
 * stored as SHA-256 (it has 256 bits of entropy, like a device secret). A key is a principal of its
 * own kind whose rights the policy limits to reading figures and files (policy.ts KEY_ACTIONS).
 * Every creation, revocation and use goes into the security log; the key's last use is shown.
 */
import { uuidv7 } from 'uuidv7';
import { API_KEY_PATTERN, API_KEY_PREFIX, type ApiKeyView, type CreateApiKeyRequest, type CreatedApiKey } from '../../shared/api-keys';
import { localDate } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import type { UnitId } from '../../shared/schema/ids';
import type { OrgView } from '../org/view';
import type { ApiKeyRow, Store } from '../store/store';
import { authorize, may } from './policy';
import type { Principal } from './principal';
import { hashSecret, newDeviceSecret, secretMatches } from './secrets';

async function view(store: Pick<Store, 'getAccount'>, k: ApiKeyRow): Promise<ApiKeyView> {
  const creator = k.createdBy ? await store.getAccount(k.createdBy) : undefined;
  return {
    id: k.id,
    name: k.name,
    scopeUnitId: k.scopeUnitId as UnitId,
    createdAt: k.createdAt,
    createdBy: creator?.username ?? null,
    expiresOn: k.expiresOn,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
    freeText: k.freeText,
  };
}

export async function createApiKey(store: Store, p: Principal, input: CreateApiKeyRequest, now: number): Promise<CreatedApiKey> {
  if (input.expiresOn !== undefined && input.expiresOn < localDate(now)) throw new AppError('validation', { reason: 'past' }, ['expiresOn']);
  // Free text may hold anything a person typed: only an admin lets a machine read it.
  if (input.freeText === true && p.role !== 'admin') throw new AppError('forbidden', { reason: 'free-text' }, ['freeText']);
  return store.tx(async (tx) => {
    authorize(p, 'manage-devices', await tx.getUnit(input.scopeUnitId), input.scopeUnitId, 'scopeUnitId');
    const secret = newDeviceSecret();
    const at = new Date(now).toISOString();
    const row: ApiKeyRow = {
      id: uuidv7(),
      name: input.name,
      scopeUnitId: input.scopeUnitId,
      secretHash: hashSecret(secret),
      createdBy: p.accountId,
      createdAt: at,
      expiresOn: input.expiresOn ?? null,
      revokedAt: null,
      lastUsedAt: null,
      freeText: input.freeText === true,
    };
    await tx.insertApiKey(row);
    await tx.appendSecurityEvent({ at, kind: 'api-key-created', actor: p.deviceId, subject: row.id, address: null, outcome: 'ok', unitId: row.scopeUnitId });
    return { key: await view(tx, row), secret: `${API_KEY_PREFIX}${row.id}.${secret}` };
  });
}

/** The keys whose scope lies in the caller's (the ones they could revoke). */
export async function listApiKeys(store: Store, p: Principal, org: OrgView): Promise<ApiKeyView[]> {
  const mine = (await store.listApiKeys()).filter((k) => {
    const unit = org.get(k.scopeUnitId);
    return unit !== undefined && may(p, 'manage-devices', unit);
  });
  return Promise.all(mine.map((k) => view(store, k)));
}

export async function revokeApiKey(store: Store, p: Principal, id: string, now: number): Promise<ApiKeyView> {
  return store.tx(async (tx) => {
    const key = await tx.getApiKey(id);
    if (!key) throw new AppError('not-found', { apiKeyId: id });
    authorize(p, 'manage-devices', await tx.getUnit(key.scopeUnitId), key.scopeUnitId);
    const at = new Date(now).toISOString();
    await tx.revokeApiKey(id, at);
    if (!key.revokedAt) await tx.appendSecurityEvent({ at, kind: 'api-key-revoked', actor: p.deviceId, subject: id, address: null, outcome: 'ok', unitId: key.scopeUnitId });
    return view(tx, { ...key, revokedAt: key.revokedAt ?? at });
  });
}

/** Is this credential shaped like an API key (rather than a device's access token)? */
export const looksLikeApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);

/**
 * The principal of a key sent by a machine, or unauthenticated (unknown, wrong secret, revoked,
 * expired or its unit gone: the caller learns no more than that). Each use, refused ones included,
 * is written to the security log; a good one also becomes the key's last use.
 */
export async function principalForApiKey(store: Store, credential: string, now: number, address: string | null): Promise<Principal> {
  const m = API_KEY_PATTERN.exec(credential);
  const key = m ? await store.getApiKey(m[1] as string) : undefined;
  const at = new Date(now).toISOString();
  const log = (subject: string, outcome: 'ok' | 'failed') =>
    store.appendSecurityEvent({ at, kind: 'api-key-used', actor: null, subject, address, outcome, unitId: key?.scopeUnitId ?? null });
  if (!m || !key || !secretMatches(key.secretHash, m[2] as string)) {
    if (key) await log(key.id, 'failed');
    throw new AppError('unauthenticated');
  }
  const unit = await store.getUnit(key.scopeUnitId);
  if (key.revokedAt || (key.expiresOn !== null && localDate(now) > key.expiresOn) || !unit) {
    await log(key.id, 'failed');
    throw new AppError('unauthenticated', { reason: key.revokedAt ? 'revoked' : 'expired' });
  }
  await log(key.id, 'ok');
  await store.touchApiKey(key.id, at);
  return {
    deviceId: key.id,
    kind: 'api-key',
    role: 'staff',
    accountId: null,
    username: null,
    displayName: key.name,
    scopeUnitId: unit.id,
    scopePath: unit.path,
    freeText: key.freeText,
  };
}
