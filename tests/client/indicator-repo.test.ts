/**
 * storage/indicator-repo.ts on fake-indexeddb: indicator rows (insert, per-field patch, removal,
 * validation), the cached config of the levels above the replica, and indicatorInput: the raw
 * rows of a subtree and range, which give the same report as the shared function on every row.
 */
import './helpers';
import { describe, expect, it } from 'vitest';
import {
  cacheIndicatorConfig,
  getCachedIndicatorConfig,
  indicatorContext,
  listIndicatorRows,
  removeIndicator,
  saveIndicator,
} from '../../src/client/storage/indicator-repo';
import type { PulsDb } from '../../src/client/storage/db';
import { writeChange } from '../../src/client/storage/records';
import { indicatorReport, reportOfRows } from '../../src/shared/domain/indicators';
import { indicatorIdFor } from '../../src/shared/schema/indicator';
import type { EntityName } from '../../src/shared/schema/registry';
import { day, event, hrMonth, input, obs, observations, row, shift, TREE, unitSettings } from '../shared/domain/indicators/fixtures';
import { caught, useSessionDbs } from './helpers';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000003');

const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('indicator rows', async () => {
  it('inserts a row, then patches only the given fields; lists the unit\'s own rows', async () => {
    const db = await sessionDb();
    await saveIndicator(db, 'vo1', 'bhkTotal', { target: { op: 'gte', value: 90 } }, NOW);
    await saveIndicator(db, 'vo1', 'bhkTotal', { minN: 5 }, NOW);
    await saveIndicator(db, 'vo1', 'greenShare', { hidden: true }, NOW);
    await saveIndicator(db, 'avd1', 'bhkTotal', { target: null }, NOW);
    const changes = (await db.outbox.toArray()).map((r) => [r.change.op, r.change.id, r.change.fields]);
    expect(changes).toEqual([
      ['insert', indicatorIdFor('vo1', 'bhkTotal'), { id: indicatorIdFor('vo1', 'bhkTotal'), unitId: 'vo1', key: 'bhkTotal', target: { op: 'gte', value: 90 } }],
      ['patch', indicatorIdFor('vo1', 'bhkTotal'), { minN: 5 }],
      ['insert', indicatorIdFor('vo1', 'greenShare'), { id: indicatorIdFor('vo1', 'greenShare'), unitId: 'vo1', key: 'greenShare', hidden: true }],
      ['insert', indicatorIdFor('avd1', 'bhkTotal'), { id: indicatorIdFor('avd1', 'bhkTotal'), unitId: 'avd1', key: 'bhkTotal', target: null }],
    ]);
    expect(await listIndicatorRows(db, 'vo1')).toEqual([
      { id: indicatorIdFor('vo1', 'bhkTotal'), unitId: 'vo1', key: 'bhkTotal', target: { op: 'gte', value: 90 }, minN: 5 },
      { id: indicatorIdFor('vo1', 'greenShare'), unitId: 'vo1', key: 'greenShare', hidden: true },
    ]);
  });

  it('refuses an invalid row with the field path and writes nothing', async () => {
    const db = await sessionDb();
    const e = await caught(saveIndicator(db, 'vo1', 'bhkTotal', { minN: -1 }, NOW));
    expect(e.code).toBe('validation');
    expect(e.path).toEqual(['minN']);
    expect((await caught(saveIndicator(db, 'vo1', 'Bad Key', { minN: 1 }, NOW))).path).toEqual(['key']);
    expect((await caught(saveIndicator(db, 'vo1', 'mine', { nameSv: 'Patient 19121212-1212' }, NOW))).code).toBe('personnummer');
    expect(await db.outbox.count()).toBe(0);
  });

  it('removes a row (the level inherits again) and revives it with a later save', async () => {
    const db = await sessionDb();
    await saveIndicator(db, 'vo1', 'bhkTotal', { target: { op: 'gte', value: 90 } }, NOW);
    await removeIndicator(db, 'vo1', 'bhkTotal', NOW);
    await removeIndicator(db, 'vo1', 'bhkTotal', NOW);
    expect(await listIndicatorRows(db, 'vo1')).toEqual([]);
    await saveIndicator(db, 'vo1', 'bhkTotal', { target: { op: 'gte', value: 95 } }, NOW);
    expect((await db.outbox.toArray()).map((r) => [r.change.op, r.change.fields])).toEqual([
      ['insert', expect.objectContaining({ target: { op: 'gte', value: 90 } })],
      ['delete', {}],
      ['patch', { target: { op: 'gte', value: 95 }, _deleted: false }],
    ]);
    expect((await listIndicatorRows(db, 'vo1'))[0]?.target).toEqual({ op: 'gte', value: 95 });
  });

  it('keeps the config answer per unit', async () => {
    const db = await sessionDb();
    expect(await getCachedIndicatorConfig(db, 'div')).toBeNull();
    const res = { rows: [row('region', 'bhkTotal', { target: { op: 'gte', value: 95 } })] };
    await cacheIndicatorConfig(db, 'div', res);
    expect(await getCachedIndicatorConfig(db, 'div')).toEqual(res);
  });
});

describe('indicatorInput', async () => {
  async function put(db: PulsDb, entity: EntityName, r: { id: string; unitId: string }, op: 'insert' | 'patch' = 'insert') {
    const { id: _id, unitId: _u, ...rest } = r as Record<string, unknown> & { id: string; unitId: string };
    await writeChange(db, { entity, op, id: r.id, unitId: r.unitId, fields: op === 'insert' ? { ...r } : rest }, NOW);
  }

  it('gives the subtree\'s rows of the range; the report equals the one from every row', async () => {
    const db = await sessionDb();
    const all = input({
      bhk: [...observations('avd1', '2026-11-03', 10, 8), ...observations('avd2', '2025-11-03', 5, 2), ...observations('avd3', '2024-01-03', 3, 3)],
      safetyEvents: [event('avd1', '2026-11-05', { severity: 'orange' }), event('avd2', '2025-03-01', { category: 'fall' }), event('avd1', '2021-01-01', { category: 'fall' })],
      safetyDays: [day('avd1', '2026-11-01'), day('avd1', '2026-11-02'), day('avd2', '2026-10-30'), day('avd2', '2024-10-30')],
      // June lies between last November and this October: a November report needs none of it.
      shifts: [shift('avd1', '2026-11-03', 'dag', 10, 2), shift('avd2', '2025-11-03', 'dag', 8, 1), shift('avd2', '2024-11-03', 'dag', 8, 8), shift('avd1', '2026-06-03', 'dag', 9, 9)],
      hrMonths: [hrMonth('avd1', '2026-11', 5, 100), hrMonth('avd2', '2025-11', 7, 100), hrMonth('avd2', '2024-11', 9, 100)],
      unitSettings: [unitSettings('avd1', 20)],
      indicatorRows: [row('region', 'bhkTotal', { target: { op: 'gte', value: 95 } }), row('vo1', 'bhkTotal', { minN: 5 }), row('vo2', 'sickShare', { hidden: true })],
    });
    for (const o of all.bhk) await put(db, 'bhkObservation', o);
    for (const e of all.safetyEvents) await put(db, 'safetyEvent', e);
    for (const d of all.safetyDays) await put(db, 'safetyDay', d, 'patch');
    for (const s of all.shifts) await put(db, 'staffingShift', s);
    for (const m of all.hrMonths) await put(db, 'hrMonth', m);
    for (const s of all.unitSettings) await put(db, 'unitSettings', s);
    // The region's row lies outside this manager's replica: it comes from the cached config.
    await cacheIndicatorConfig(db, 'div', { rows: [all.indicatorRows[0]!] });
    for (const r of all.indicatorRows.slice(1)) await put(db, 'indicator', r);
    // A shift removed on the device is gone.
    const gone = shift('avd3', '2026-11-04', 'dag', 3, 3);
    await put(db, 'staffingShift', gone);
    await writeChange(db, { entity: 'staffingShift', op: 'delete', id: gone.id, unitId: gone.unitId, fields: {} }, NOW);

    const got = await indicatorContext(db, TREE, 'vo1', '2026-11-30');
    expect(got.unitSettings).toEqual([unitSettings('avd1', 20)]);
    expect(got.indicatorRows.map((r) => r.id).sort()).toEqual([indicatorIdFor('region', 'bhkTotal'), indicatorIdFor('vo1', 'bhkTotal')]);
    // The facts of the replica's rows of the subtree only (avd3 is under vo2).
    const [staff] = await got.reader.sums('staff', [{ from: '2025-11-01', to: '2026-11-30' }], true);
    expect([...(staff ?? new Map()).keys()]).toContain('avd1');
    expect([...(staff ?? new Map()).keys()]).not.toContain('avd3');

    const want = await reportOfRows({ ...all, rootId: 'vo1' }, '2026-11', NOW);
    expect(await indicatorReport(got, '2026-11', NOW)).toEqual(want);
    expect(want.cells.find((c) => c.unitId === 'avd1' && c.key === 'bhkTotal')).toMatchObject({ value: 80, target: { op: 'gte', value: 95 }, status: 'notMet' });
    // Without the cached config, the region's target is unknown to the device.
    await db.meta.clear();
    expect((await indicatorContext(db, TREE, 'vo1', '2026-11-30')).indicatorRows).toHaveLength(1);
  });
});
