/** An admin links an account to a person at the identity provider, or unlinks it (issue 12). */
import type { AccountView } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Store } from '../store/store';
import { authorize } from './policy';
import type { Principal } from './principal';

export async function linkAccount(store: Store, p: Principal, id: string, externalId: string | null, now: number): Promise<AccountView> {
  return store.tx(async (tx) => {
    const account = await tx.getAccount(id);
    if (!account) throw new AppError('not-found', { accountId: id });
    authorize(p, 'administer', await tx.getUnit(account.scopeUnitId), account.scopeUnitId);
    if (externalId !== null) {
      const other = await tx.getAccountByExternalId(externalId);
      if (other && other.id !== id) throw new AppError('duplicate', undefined, ['externalId']);
    }
    await tx.setAccountExternalId(id, externalId);
    // A person waiting to be placed who is now linked to an account waits no longer.
    if (externalId !== null) await tx.takeSignInWaiting(externalId);
    await tx.appendSecurityEvent({ at: new Date(now).toISOString(), kind: 'account-linked', actor: p.deviceId, subject: id, address: null, outcome: 'ok', unitId: account.scopeUnitId });
    return { id: account.id, username: account.username, displayName: account.displayName, role: account.role, scopeUnitId: account.scopeUnitId, disabled: account.disabled, externalId } as AccountView;
  });
}
