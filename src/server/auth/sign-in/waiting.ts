/**
 * The people the identity provider vouched for whom no mapping places (OIDC_JIT, issue 12): staff
 * in no unit, with no account and no access, until an admin places them in a unit with a role,
 * which makes their account linked to them, or takes them off the list.
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { AccountView, Role } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { SignInWaiting } from '../../../shared/sign-in-api';
import type { AccountRow, Store } from '../../store/store';
import { authorize } from '../policy';
import type { Principal } from '../principal';
import { hashPassword } from '../secrets';
import { freeUsername } from './link';

export const listWaiting = async (store: Store): Promise<SignInWaiting[]> => store.listSignInWaiting();

export async function placeWaiting(store: Store, p: Principal, input: { subject: string; role: Role; unitId: string }, now: number): Promise<AccountView> {
  // Signs in only through the provider: the password is unusable.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  return store.tx(async (tx) => {
    const unit = authorize(p, 'administer', await tx.getUnit(input.unitId), input.unitId, 'unitId');
    if (unit.closedAt) throw new AppError('unit-closed', { unitId: unit.id }, ['unitId']);
    const waiting = await tx.takeSignInWaiting(input.subject);
    if (!waiting) throw new AppError('not-found', undefined, ['subject']);
    // Linked meanwhile by an admin: nothing to create.
    if (await tx.getAccountByExternalId(input.subject)) throw new AppError('duplicate', undefined, ['subject']);
    const account: AccountRow = {
      id: uuidv7(),
      username: await freeUsername(tx, waiting.username),
      displayName: waiting.displayName,
      passwordHash,
      role: input.role,
      scopeUnitId: unit.id,
      disabled: false,
      externalId: input.subject,
    };
    await tx.insertAccount(account);
    await tx.appendSecurityEvent({ at: new Date(now).toISOString(), kind: 'account-created', actor: p.deviceId, subject: account.id, address: null, outcome: 'ok', unitId: unit.id });
    const { passwordHash: _, ...view } = account;
    return { ...view, externalId: input.subject } as AccountView;
  });
}

export async function dismissWaiting(store: Store, subject: string): Promise<void> {
  if (!(await store.takeSignInWaiting(subject))) throw new AppError('not-found', undefined, ['subject']);
}
