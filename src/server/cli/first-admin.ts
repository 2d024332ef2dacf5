/**
 * The first administrator of a production server (issue 12): created at the console, scoped to the
 * organisation's root. An empty organisation gets its root (the region) here when `region` is
 * given; otherwise the org tree is imported first. Refuses when an administrator exists unless
 * `another` is set. Written to the security log (actor 'console').
 */
import { Password, Username } from '../../shared/api';
import { NameText } from '../../shared/schema/text';
import { UnitId } from '../../shared/schema/ids';
import { AppError } from '../../shared/errors';
import { createAccount } from '../auth/accounts';
import { consolePrincipal } from '../auth/principal';
import type { Store } from '../store/store';

/** A refusal the operator can act on: printed as is, exit code 1. */
export class FirstStartError extends Error {}

export interface FirstAdminInput {
  username: string;
  password: string;
  displayName: string;
  another: boolean;
  region?: { name: string; id: string };
  now: number;
}

function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, message: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new FirstStartError(message);
  return r.data;
}

export async function createFirstAdmin(store: Store, input: FirstAdminInput) {
  const username = check(Username, input.username, 'Ogiltigt användarnamn: 2–40 tecken a–z, 0–9, punkt, bindestreck eller understreck.');
  const password = check(Password, input.password, 'Lösenordet måste vara 8–200 tecken på en rad (och inte ett personnummer).');
  const displayName = check(NameText, input.displayName, 'Ogiltigt visningsnamn.');
  const admins = (await store.listAccounts()).filter((a) => a.role === 'admin' && !a.disabled);
  if (admins.length > 0 && !input.another) {
    throw new FirstStartError(`Det finns redan en administratör (${admins.map((a) => a.username).join(', ')}). Lägg till --another för att skapa en till.`);
  }
  let root = (await store.listUnits()).find((u) => u.parentId === null);
  if (!root) {
    if (!input.region) {
      throw new FirstStartError('Organisationen är tom. Ange regionen med --region "Region Namn" (och --region-id), eller importera organisationen först: npm run admin -- import-org fil.csv');
    }
    const id = check(UnitId, input.region.id, 'Ogiltigt --region-id.');
    const name = check(NameText, input.region.name, 'Ogiltigt regionnamn.');
    root = { id, name, kind: 'region', parentId: null, path: `/${id}/`, closedAt: null };
    const unit = root;
    await store.tx(async (tx) => {
      if ((await tx.listUnits()).length === 0) await tx.insertUnit(unit);
    });
  } else if (input.region && input.region.name !== root.name) {
    throw new FirstStartError(`Organisationen har redan en rot (${root.name}); ta bort --region.`);
  }
  try {
    // Logged as created by 'console' (createAccount writes the security event).
    return await createAccount(store, consolePrincipal, { username, displayName, password, role: 'admin', scopeUnitId: root.id });
  } catch (e) {
    if (e instanceof AppError && e.code === 'duplicate') throw new FirstStartError(`Användarnamnet ${username} finns redan.`);
    throw e;
  }
}
