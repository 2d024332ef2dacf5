/** The fuzz world: one real server, several real clients, a scripted random walk. */
import { uuidv7 } from 'uuidv7';
import { login, enrol } from '../../../src/client/auth/session';
import { addObservation, saveUnitSettings } from '../../../src/client/storage/bhk-repo';
import { pinUnit } from '../../../src/client/storage/facts-repo';
import { getMetas } from '../../../src/client/storage/meta';
import { BULK_ENTITIES, decodeBlock, factWindow } from '../../../src/shared/facts-api';
import { type FactRow, factKey } from '../../../src/shared/domain/facts/families';
import { localDate } from '../../../src/shared/domain/periods';
import { openDb, type PulsDb } from '../../../src/client/storage/db';
import { createSyncEngine, type SyncEngine } from '../../../src/client/sync/engine';
import { createHttpTransport } from '../../../src/client/sync/transport';
import { inProcessLock } from '../../../src/client/sync/lock';
import { loadTokenKey } from '../../../src/server/auth/tokens';
import { buildApp } from '../../../src/server/http/app';
import { seedDemo } from '../../../src/server/seed/seed';
import { createSqliteStore } from '../../../src/server/store/sqlite/index';
import { BHK_STEPS, type BhkSteps } from '../../../src/shared/schema/bhk-observation';
import type { RowState } from '../../../src/shared/sync/merge';
import { Network } from './network';
import { seededRandom as mulberry32 } from '../../../src/shared/domain/random';

export interface DeviceReport {
  name: string;
  outbox: number;
  rejected: { code: string; path?: unknown }[];
  rows: Comparable[];
  serverRowsInScope: Comparable[];
  /** Facts mode (rules 22–24): the device's fact rows, and the server's of its scope and window. */
  factsMode: boolean;
  facts: string[];
  serverFactsInScope: string[];
  pinned: string[];
}
export interface FuzzReport {
  seed: number;
  log: string[];
  faults: Network['faults'];
  written: { observations: number; settings: number };
  writtenIds: string[];
  devices: DeviceReport[];
  server: { observationIds: string[]; duplicateLogEntries: string[]; settingsMatchLastWriter: boolean };
}
type Comparable = { entity: string; id: string; unitId: string; data: unknown; hlcs: unknown; deleted: boolean };

interface Device {
  name: string;
  unitId: string;
  scopePrefix: string;
  db: PulsDb;
  engine: SyncEngine;
  transport: ReturnType<typeof createHttpTransport>;
  offline: boolean;
  skewMs: number;
}

const comparable = (r: RowState): Comparable => ({ entity: r.entity, id: r.id, unitId: r.unitId, data: r.data, hlcs: r.hlcs, deleted: r.deleted });
const byKey = (a: Comparable, b: Comparable) => (`${a.entity}:${a.id}` < `${b.entity}:${b.id}` ? -1 : 1);

export async function runFuzz(seed: number, opts: { steps: number; onLog?: (r: FuzzReport) => void }): Promise<FuzzReport> {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let virtualNow = Date.parse('2026-11-02T07:00:00Z');
  const store = createSqliteStore(':memory:');
  await store.migrate();
  await seedDemo(store, virtualNow, { observations: false });
  const app = await buildApp({
    store,
    tokenKey: await loadTokenKey(store),
    tokenTtlS: 600, // short, so tokens expire during the walk and renewal is exercised
    rateLimitPerDevice: 1_000_000,
    rateLimitPerIp: 1_000_000,
    now: () => virtualNow,
  });
  const net = new Network(app, { random, rate: 0.08 });
  const report: FuzzReport = {
    seed,
    log: [],
    faults: net.faults,
    written: { observations: 0, settings: 0 },
    writtenIds: [],
    devices: [],
    server: { observationIds: [], duplicateLogEntries: [], settingsMatchLastWriter: false },
  };
  const log = (s: string) => {
    report.log.push(s);
    opts.onLog?.(report);
  };

  const devices: Device[] = [];
  const units = await store.listUnits();
  const pathOf = (id: string) => units.find((u) => u.id === id)?.path ?? '';
  async function addDevice(name: string, unitId: string, how: (db: PulsDb, fetch: ReturnType<Network['fetchFor']>) => Promise<unknown>) {
    const db = openDb(`fuzz-${seed}-${name}-${uuidv7()}`);
    const device = { name, unitId, scopePrefix: pathOf(unitId), db, offline: false, skewMs: Math.round((random() * 2 - 1) * 10 * 60_000) } as Device;
    const fetch = net.fetchFor(() => device.offline);
    net.chaos = false;
    await how(db, fetch);
    net.chaos = true;
    device.transport = createHttpTransport(db, { fetch });
    device.engine = createSyncEngine({
      db,
      transport: device.transport,
      now: () => virtualNow + device.skewMs,
      random,
      lock: inProcessLock,
    });
    devices.push(device);
  }
  const admin = await loginToken(app);
  for (const [i, unitId] of ['avd-21', 'avd-21', 'avd-22', 'avd-31'].entries()) {
    const code = ((await app.inject({ method: 'POST', url: '/api/enrol-codes', headers: { authorization: `Bearer ${admin}` }, payload: { unitId } })).json() as { code: string }).code;
    await addDevice(`tablet${i + 1}@${unitId}`, unitId, (db, fetch) => enrol(db, code, `tablet ${i + 1}`, { fetch }));
  }
  await addDevice('manager@div-lsv', 'div-lsv', (db, fetch) => login(db, 'divisionschef', 'pulstavlan', 'phone', { fetch }));

  const pending: Promise<void>[] = [];
  const lastSettingWrite = new Map<string, { field: string; value: number; at: number }>();
  for (let step = 0; step < opts.steps; step++) {
    virtualNow += Math.floor(random() * 90_000);
    const d = pick(devices);
    const roll = random();
    const localNow = virtualNow + d.skewMs;
    if (roll < 0.4 && d.name.startsWith('tablet')) {
      const steps = Object.fromEntries(BHK_STEPS.map((s) => [s, random() < 0.9 ? 'ja' : 'nej'])) as BhkSteps;
      const obs = await addObservation(d.db, { unitId: d.unitId, date: new Date(localNow).toISOString().slice(0, 10), profession: 'sjukskoterska', selfAssessment: false, steps } as never, localNow);
      report.writtenIds.push(obs.id);
      report.written.observations++;
      log(`${step} ${d.name} observes ${obs.id}`);
    } else if (roll < 0.55) {
      const unitId = d.name.startsWith('manager') ? pick(['avd-21', 'avd-22', 'avd-31']) : d.unitId;
      const field = pick(['bhkMonthlyQuota', 'bhkMinN', 'bhkTargetPct'] as const);
      const value = 1 + Math.floor(random() * 50);
      await saveUnitSettings(d.db, unitId, { [field]: value }, localNow);
      report.written.settings++;
      log(`${step} ${d.name} sets ${unitId}.${field}=${value}`);
      void lastSettingWrite;
    } else if (roll < 0.6 && d.name.startsWith('manager')) {
      // Opening a unit's board pins it: its rows come on demand, later pulls bring its changes.
      const unitId = pick(['avd-21', 'avd-22', 'avd-31']);
      try {
        const snapshot = await d.transport.unit?.(unitId);
        if (snapshot === undefined) throw new Error('no unit route');
        await pinUnit(d.db, snapshot, localNow);
        log(`${step} ${d.name} pins ${unitId}`);
      } catch {
        log(`${step} ${d.name} could not pin ${unitId}`);
      }
    } else if (roll < 0.7) {
      d.offline = !d.offline;
      log(`${step} ${d.name} ${d.offline ? 'goes offline' : 'comes back'}`);
    } else if (roll < 0.95) {
      log(`${step} ${d.name} syncs`);
      pending.push(d.engine.syncNow());
      if (random() < 0.5) await Promise.all(pending.splice(0));
    } else {
      await net.deliverLate(2);
      log(`${step} late deliveries`);
    }
  }
  await Promise.all(pending.splice(0));

  // Quiesce: network healthy, everyone online, sync until nothing is left and a full pass is idle.
  net.chaos = false;
  for (const d of devices) d.offline = false;
  for (let pass = 0; pass < 6; pass++) {
    for (const d of devices) await d.engine.syncNow();
  }

  const serverObs = await store.listRows('bhkObservation', '/', '', '9999-99-99');
  const serverSettings = await store.listRows('unitSettings', '/', '', '');
  const serverRows = [...serverObs, ...serverSettings].map(comparable).sort(byKey);
  const allUnits = await store.listUnits();
  const parents = new Set(allUnits.map((u) => u.parentId));
  const window = factWindow(localDate(virtualNow));
  // Year-to-month rows (grain c) are the server's own: a device's blocks carry day and month rows.
  const inWindow = (r: FactRow) => r.grain !== 'c' && (r.grain === 'm' ? r.period.slice(0, 4) >= window.fromYear : r.period.slice(0, 7) >= window.fromDayMonth);
  const factText = (r: FactRow) => `${factKey(r)} ${r.v.join(',')}`;
  for (const d of devices) {
    const scopeIds = new Set(allUnits.filter((u) => u.path.startsWith(d.scopePrefix)).map((u) => u.id));
    const rows = (await d.db.rows.toArray()).map((r) => comparable(r)).sort(byKey);
    const meta = await getMetas(d.db, ['factsMode', 'pinned']);
    const factsMode = meta.factsMode === true;
    const pinned = (meta.pinned ?? []).map((p) => p.unitId);
    // In facts mode the board rows of leaf units come only for pinned units (rule 22).
    const held = (r: Comparable) => !factsMode || !BULK_ENTITIES.includes(r.entity as never) || parents.has(r.unitId) || pinned.includes(r.unitId);
    const serverFacts: string[] = [];
    if (factsMode) for (const id of scopeIds) serverFacts.push(...(await store.facts.unitFacts(id)).rows.filter(inWindow).map(factText));
    report.devices.push({
      name: d.name,
      outbox: await d.db.outbox.count(),
      rejected: (await d.db.rejected.toArray()).map((r) => ({ code: r.code, ...(r.path ? { path: r.path } : {}) })),
      rows,
      serverRowsInScope: serverRows.filter((r) => scopeIds.has(r.unitId) && held(r)),
      factsMode,
      facts: (await d.db.facts.toArray()).flatMap((b) => decodeBlock(b).rows.map(factText)).sort(),
      serverFactsInScope: serverFacts.sort(),
      pinned,
    });
  }
  report.server.observationIds = serverObs.map((r) => r.id).sort();
  const log2 = await store.pullChanges('/', 0, 1_000_000);
  const seen = new Map<string, number>();
  for (const c of log2) if (c.entity === 'bhkObservation') seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
  report.server.duplicateLogEntries = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  // Per field, the server's value is the one written by the change with the greatest HLC.
  const settingsLog = log2.filter((c) => c.entity === 'unitSettings');
  report.server.settingsMatchLastWriter = serverSettings.every((row) =>
    Object.entries(row.hlcs).every(([field, hlc]) => {
      const winner = settingsLog.filter((c) => c.id === row.id && field in c.fields).sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
      return winner !== undefined && winner.hlc === hlc && winner.fields[field] === row.data[field];
    }),
  );
  for (const d of devices) d.db.close();
  await app.close();
  await store.close();
  return report;
}

async function loginToken(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  const cred = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'pulstavlan' } })).json() as { deviceId: string; deviceSecret: string };
  const tok = (await app.inject({ method: 'POST', url: '/api/auth/token', payload: { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret } })).json() as { accessToken: string };
  return tok.accessToken;
}
