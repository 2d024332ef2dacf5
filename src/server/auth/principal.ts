/**
 * Who is calling: the device, its account (if any), its role and its scope. Rights are read from
 * the database on every request, so a revoked device or a moved unit takes effect at once on every
 * server process. What a principal may do with that is decided in policy.ts.
 */
import type { Identity, Role } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { DeviceRow, StoreTx } from '../store/store';

export interface Principal {
  /** The device; for a machine's API key (issue 16), the key's id. */
  readonly deviceId: string;
  readonly kind: 'tablet' | 'account' | 'api-key';
  readonly role: Role;
  readonly accountId: string | null;
  readonly username: string | null;
  readonly displayName: string;
  readonly scopeUnitId: string;
  /** Materialised path of the scope root: the caller reads and writes units under it. */
  readonly scopePath: string;
  /** A machine's API key that an admin let read free text (issue 16); absent for devices. */
  readonly freeText?: boolean;
}

/**
 * The operator at the server's console (`npm run admin`): an admin over the whole tree, including
 * an empty one. Never the result of a request; its actions are logged with actor 'console'.
 */
export const consolePrincipal: Principal = {
  deviceId: 'console',
  kind: 'account',
  role: 'admin',
  accountId: null,
  username: null,
  displayName: 'Serverkonsolen',
  scopeUnitId: '',
  scopePath: '/',
};

export async function principalFor(tx: StoreTx, device: DeviceRow): Promise<Principal> {
  if (device.revokedAt) throw new AppError('device-revoked');
  if (device.kind === 'tablet') {
    const unit = device.unitId ? await tx.getUnit(device.unitId) : undefined;
    if (!unit) throw new AppError('device-revoked');
    return {
      deviceId: device.id,
      kind: 'tablet',
      role: 'staff',
      accountId: null,
      username: null,
      displayName: device.label,
      scopeUnitId: unit.id,
      scopePath: unit.path,
    };
  }
  const account = device.accountId ? await tx.getAccount(device.accountId) : undefined;
  if (!account || account.disabled) throw new AppError('device-revoked');
  const unit = await tx.getUnit(account.scopeUnitId);
  if (!unit) throw new AppError('device-revoked');
  return {
    deviceId: device.id,
    kind: 'account',
    role: account.role as Role,
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    scopeUnitId: unit.id,
    scopePath: unit.path,
  };
}

export const toIdentity = (p: Principal): Identity =>
  ({
    deviceId: p.deviceId,
    kind: p.kind,
    role: p.role,
    scopeUnitId: p.scopeUnitId,
    accountId: p.accountId,
    username: p.username,
    displayName: p.displayName,
  }) as Identity;
