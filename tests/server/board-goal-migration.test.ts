/**
 * One target per figure (issue 14), the stored data: at start the boards' own targets that an older
 * version kept in their settings rows become the units' catalogue overrides, once, through the
 * sync path, and every screen then shows the same target (the report below, the boards through
 * boardGoal over the same rows).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOARD_GOALS_MARKER, migrateBoardGoals } from '../../src/server/indicators/board-goal-migration';
import { indicatorReportFor } from '../../src/server/indicators/service';
import { orgView } from '../../src/server/org/view';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import type { Change } from '../../src/shared/protocol';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { staffingSettingsIdFor } from '../../src/shared/schema/staffing-settings';
import { outbox } from '../fixtures/sync';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { type Client, harness, type Harness, loginAs, MONTH, NOW, push } from './helpers';

let h: Harness;
let admin: Client;

/** What a client before this version wrote: the boards' own targets in their settings rows. */
async function legacyWrites(): Promise<void> {
  const box = outbox(admin.deviceId, NOW);
  const node = nodeFromDeviceId(admin.deviceId);
  const staffing = (seq: number, unitId: string, targetPct: number): Change =>
    ({ seq, entity: 'staffingSettings', id: staffingSettingsIdFor(unitId), unitId, op: 'patch', fields: { targetPct }, hlc: formatHlc({ millis: NOW, counter: 100 + seq, node }), schemaVersion: SCHEMA_VERSION }) as unknown as Change;
  const reply = await push(h, admin, [
    box.patchSettings('avd-21', { bhkMonthlyQuota: 12, bhkMinN: 10, bhkTargetPct: 85 }),
    box.patchSettings('avd-22', { bhkMonthlyQuota: 10, bhkMinN: 5, bhkTargetPct: 80 }),
    box.patchSettings('avd-23', { bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 }),
    staffing(4, 'div-lsv', 6),
    staffing(5, 'avd-21', 6),
    staffing(6, 'mott-med', 5),
  ]);
  expect(reply).toMatchObject({ ok: true, rejected: [] });
}

async function report(rootId: string) {
  const org = orgView(await h.store.listUnits());
  const r = await indicatorReportFor(h.store, org, org.get(rootId)!, MONTH, NOW);
  return (unitId: string, key: string) => r.cells.find((c) => c.unitId === unitId && c.key === key);
}

describe.each(['sqlite', 'postgres'] as const)('moving the boards’ own targets into the catalogue (%s)', (db) => {
  beforeEach(async () => {
    if (db === 'postgres') await assertPgReachable();
    h = await harness({}, db === 'postgres' ? await freshPgStore() : undefined);
    admin = await loginAs(h, 'admin');
  });
  afterEach(async () => h.close());

  it('a chosen board target becomes the unit’s override; the old defaults and repeats of a level add nothing', async () => {
    await legacyWrites();
    const moved = await migrateBoardGoals(h.store, NOW + 1_000);
    // avd-21 ≥ 85 %, avd-22 n 5, div-lsv ≤ 6 % twice (board share and HR kvot), mott-med ≤ 5 % twice.
    expect(moved).toBe(6);
    const cell = await report('div-lsv');
    expect(cell('avd-21', 'bhkTotal')?.target).toEqual({ op: 'gte', value: 85 });
    expect(cell('avd-23', 'bhkTotal')?.target).toEqual({ op: 'gte', value: 100 });
    expect(cell('div-lsv', 'sickShare')?.target).toEqual({ op: 'lte', value: 6 });
    expect(cell('avd-21', 'sickShare')?.target).toEqual({ op: 'lte', value: 6 });
    expect(cell('mott-med', 'hrKvot')?.target).toEqual({ op: 'lte', value: 5 });
    expect(await h.store.getRow('indicator', 'indicator:avd-21:sickShare')).toBeUndefined();
    expect((await h.store.getRow('indicator', 'indicator:avd-22:bhkTotal'))?.data).toMatchObject({ minN: 5 });
  });

  it('runs once: in the change log by a revoked device, marked done, and a later board write is not moved', async () => {
    await legacyWrites();
    await migrateBoardGoals(h.store, NOW + 1_000);
    const logged = (await h.store.pullChanges('/', 0, 100_000)).filter((c) => c.entity === 'indicator');
    expect(logged.length).toBe(6);
    const device = await h.store.getDevice((await h.store.auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device).toMatchObject({ label: 'Flytt av tavlornas mål' });
    expect(device?.revokedAt).not.toBeNull();
    expect(await h.store.getSecret(BOARD_GOALS_MARKER)).toBeDefined();
    // An old client writes its board target again: it is no one's target now.
    await push(h, admin, [outbox(admin.deviceId, NOW + 2_000, 7).patchSettings('avd-21', { bhkTargetPct: 70 })]);
    expect(await migrateBoardGoals(h.store, NOW + 3_000)).toBe(0);
    expect((await report('avd-21'))('avd-21', 'bhkTotal')?.target).toEqual({ op: 'gte', value: 85 });
  });

  it('a database without board targets is only marked', async () => {
    expect(await migrateBoardGoals(h.store, NOW)).toBe(0);
    expect(await h.store.getSecret(BOARD_GOALS_MARKER)).toBeDefined();
    expect((await h.store.pullChanges('/', 0, 100_000)).filter((c) => c.entity === 'indicator')).toEqual([]);
  });
});
