/** Accounts, managed by an admin. Passwords are stored only as argon2id hashes. */
import { uuidv7 } from 'uuidv7';
import type { AccountView, DeviceView, Role } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { AccountRow, Store } from '../store/store';
import type { OrgView } from '../org/view';
import { authorize, may } from './policy';
import type { Principal } from './principal';
import { hashPassword } from './secrets';

const view = (a: AccountRow): AccountView =>
  ({ id: a.id, username: a.username, displayName: a.displayName, role: a.role, scopeUnitId: a.scopeUnitId, disabled: a.disabled, externalId: a.externalId ?? null }) as AccountView;

/** The accounts whose scope lies in the caller's: an admin of a VO does not see the region's. */
export async function listAccounts(store: Store, p: Principal, org: OrgView): Promise<AccountView[]> {
  const administered = (a: AccountRow) => {
    const unit = org.get(a.scopeUnitId);
    return unit !== undefined && may(p, 'administer', unit);
  };
  return (await store.listAccounts()).filter(administered).map(view);
}

/**
 * Disables or re-enables an account. Disabling revokes every device of the account, so a phone
 * left logged in stops syncing at once and enabling the account again revives none of them: the
 * person logs in anew (issue 18). Both are written to the security log with who did it.
 */
export async function setAccountDisabled(store: Store, p: Principal, id: string, disabled: boolean, now: number): Promise<AccountView> {
  if (id === p.accountId && disabled) throw new AppError('forbidden', { reason: 'self' });
  return store.tx(async (tx) => {
    const account = await tx.getAccount(id);
    if (!account) throw new AppError('not-found', { accountId: id });
    authorize(p, 'administer', await tx.getUnit(account.scopeUnitId), account.scopeUnitId);
    const at = new Date(now).toISOString();
    await tx.setAccountDisabled(id, disabled);
    if (disabled) await tx.revokeAccountDevices(id, at);
    await tx.appendSecurityEvent({ at, kind: disabled ? 'account-disabled' : 'account-enabled', actor: p.deviceId, subject: id, address: null, outcome: 'ok', unitId: account.scopeUnitId });
    return view({ ...account, disabled });
  });
}

/** The devices a person is or was logged in on, for an admin whose scope covers the account. */
export async function listAccountDevices(store: Store, p: Principal, id: string): Promise<DeviceView[]> {
  const account = await store.getAccount(id);
  if (!account) throw new AppError('not-found', { accountId: id });
  authorize(p, 'administer', await store.getUnit(account.scopeUnitId), account.scopeUnitId);
  return (await store.listAccountDevices(id)).map((d) => ({
    id: d.id,
    unitId: account.scopeUnitId,
    label: d.label,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    revokedAt: d.revokedAt,
  })) as DeviceView[];
}

export async function createAccount(
  store: Store,
  p: Principal | null,
  input: { username: string; displayName: string; password: string; role: Role; scopeUnitId: string },
): Promise<AccountView> {
  const passwordHash = await hashPassword(input.password);
  return store.tx(async (tx) => {
    // p === null only for the seed, which runs before anyone can log in.
    const unit = await tx.getUnit(input.scopeUnitId);
    if (p) authorize(p, 'administer', unit, input.scopeUnitId, 'scopeUnitId');
    else if (!unit) throw new AppError('not-found', { unitId: input.scopeUnitId });
    if (await tx.getAccountByUsername(input.username)) throw new AppError('duplicate', { username: input.username }, ['username']);
    const account: AccountRow = { id: uuidv7(), ...input, passwordHash, disabled: false };
    try {
      await tx.insertAccount(account);
    } catch (e) {
      // Two admins creating the same username at once: the unique index decides.
      if (/unique/i.test(String((e as Error).message))) throw new AppError('duplicate', { username: input.username }, ['username']);
      throw e;
    }
    // Who created whom, with which role and scope, is in the security log (issue 12); the seed's are not.
    if (p) await tx.appendSecurityEvent({ at: new Date().toISOString(), kind: 'account-created', actor: p.deviceId, subject: account.id, address: null, outcome: 'ok', unitId: account.scopeUnitId });
    return view(account);
  });
}
