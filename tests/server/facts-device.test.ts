/**
 * Rules 21–23, server = device: a division manager's device in facts mode (real sync engine on
 * fake-indexeddb against the real server) computes Mål och resultat, the BHK, Gröna korset and
 * staffing roll-ups from its fact blocks, and gets exactly the server's answers. Its replica holds
 * no board rows of the division's units until one is opened (pinned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { login } from '../../src/client/auth/session';
import { bhkPeriodRollupOf, bhkRollupAnswer } from '../../src/shared/domain/bhk-rollup';
import { indicatorReport } from '../../src/shared/domain/indicators';
import { periodRange } from '../../src/shared/domain/periods';
import { safetyRollupOf } from '../../src/shared/domain/safety-rollup';
import { staffingReportOf } from '../../src/shared/domain/staffing-report';
import { getBhkProfessions } from '../../src/client/storage/bhk-repo';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import { deviceFacts } from '../../src/client/storage/device-facts';
import { pinUnit } from '../../src/client/storage/facts-repo';
import { cacheIndicatorConfig, indicatorContext, indicatorRowsFor } from '../../src/client/storage/indicator-repo';
import { getMetas } from '../../src/client/storage/meta';
import { listUnits } from '../../src/client/storage/org-repo';
import { listReportedValues, reportedValuesOf, saveReportedValues } from '../../src/client/storage/reported-repo';
import { orgView } from '../../src/server/org/view';
import type { UnitRow } from '../../src/server/store/store';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { getStaffingSettings } from '../../src/client/storage/staffing-repo';
import { createSyncEngine, type SyncEngine } from '../../src/client/sync/engine';
import { inProcessLock } from '../../src/client/sync/lock';
import { createHttpTransport } from '../../src/client/sync/transport';
import { subtreeIds } from '../../src/shared/domain/rollup';
import { seedDemo } from '../../src/server/seed/seed';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { BhkPeriodRollupResponse } from '../../src/shared/bhk-api';
import { UnitSnapshot } from '../../src/shared/facts-api';
import { SafetyRollupResponse } from '../../src/shared/api-safety';
import { IndicatorConfigResponse, IndicatorReport } from '../../src/shared/indicators-api';
import { StaffingRollupResponse } from '../../src/shared/staffing-api';
import { Network } from './fuzz/network';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

let h: Harness;
let db: PulsDb;
let engine: SyncEngine;
let chef: Client;
const ROOT = 'div-lsv';
const sortById = (vs: readonly ReportedValue[]) => [...vs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

beforeAll(async () => {
  // The whole demo: ten weeks of every board and the same weeks a year ago, through the push path.
  const store = createSqliteStore(':memory:');
  await store.migrate();
  await seedDemo(store, NOW);
  h = await harness({}, store);
  chef = await loginAs(h, 'divisionschef');
  const net = new Network(h.app, { random: () => 0.5, rate: 0 });
  net.chaos = false;
  db = openDb(`facts-device-${uuidv7()}`);
  const fetch = net.fetchFor(() => false);
  await login(db, 'divisionschef', 'pulstavlan', 'telefon', { fetch });
  engine = createSyncEngine({ db, transport: createHttpTransport(db, { fetch }), now: () => h.clock.now, random: () => 0.5, lock: inProcessLock });
  await engine.syncNow();
});
afterAll(async () => {
  db?.close();
  await h?.close();
});

describe('a division manager\'s device in facts mode', () => {
  it('holds fact blocks and no board rows of its units', async () => {
    const meta = await getMetas(db, ['factsMode', 'factCursor', 'lastError']);
    expect(meta).toMatchObject({ factsMode: true, lastError: null });
    expect(meta.factCursor).toBeGreaterThan(0);
    expect(await db.facts.count()).toBeGreaterThan(20);
    expect(await db.rows.where('entity').anyOf(['bhkObservation', 'staffingShift', 'safetyDay']).count()).toBe(0);
    // Reported values (issue 13): the leaf units' come in their year blocks, not as rows, and the
    // device reads the server's values of the window's years.
    const units = await listUnits(db);
    const parents = new Set<string | null>(units.map((u) => u.parentId));
    expect(await db.rows.where('entity').equals('reportedValue').filter((r) => !parents.has(r.unitId)).count()).toBe(0);
    const root = orgView(await h.store.listUnits()).get(ROOT) as UnitRow;
    const server = await h.store.facts.reported(root.path, '2024', '2026~');
    expect(server.filter((v) => !parents.has(v.unitId)).length).toBeGreaterThan(100);
    expect(sortById(await reportedValuesOf(db, units, ROOT))).toEqual(sortById(server));
  });

  it('shows its own unsynced reported values over its blocks, and the server\'s after the sync', async () => {
    const held = await listReportedValues(db, 'avd-23');
    // One with a numerator above 0 (its change to 0 is a change), and another to remove.
    const v = held.find((x) => x.num > 0) as ReportedValue;
    const second = held.find((x) => x.id !== v.id);
    expect(second).toBeDefined();
    const changed = { ...v, num: 0, numK: v.numK === null ? null : 0, numM: v.numM === null ? null : 0 };
    const extra = { ...v, period: '2025-01', id: reportedValueIdFor('avd-23', v.measure, '2025-01') } as ReportedValue;
    await saveReportedValues(db, [changed, extra], [], NOW);
    const mine = await listReportedValues(db, 'avd-23');
    expect(mine.find((x) => x.id === v.id)).toEqual(changed);
    expect(mine.find((x) => x.id === extra.id)).toEqual(extra);
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    const after = await listReportedValues(db, 'avd-23');
    expect(after.find((x) => x.id === v.id)).toEqual(changed);
    expect((await h.store.facts.unitReported('avd-23')).find((x) => x.id === v.id)).toEqual(changed);
    // A removal of a value the device holds only in a block (it never had its row) reaches the server.
    const gone = (second as ReportedValue).id;
    expect(await db.rows.get(['reportedValue', gone])).toBeUndefined();
    await saveReportedValues(db, [], [{ id: gone, unitId: 'avd-23' }], NOW);
    expect((await listReportedValues(db, 'avd-23')).some((x) => x.id === gone)).toBe(false);
    await engine.syncNow();
    expect((await h.store.facts.unitReported('avd-23')).some((x) => x.id === gone)).toBe(false);
    expect((await listReportedValues(db, 'avd-23')).some((x) => x.id === gone)).toBe(false);
  });

  it('computes every report the server answers, from its facts', async () => {
    const units = await listUnits(db);
    const today = TODAY;
    // As the app does online: the catalogue rows of the levels above the replica (the region's
    // reported measures, issue 13) are cached; their values are ordinary rows in the replica.
    await cacheIndicatorConfig(db, ROOT, IndicatorConfigResponse.parse((await call(h, 'GET', `/api/indicators/config?unitId=${ROOT}`, { token: chef })).json()));
    for (const period of [TODAY.slice(0, 7), '2026-02', '2026-T1', '2026', '2025-T3', '2026-W10']) {
      const server = IndicatorReport.parse((await call(h, 'GET', `/api/indicators/report?rootId=${ROOT}&period=${period}`, { token: chef })).json());
      const device = await indicatorReport(await indicatorContext(db, units, ROOT, today), period, NOW).catch((e: unknown) => {
        throw new Error(`${period}: ${String(e)} ${JSON.stringify((e as { meta?: unknown }).meta)}`);
      });
      expect({ period, cells: device.cells }).toEqual({ period, cells: server.cells });
    }
    for (const root of [ROOT, 'vo-med', 'avd-21']) {
      for (const period of ['2026-03', '2026-02', '2026']) {
        const server = BhkPeriodRollupResponse.parse((await call(h, 'GET', `/api/bhk/rollup?rootId=${root}&period=${period}`, { token: chef })).json());
        const facts = await deviceFacts(db, units, root, today);
        const nodes = await bhkPeriodRollupOf(facts, units, root, periodRange(period), 'all');
        const rootUnit = units.find((u) => u.id === root)!;
        expect(bhkRollupAnswer(units, rootUnit, period, 'all', (await getBhkProfessions(db, root)) ?? [], nodes)).toEqual(server);
      }
      for (const month of ['2026-03', '2026-02']) {
        const safety = SafetyRollupResponse.parse((await call(h, 'GET', `/api/rollup/safety?rootId=${root}&month=${month}`, { token: chef })).json());
        expect(await safetyRollupOf(await deviceFacts(db, units, root, today), units, root, month, today)).toEqual(safety.nodes);
        const staffing = StaffingRollupResponse.parse((await call(h, 'GET', `/api/rollup/staffing?rootId=${root}&month=${month}`, { token: chef })).json());
        const settings = await getStaffingSettings(db, subtreeIds(units, root));
        // The sick-leave targets are the catalogue's (issue 14): the device resolves them from its rows, as load-rollup.ts does.
        const indicatorRows = await indicatorRowsFor(db, units, root);
        expect(await staffingReportOf(await deviceFacts(db, units, root, today), units, root, today, settings, month, indicatorRows)).toEqual(staffing);
      }
    }
  });

  it('pins a unit on demand: its board rows arrive, and later pulls keep them current', async () => {
    const snapshot = await call(h, 'GET', '/api/sync/unit?unitId=avd-22', { token: chef });
    expect(snapshot.statusCode).toBe(200);
    const parsed = UnitSnapshot.parse(snapshot.json());
    expect(new Set(parsed.rows.map((r) => r.entity))).toContain('bhkObservation');
    await pinUnit(db, parsed, NOW);
    const held = await db.rows.where('[entity+unitId]').equals(['bhkObservation', 'avd-22']).count();
    expect(held).toBe(parsed.rows.filter((r) => r.entity === 'bhkObservation').length);
    expect(held).toBeGreaterThan(0);
    // A tablet of the unit records one more; the manager's next pull brings it (the unit is pinned).
    const tablet = await enrolTablet(h, chef, 'avd-22');
    await push(h, tablet, [outbox(tablet.deviceId, NOW).insertObs(observation('avd-22', TODAY))]);
    await engine.syncNow();
    expect(await db.rows.where('[entity+unitId]').equals(['bhkObservation', 'avd-22']).count()).toBe(held + 1);
    expect(await db.rows.where('[entity+unitId]').equals(['bhkObservation', 'avd-23']).count()).toBe(0);
  });
});
