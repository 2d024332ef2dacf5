/**
 * The admin's mapping from the identity provider's groups to a role and unit (issue 12), kept in
 * the database beside OIDC_ROLE_MAP, so a region drives access from its HSA groups without a
 * restart. An admin sees and changes only mappings to units in their scope.
 */
import type { SignInGroup } from '../../../shared/sign-in-api';
import { AppError } from '../../../shared/errors';
import type { Store, UnitRow } from '../../store/store';
import { authorize, may } from '../policy';
import type { Principal } from '../principal';

export async function listSignInGroups(store: Store, p: Principal, root: UnitRow): Promise<SignInGroup[]> {
  const groups = await store.listSignInGroups();
  const out: SignInGroup[] = [];
  for (const g of groups) {
    const unit = await store.getUnit(g.unitId);
    if (unit && unit.path.startsWith(root.path) && may(p, 'administer', unit)) out.push(g as SignInGroup);
  }
  return out;
}

export async function setSignInGroup(store: Store, p: Principal, input: SignInGroup & { remove?: boolean | undefined }, now: number): Promise<SignInGroup | null> {
  return store.tx(async (tx) => {
    const unit = authorize(p, 'administer', await tx.getUnit(input.unitId), input.unitId, 'unitId');
    if (unit.closedAt) throw new AppError('unit-closed', { unitId: unit.id }, ['unitId']);
    const current = (await tx.listSignInGroups()).find((g) => g.group === input.group);
    // Re-pointing or removing another admin's mapping needs that unit in scope too.
    if (current) authorize(p, 'administer', await tx.getUnit(current.unitId), current.unitId, 'group');
    if (input.remove && !current) throw new AppError('not-found', undefined, ['group']);
    await tx.setSignInGroup(input.group, input.remove ? null : { role: input.role, unitId: unit.id });
    await tx.appendSecurityEvent({ at: new Date(now).toISOString(), kind: 'account-access', actor: p.deviceId, subject: `grupp ${input.group}`.slice(0, 300), address: null, outcome: 'ok', unitId: unit.id });
    return input.remove ? null : ({ group: input.group, role: input.role, unitId: unit.id } as SignInGroup);
  });
}
