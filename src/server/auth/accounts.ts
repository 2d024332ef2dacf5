/** Accounts, managed by an admin. Passwords are stored only as argon2id hashes. */
import { uuidv7 } from 'uuidv7';
import type { AccountView, Role } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { AccountRow, Store } from '../store/store';
import { type Principal, requireRole, requireUnitInScope } from './principal';
import { hashPassword } from './secrets';

const view = (a: AccountRow): AccountView =>
  ({ id: a.id, username: a.username, displayName: a.displayName, role: a.role, scopeUnitId: a.scopeUnitId, disabled: a.disabled }) as AccountView;

export async function listAccounts(store: Store, p: Principal): Promise<AccountView[]> {
  requireRole(p, 'admin');
  return (await store.listAccounts()).map(view);
}

/**
 * Disables or re-enables an account. A disabled account's devices are refused at their next
 * request (principal.ts), so a phone left logged in stops syncing at once.
 */
export async function setAccountDisabled(store: Store, p: Principal, id: string, disabled: boolean): Promise<AccountView> {
  requireRole(p, 'admin');
  if (id === p.accountId && disabled) throw new AppError('forbidden', { reason: 'self' });
  return store.tx(async (tx) => {
    const account = await tx.getAccount(id);
    if (!account) throw new AppError('not-found', { accountId: id });
    await requireUnitInScope(tx, p, account.scopeUnitId);
    await tx.setAccountDisabled(id, disabled);
    return view({ ...account, disabled });
  });
}

export async function createAccount(
  store: Store,
  p: Principal | null,
  input: { username: string; displayName: string; password: string; role: Role; scopeUnitId: string },
): Promise<AccountView> {
  // p === null only for the seed, which runs before anyone can log in.
  if (p) requireRole(p, 'admin');
  const passwordHash = await hashPassword(input.password);
  return store.tx(async (tx) => {
    if (p) await requireUnitInScope(tx, p, input.scopeUnitId);
    else if (!(await tx.getUnit(input.scopeUnitId))) throw new AppError('not-found', { unitId: input.scopeUnitId });
    if (await tx.getAccountByUsername(input.username)) throw new AppError('duplicate', { username: input.username }, ['username']);
    const account: AccountRow = { id: uuidv7(), ...input, passwordHash, disabled: false };
    try {
      await tx.insertAccount(account);
    } catch (e) {
      // Two admins creating the same username at once: the unique index decides.
      if (/unique/i.test(String((e as Error).message))) throw new AppError('duplicate', { username: input.username }, ['username']);
      throw e;
    }
    return view(account);
  });
}
