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
    await tx.insertAccount(account);
    return view(account);
  });
}
