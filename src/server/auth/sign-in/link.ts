/**
 * A person the identity provider vouched for → our account → a device credential, exactly as a
 * password login ends (issue 12). The person is matched by the configured claim's value, which an
 * admin links to an account (POST /api/admin/accounts/:id/link), or, with OIDC_JIT, gets an
 * account placed by the group mapping or the unit's HSA-id claim. A group mapping also keeps a
 * linked account's role and scope in step with the provider at every sign-in. A mapping or claim
 * naming a unit we do not have refuses the sign-in and creates nothing.
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../shared/api';
import { containsPersonnummer } from '../../../shared/domain/personnummer';
import { AppError } from '../../../shared/errors';
import type { AccountRow, StoreTx, UnitRow } from '../../store/store';
import { hashPassword } from '../secrets';
import type { AuthDeps } from '../service';
import type { ExternalIdentity } from './provider';
import type { OidcSettings } from './settings';

type Mapping = Pick<OidcSettings, 'roleMap' | 'groupsClaim' | 'unitClaim' | 'nameClaim' | 'jit'>;
interface Placement { role: Role; unit: UnitRow; fromGroups: boolean }
const RANK: Record<Role, number> = { staff: 0, manager: 1, admin: 2 };

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

async function unitNamed(tx: StoreTx, ref: string): Promise<UnitRow> {
  const unit = (await tx.getUnit(ref)) ?? (await tx.getUnitByHsaId(ref));
  if (!unit || unit.closedAt) throw new AppError('oidc-unit-unknown', { unit: ref.slice(0, 80) });
  return unit;
}

/** The strongest mapped group wins; else the unit claim places the person as staff. */
async function placementOf(tx: StoreTx, m: Mapping, claims: ExternalIdentity['claims']): Promise<Placement | null> {
  const groups = m.groupsClaim ? strings(claims[m.groupsClaim]) : [];
  // OIDC_ROLE_MAP and the admin's mappings (Administration → Konton) both apply.
  const stored = new Map((await tx.listSignInGroups()).map((g) => [g.group, { role: g.role as Role, unit: g.unitId }]));
  const mapped = groups.flatMap((g) => [m.roleMap[g], stored.get(g)]).filter((x) => x !== undefined);
  mapped.sort((a, b) => RANK[b.role] - RANK[a.role]);
  const best = mapped[0];
  if (best) return { role: best.role, unit: await unitNamed(tx, best.unit), fromGroups: true };
  const unitRef = m.unitClaim ? strings(claims[m.unitClaim])[0] : undefined;
  if (unitRef) return { role: 'staff', unit: await unitNamed(tx, unitRef), fromGroups: false };
  return null;
}

const usernameWish = (claims: ExternalIdentity['claims'], subject: string): string =>
  strings(claims.preferred_username)[0] ?? strings(claims.email)[0]?.split('@')[0] ?? subject;

/** A username nobody has, made from the person's wish (preferred_username, email or subject). */
export async function freeUsername(tx: StoreTx, wish: string): Promise<string> {
  let base = wish.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 34);
  if (base.length < 2) base = `person-${base}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.getAccountByUsername(name))) return name;
  }
}

/**
 * The account of the person the provider vouched for, created (OIDC_JIT) or re-placed by the group
 * mapping as configured, in one transaction: a refusal creates and changes nothing. With OIDC_JIT,
 * a person no mapping places is staff in no unit: noted on the admin's waiting list (no account,
 * no access) and told so ('oidc-waiting') until an admin places them.
 */
export async function accountFor(deps: AuthDeps, m: Mapping, who: ExternalIdentity, address: string | null): Promise<AccountRow> {
  const account = await placedAccount(deps, m, who, address);
  if (account === 'waiting') throw new AppError('oidc-waiting');
  return account;
}

async function placedAccount(deps: AuthDeps, m: Mapping, who: ExternalIdentity, address: string | null): Promise<AccountRow | 'waiting'> {
  // The unusable password of an account made here: it signs in only through the provider.
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const at = new Date(deps.now()).toISOString();
  // A provider that identifies people by personnummer must be set to another claim (the HSA-id):
  // no personnummer is ever stored (architecture principle: no patient or person numbers).
  if (containsPersonnummer(who.subject)) throw new AppError('oidc-failed', { reason: 'personnummer-subject' });
  return deps.store.tx(async (tx) => {
    const placement = await placementOf(tx, m, who.claims);
    let account: AccountRow | undefined = await tx.getAccountByExternalId(who.subject);
    if (account?.disabled) throw new AppError('oidc-no-account', { reason: 'disabled' });
    if (!account) {
      if (!m.jit) throw new AppError('oidc-no-account');
      const displayName = strings(who.claims[m.nameClaim])[0]?.trim().slice(0, 120) || who.subject.slice(0, 120);
      if (!placement) {
        await tx.putSignInWaiting({ subject: who.subject, displayName, username: usernameWish(who.claims, who.subject).slice(0, 120), firstAt: at, lastAt: at });
        await tx.appendSecurityEvent({ at, kind: 'account-waiting', actor: 'oidc', subject: who.subject, address, outcome: 'ok', unitId: null });
        return 'waiting';
      }
      account = {
        id: uuidv7(),
        username: await freeUsername(tx, usernameWish(who.claims, who.subject)),
        displayName,
        passwordHash: unusable,
        role: placement.role,
        scopeUnitId: placement.unit.id,
        disabled: false,
        externalId: who.subject,
      };
      await tx.insertAccount(account);
      // Placed by a mapping since: no longer waiting.
      await tx.takeSignInWaiting(who.subject);
      await tx.appendSecurityEvent({ at, kind: 'account-created', actor: 'oidc', subject: account.id, address, outcome: 'ok', unitId: account.scopeUnitId });
    } else if (placement?.fromGroups && (placement.role !== account.role || placement.unit.id !== account.scopeUnitId)) {
      await tx.setAccountAccess(account.id, placement.role, placement.unit.id);
      account = { ...account, role: placement.role, scopeUnitId: placement.unit.id };
      await tx.appendSecurityEvent({ at, kind: 'account-access', actor: 'oidc', subject: account.id, address, outcome: 'ok', unitId: account.scopeUnitId });
    }
    await tx.appendSecurityEvent({ at, kind: 'login-oidc', actor: null, subject: who.subject, address, outcome: 'ok', unitId: account.scopeUnitId });
    return account;
  });
}
