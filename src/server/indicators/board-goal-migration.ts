/**
 * One target per figure (issue 14), the data side: before this version a unit's BHK board kept its
 * own target and minimum n (unitSettings.bhkTargetPct, .bhkMinN) and the staffing board its own
 * sick-leave target (staffingSettings.targetPct), beside the indicator catalogue's. At start, once
 * per database, every such value someone chose that differs from what the catalogue resolves at
 * that unit becomes the unit's own catalogue override (shared legacyGoalOverrides), so what each
 * board showed is what every screen shows from now on.
 *
 * The overrides go through the real sync path (handlePush) from a device of a root-scoped
 * administrator that is revoked afterwards, so they are in the change log (pulled by every device
 * in scope, audited as "Flytt av tavlornas mål") like any manager's edit. The old fields stay in
 * the rows (schemas only grow, sync rule 16) and nothing reads them any more; a value an old,
 * not yet updated client writes there later is not moved. Done once: the marker
 * `migration:board-goals` in the server's named values (server_secrets) is set when the moves
 * are in; without an administrator to write them nothing is marked, and the next start tries again.
 */
import { uuidv7 } from 'uuidv7';
import { legacyGoalOverrides } from '../../shared/domain/indicators/board-goal';
import type { TreeUnit } from '../../shared/domain/rollup';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { Indicator, indicatorIdFor } from '../../shared/schema/indicator';
import { SCHEMA_VERSION } from '../../shared/schema/registry';
import type { StaffingSettings } from '../../shared/schema/staffing-settings';
import type { UnitSettings } from '../../shared/schema/unit-settings';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { DELETED_FIELD, publicData } from '../../shared/sync/merge';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';
import { rowsOf } from './load';

export const BOARD_GOALS_MARKER = 'migration:board-goals';

/** The rows' stored fields as they are (a settings row may hold only the fields once patched). */
async function storedFields<T>(store: Store, entity: 'unitSettings' | 'staffingSettings'): Promise<Partial<T>[]> {
  return (await store.listRows(entity, '/', '', '')).filter((r) => !r.deleted).map((r) => publicData(r) as Partial<T>);
}

/** Moves the boards' own targets into the catalogue once; answers how many indicator rows it wrote. */
export async function migrateBoardGoals(store: Store, now: number): Promise<number> {
  if ((await store.getSecret(BOARD_GOALS_MARKER)) !== undefined) return 0;
  const units: TreeUnit[] = (await store.listUnits()).map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as TreeUnit['kind'], name: u.name, closedAt: u.closedAt }));
  const overrides = legacyGoalOverrides(
    await rowsOf(store, 'indicator', Indicator, '/', '', ''),
    units,
    await storedFields<UnitSettings>(store, 'unitSettings'),
    await storedFields<StaffingSettings>(store, 'staffingSettings'),
  );
  if (overrides.length === 0) {
    await store.ensureSecret(BOARD_GOALS_MARKER, new Date(now).toISOString());
    return 0;
  }
  const roots = new Set(units.filter((u) => u.parentId === null).map((u) => u.id));
  const admin = (await store.listAccounts()).find((a) => a.role === 'admin' && !a.disabled && roots.has(a.scopeUnitId));
  if (admin === undefined) return 0;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Flytt av tavlornas mål',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const changes: Change[] = [];
  for (const o of overrides) {
    const id = indicatorIdFor(o.unitId, o.key);
    const existing = await store.getRow('indicator', id);
    const base = { seq: changes.length + 1, entity: 'indicator', id, unitId: o.unitId, hlc: formatHlc({ millis: now, counter: changes.length, node }), schemaVersion: SCHEMA_VERSION };
    changes.push(
      (existing === undefined
        ? { ...base, op: 'insert', fields: { id, unitId: o.unitId, key: o.key, ...o.fields } }
        : { ...base, op: 'patch', fields: { ...o.fields, ...(existing.deleted ? { [DELETED_FIELD]: false } : {}) } }) as unknown as Change,
    );
  }
  const res = await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes }, now);
  await store.revokeDevice(deviceId, new Date(now).toISOString());
  if (!res.ok || res.rejected.length > 0) throw new Error(`the board targets could not be moved into the catalogue: ${JSON.stringify(res)}`);
  await store.ensureSecret(BOARD_GOALS_MARKER, new Date(now).toISOString());
  return changes.length;
}
