/** Logins, tablet enrolment, token renewal, revocation. */
import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { type DeviceCredential, ENROL_CODE_ALPHABET, ENROL_CODE_LENGTH, ENROL_CODE_TTL_MS, type TokenResponse } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { DeviceRow, SecurityEvent, Store, StoreTx, UnitRow } from '../store/store';
import { lockRemainingMs, WINDOW_MS } from './login-lock';
import type { OrgView } from '../org/view';
import { authorize, roleMay } from './policy';
import { type Principal, principalFor, toIdentity } from './principal';
import { hashSecret, newDeviceSecret, secretMatches, verifyPassword } from './secrets';
import { signAccessToken, type TokenKey } from './tokens';

export interface AuthDeps {
  readonly store: Store;
  readonly tokenKey: TokenKey;
  readonly tokenTtlS: number;
  readonly now: () => number;
  /** false: local password login is switched off (PASSWORD_LOGIN=false, issue 12). */
  readonly passwordLogin?: boolean;
}

type NewDevice = Pick<DeviceRow, 'kind' | 'accountId' | 'unitId' | 'label'>;

async function insertNewDevice(tx: StoreTx, deps: AuthDeps, d: NewDevice): Promise<DeviceCredential> {
  const secret = newDeviceSecret();
  const device: DeviceRow = {
    ...d,
    id: uuidv7(),
    secretHash: hashSecret(secret),
    lastSeq: 0,
    createdAt: new Date(deps.now()).toISOString(),
    lastSeenAt: null,
    revokedAt: null,
  };
  await tx.insertDevice(device);
  const principal = await principalFor(tx, device);
  return { deviceId: device.id, deviceSecret: secret, identity: toIdentity(principal) } as DeviceCredential;
}

const newDevice = (deps: AuthDeps, d: NewDevice): Promise<DeviceCredential> => deps.store.tx((tx) => insertNewDevice(tx, deps, d));

/** A person's new device, exactly as a password login makes it (external sign-in, issue 12). */
export const newAccountDevice = (tx: StoreTx, deps: AuthDeps, accountId: string, label: string): Promise<DeviceCredential> =>
  insertNewDevice(tx, deps, { kind: 'account', accountId, unitId: null, label });

/**
 * Every attempt goes into the security log; an account locked by failed attempts (login-lock.ts)
 * is refused with rate-limited before its password is even checked. `address` is the caller's.
 */
export async function login(deps: AuthDeps, username: string, password: string, label?: string, address: string | null = null): Promise<DeviceCredential> {
  if (deps.passwordLogin === false) throw new AppError('password-login-off');
  const now = deps.now();
  const [account, recent] = await Promise.all([
    deps.store.getAccountByUsername(username),
    deps.store.listSecurityEvents({ kind: 'login', subject: username, since: new Date(now - WINDOW_MS).toISOString() }),
  ]);
  // The event names the account's unit when the name is someone's, so their manager sees it.
  const log = (outcome: SecurityEvent['outcome']) =>
    deps.store.appendSecurityEvent({ at: new Date(now).toISOString(), kind: 'login', actor: null, subject: username, address, outcome, unitId: account?.scopeUnitId ?? null });
  const lockedMs = lockRemainingMs(recent, now);
  if (lockedMs > 0) {
    await log('locked');
    throw new AppError('rate-limited', { retryAfterS: Math.ceil(lockedMs / 1000) });
  }
  // Verify against a dummy hash when the account is missing, so timing does not reveal usernames.
  const ok = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, password);
  if (!account || !ok || account.disabled) {
    await log('failed');
    throw new AppError('invalid-credentials');
  }
  await log('ok');
  return newDevice(deps, { kind: 'account', accountId: account.id, unitId: null, label: label ?? account.displayName });
}
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3uftgWD16cOdtDhnx2YEJg$H2+M5oMOpPbMzzpGWcE6DWbEhJBh3OLn8hrgEuMS5cM';

/** Taking the code and creating the tablet is one transaction: a failure never uses up the code. */
export async function enrol(deps: AuthDeps, code: string, label?: string): Promise<DeviceCredential> {
  return deps.store.tx(async (tx) => {
    const unitId = await tx.takeEnrolCode(code, deps.now());
    if (!unitId) throw new AppError('enrol-code-invalid');
    const unit = await tx.getUnit(unitId);
    if (!unit || unit.closedAt) throw new AppError('enrol-code-invalid');
    const cred = await insertNewDevice(tx, deps, { kind: 'tablet', accountId: null, unitId, label: label?.trim() || `Surfplatta ${unit.name}` });
    await tx.appendSecurityEvent({ at: new Date(deps.now()).toISOString(), kind: 'device-enrolled', actor: null, subject: cred.deviceId, address: null, outcome: 'ok', unitId });
    return cred;
  });
}

export async function issueToken(deps: AuthDeps, deviceId: string, secret: string): Promise<TokenResponse> {
  const device = await deps.store.getDevice(deviceId);
  if (!device || !secretMatches(device.secretHash, secret)) throw new AppError('invalid-credentials');
  const principal = await principalFor(deps.store, device); // throws device-revoked
  const now = deps.now();
  await deps.store.touchDevice(device.id, new Date(now).toISOString());
  const { token, expiresAt } = await signAccessToken(deps.tokenKey, device.id, deps.tokenTtlS, now);
  return { accessToken: token, expiresAt, identity: toIdentity(principal), serverTime: now };
}

/** The device ends itself (logging out): in the security log as a revocation by that device. */
export async function logout(deps: AuthDeps, p: Principal): Promise<void> {
  const at = new Date(deps.now()).toISOString();
  await deps.store.tx(async (tx) => {
    await tx.revokeDevice(p.deviceId, at);
    await tx.appendSecurityEvent({ at, kind: 'device-revoked', actor: p.deviceId, subject: p.deviceId, address: null, outcome: 'ok', unitId: p.scopeUnitId || null });
  });
}

function newEnrolCode(): string {
  let s = '';
  for (let i = 0; i < ENROL_CODE_LENGTH; i++) s += ENROL_CODE_ALPHABET[randomInt(ENROL_CODE_ALPHABET.length)];
  return s;
}

/** Checked again inside the transaction: the unit may have moved since the route's check. */
export async function createEnrolCode(deps: AuthDeps, p: Principal, unitId: string) {
  return deps.store.tx(async (tx) => {
    const unit = authorize(p, 'manage-devices', await tx.getUnit(unitId), unitId, 'unitId');
    if (unit.closedAt) throw new AppError('unit-closed', { unitId });
    const code = newEnrolCode();
    const expiresAt = deps.now() + ENROL_CODE_TTL_MS;
    await tx.insertEnrolCode(code, unitId, p.deviceId, expiresAt);
    return { code, unitId, expiresAt };
  });
}

/** The tablets of `root` and every unit below it; the route has checked the caller may manage them. */
export async function listDevices(deps: AuthDeps, org: OrgView, root: UnitRow) {
  const ids = org.subtree(root.id).map((u) => u.id);
  return (await deps.store.listTablets(ids)).map((d) => ({
    id: d.id,
    unitId: d.unitId ?? root.id,
    label: d.label,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    revokedAt: d.revokedAt,
  }));
}

/**
 * Ends a device: a unit's tablet (managers and admins in scope) or, for an admin whose scope
 * covers the account, a person's phone or browser (issue 18; to anyone else a person's device does
 * not exist, as before). Written to the security log with who did it.
 */
export async function revokeDevice(deps: AuthDeps, p: Principal, deviceId: string): Promise<void> {
  await deps.store.tx(async (tx) => {
    const device = await tx.getDevice(deviceId);
    if (!device) throw new AppError('not-found', { deviceId });
    let unitId: string;
    if (device.kind === 'tablet' && device.unitId) unitId = authorize(p, 'manage-devices', await tx.getUnit(device.unitId), device.unitId).id;
    else {
      const account = device.kind === 'account' && roleMay(p, 'administer') && device.accountId ? await tx.getAccount(device.accountId) : undefined;
      if (!account) throw new AppError('not-found', { deviceId });
      unitId = authorize(p, 'administer', await tx.getUnit(account.scopeUnitId), account.scopeUnitId).id;
    }
    const at = new Date(deps.now()).toISOString();
    await tx.revokeDevice(deviceId, at);
    await tx.appendSecurityEvent({ at, kind: 'device-revoked', actor: p.deviceId, subject: deviceId, address: null, outcome: 'ok', unitId });
  });
}
