/**
 * The policy (src/server/auth/policy.ts) as a table: every action for every kind of principal, in
 * and out of scope, and the error codes `authorize` gives. The routes that rely on it are checked
 * from the route table in route-table.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type Action, ACTIONS, authorize, may, mayAnswerEscalation, maySelf, visibleUnits } from '../../src/server/auth/policy';
import type { Principal } from '../../src/server/auth/principal';
import { orgView } from '../../src/server/org/view';
import type { UnitRow } from '../../src/server/store/store';
import { AppError } from '../../src/shared/errors';

const unit = (id: string, parentId: string | null, path: string, kind = 'enhet'): UnitRow => ({ id, name: id, kind, parentId, path, closedAt: null });
const ORG = orgView([
  unit('region', null, '/region/', 'region'),
  unit('vo-med', 'region', '/region/vo-med/', 'vo'),
  unit('avd-21', 'vo-med', '/region/vo-med/avd-21/'),
  unit('vo-kir', 'region', '/region/vo-kir/', 'vo'),
  unit('avd-31', 'vo-kir', '/region/vo-kir/avd-31/'),
]);

function principal(kind: Principal['kind'], role: Principal['role'], scopeUnitId: string): Principal {
  const scope = ORG.get(scopeUnitId)!;
  return { deviceId: `dev-${kind}-${role}`, kind, role, accountId: kind === 'tablet' ? null : `acc-${role}`, username: null, displayName: role, scopeUnitId, scopePath: scope.path };
}
const WHO = {
  tablet: principal('tablet', 'staff', 'vo-med'),
  staff: principal('account', 'staff', 'vo-med'),
  manager: principal('account', 'manager', 'vo-med'),
  admin: principal('account', 'admin', 'vo-med'),
  key: principal('api-key', 'staff', 'vo-med'),
};

// [action, tablet, staff, manager, admin, machine API key]: who may take it on a unit in their scope.
const TABLE: [Action, boolean, boolean, boolean, boolean, boolean][] = [
  ['read', true, true, true, true, true],
  ['export', true, true, true, true, true],
  ['write', true, true, true, true, false],
  ['edit-agenda', true, false, true, true, false],
  ['manage-settings', false, false, true, true, false],
  ['manage-devices', false, false, true, true, false],
  ['answer-escalation', true, true, true, true, false],
  ['administer', false, false, false, true, false],
  ['read-audit', false, false, true, true, false],
  ['read-rows', true, true, true, true, false],
];

describe('policy', () => {
  it('the table names every action', () => {
    expect(TABLE.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(TABLE)('%s: tablet %s, staff %s, manager %s, admin %s, API key %s in scope; nobody out of scope', (action, ...allowed) => {
    const inScope = Object.values(WHO).map((p) => may(p, action, ORG.get('avd-21')!));
    expect(inScope).toEqual(allowed);
    expect(Object.values(WHO).map((p) => may(p, action, ORG.get('avd-31')!))).toEqual([false, false, false, false, false]);
    // The scope unit itself is in scope; the level above it is not.
    expect(may(WHO.admin, action, ORG.get('vo-med')!)).toBe(true);
    expect(may(WHO.admin, action, ORG.get('region')!)).toBe(false);
  });

  it('authorize: forbidden for the wrong principal, then not-found, then scope-denied, with the field path', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof AppError ? [e.code, e.path] : e;
      }
    };
    expect(codeOf(() => authorize(WHO.staff, 'administer', undefined, 'nowhere', 'rootId'))).toEqual(['forbidden', undefined]);
    expect(codeOf(() => authorize(WHO.admin, 'administer', undefined, 'nowhere', 'rootId'))).toEqual(['not-found', ['rootId']]);
    expect(codeOf(() => authorize(WHO.admin, 'administer', ORG.get('avd-31'), 'avd-31', 'rootId'))).toEqual(['scope-denied', ['rootId']]);
    expect(authorize(WHO.staff, 'read', ORG.get('avd-21'), 'avd-21')).toBe(ORG.get('avd-21'));
  });

  it('a machine API key never uses the routes about its own device; every device does', () => {
    expect(Object.values(WHO).map(maySelf)).toEqual([true, true, true, true, false]);
  });

  it('visible units: the scope and everything below it, plus the levels above it by name', () => {
    expect(visibleUnits(WHO.staff, ORG).map((u) => u.id)).toEqual(['region', 'vo-med', 'avd-21']);
  });

  it('answering an escalation: a level that covers the holder, never the raising unit', () => {
    const held = { id: 'a1', unitId: 'avd-21', escalatedTo: 'vo-med', escalationStatus: 'skickad' as const };
    expect(mayAnswerEscalation(WHO.tablet, ORG, held)).toBe(true);
    expect(mayAnswerEscalation(principal('tablet', 'staff', 'avd-21'), ORG, held)).toBe(false);
    expect(mayAnswerEscalation(WHO.manager, ORG, { ...held, escalatedTo: 'region' })).toBe(false);
    expect(mayAnswerEscalation(WHO.manager, ORG, { ...held, escalatedTo: null })).toBe(false);
  });
});
