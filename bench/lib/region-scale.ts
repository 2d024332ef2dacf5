/**
 * The region section's data (issue 17): an org tree of `divisions × vos × units` under one
 * region, and `years` of board rows per unit at a real ward's density — ~20 BHK observations a
 * month, a Gröna korset day per day plus ~2 events a month, 3 staffing shifts a day — and two
 * reported measures the region defines (issue 13: waiting ≤ 90 days to a first visit, a share split
 * by K/M, and the cost of hired staff in kr), a value a unit and month each, written in
 * bulk straight into `rows` and `changes` (bulk.ts), then the facts built from those rows by the
 * server's own build (facts/build.ts ensureFactsBuilt, what a migrated database runs at start).
 * Every generated record is checked against the registry's schema first (a sample per entity),
 * so a changed schema fails the section instead of writing rows the server would ignore.
 */
import { createAccount } from '../../src/server/auth/accounts';
import { ensureFactsBuilt } from '../../src/server/facts/build';
import type { Store } from '../../src/server/store/store';
import { shiftIdFor } from '../../src/shared/schema/staffing-shift';
import { safetyDayIdFor } from '../../src/shared/schema/safety-day';
import { ENTITIES, type EntityName } from '../../src/shared/schema/registry';
import { formatHlc } from '../../src/shared/sync/hlc';
import { indicatorIdFor } from '../../src/shared/schema/indicator';
import { reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { seededRandom } from '../../src/shared/domain/random';
import { uuidv7 } from 'uuidv7';
import type { Bulk, BulkRow } from './bulk';
import { daysIn, monthsBack, observation } from './gen';

export interface Shape {
  divisions: number;
  vos: number;
  units: number;
  /** Years of data, ending with last month. */
  years: number;
}

export const PASSWORD = 'pulstavlan-bench';
export const REGION_ID = 'rg';
const LOAD_UNITS = 20;

export interface ScaledOrg {
  regionPath: string;
  /** Leaf units in tree order. */
  units: string[];
  divisions: string[];
  accounts: { region: string; division: string; load: string };
  /** Units of a second, separate root whose tablets push while the region is measured. */
  loadUnits: string[];
}

const unitCount = (s: Shape) => s.divisions * s.vos * s.units;
export const shapeText = (s: Shape) => `${unitCount(s).toLocaleString('en-US')} units (${s.divisions}×${s.vos}×${s.units}), ${s.years} y`;

export async function createScaledOrg(store: Store, s: Shape): Promise<ScaledOrg> {
  const units: string[] = [];
  const divisions: string[] = [];
  const root = `/${REGION_ID}/`;
  await store.tx(async (tx) => {
    await tx.insertUnit({ id: REGION_ID, name: 'Region Bench', kind: 'region', parentId: null, path: root, closedAt: null });
    for (let d = 1; d <= s.divisions; d++) {
      const div = `d${d}`;
      divisions.push(div);
      const dPath = `${root}${div}/`;
      await tx.insertUnit({ id: div, name: `Division ${d}`, kind: 'division', parentId: REGION_ID, path: dPath, closedAt: null });
      for (let v = 1; v <= s.vos; v++) {
        const vo = `${div}v${v}`;
        const vPath = `${dPath}${vo}/`;
        await tx.insertUnit({ id: vo, name: `VO ${d}.${v}`, kind: 'vo', parentId: div, path: vPath, closedAt: null });
        for (let u = 1; u <= s.units; u++) {
          const id = `${vo}u${u}`;
          await tx.insertUnit({ id, name: `Enhet ${d}.${v}.${u}`, kind: 'enhet', parentId: vo, path: `${vPath}${id}/`, closedAt: null });
          units.push(id);
        }
      }
    }
  });
  const loadUnits: string[] = [];
  await store.tx(async (tx) => {
    await tx.insertUnit({ id: 'last', name: 'Lastregion', kind: 'region', parentId: null, path: '/last/', closedAt: null });
    for (let i = 1; i <= LOAD_UNITS; i++) {
      const id = `lastu${i}`;
      await tx.insertUnit({ id, name: `Lastenhet ${i}`, kind: 'enhet', parentId: 'last', path: `/last/${id}/`, closedAt: null });
      loadUnits.push(id);
    }
  });
  const accounts = { region: 'regionchef', division: 'divisionschef', load: 'lastchef' };
  await createAccount(store, null, { username: accounts.load, displayName: 'Bench lastchef', password: PASSWORD, role: 'manager', scopeUnitId: 'last' });
  await createAccount(store, null, { username: accounts.region, displayName: 'Bench regionchef', password: PASSWORD, role: 'manager', scopeUnitId: REGION_ID });
  await createAccount(store, null, { username: accounts.division, displayName: 'Bench divisionschef', password: PASSWORD, role: 'manager', scopeUnitId: 'd1' });
  return { regionPath: root, units, divisions, accounts, loadUnits };
}

const CATEGORIES = ['fall', 'trycksar', 'vri', 'lakemedel', 'ovrigt'];
const SHIFTS = ['dag', 'kvall', 'natt'] as const;

/** One unit-day's records by entity (BHK and events are drawn per month, see unitRows). */
function dayRecords(rand: () => number, unitId: string, date: string): { entity: EntityName; data: Record<string, unknown> }[] {
  const out: { entity: EntityName; data: Record<string, unknown> }[] = [
    { entity: 'safetyDay', data: { id: safetyDayIdFor(unitId, date), unitId, confirmedGreen: rand() < 0.9 } },
  ];
  for (const shift of SHIFTS) {
    const planned = 4 + Math.floor(rand() * 8);
    const sick = rand() < 0.35 ? 1 + Math.floor(rand() * 2) : 0;
    const vab = rand() < 0.08 ? 1 : 0;
    const otherAbsence = rand() < 0.08 ? 1 : 0;
    const covered = Math.floor(rand() * (sick + vab + otherAbsence + 1));
    out.push({ entity: 'staffingShift', data: { id: shiftIdFor(unitId, date, shift), unitId, date, shift, planned, sick, vab, otherAbsence, covered } });
  }
  return out;
}

function event(rand: () => number, unitId: string, date: string): Record<string, unknown> {
  return {
    id: uuidv7(),
    unitId,
    date,
    category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
    severity: rand() < 0.75 ? 'gul' : rand() < 0.8 ? 'orange' : 'rod',
    reportedInDeviationSystem: rand() < 0.7,
    createdAt: `${date}T12:00:00.000Z`,
  };
}

/** The region's reported measures (its catalogue rows): every unit reports both each month. */
export const REPORTED_MEASURES = [
  {
    id: indicatorIdFor(REGION_ID, 'waitShare'),
    unitId: REGION_ID,
    key: 'waitShare',
    nameSv: 'Väntat ≤ 90 dagar till första besök',
    perspective: 'medborgare',
    source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' },
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 70 },
  },
  {
    id: indicatorIdFor(REGION_ID, 'hiredCost'),
    unitId: REGION_ID,
    key: 'hiredCost',
    nameSv: 'Kostnad inhyrd personal',
    perspective: 'ekonomi',
    source: { kind: 'reported', form: 'value', grain: 'month', at: 'unit' },
    unit: 'kr',
    direction: 'lower',
    target: { op: 'decrease' },
  },
] as const;

/**
 * A unit's two reported values of a month, whole numbers (sums of them are exact in any order,
 * so the report's and the GROUP BY's agree to the unit).
 */
function reportedRecords(rand: () => number, unitId: string, month: string): Record<string, unknown>[] {
  const denK = 20 + Math.floor(rand() * 60);
  const denM = 20 + Math.floor(rand() * 60);
  const numK = Math.floor(denK * (0.4 + rand() * 0.5));
  const numM = Math.floor(denM * (0.4 + rand() * 0.5));
  const cost = rand() < 0.6 ? 0 : Math.floor(rand() * 400_000);
  const at = (measure: string) => ({ id: reportedValueIdFor(unitId, measure, month), unitId, measure, period: month });
  return [
    { ...at('waitShare'), num: numK + numM, den: denK + denM, numK, denK, numM, denM, source: 'import' },
    { ...at('hiredCost'), num: cost, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import' },
  ];
}

/** Checks one record of each entity against the registry's schema; throws on the first misfit. */
export function checkGenerator(): void {
  const rand = () => 0.5;
  const samples = [
    ...dayRecords(rand, 'rgx', '2026-01-15'),
    { entity: 'safetyEvent' as const, data: event(rand, 'rgx', '2026-01-15') },
    { entity: 'bhkObservation' as const, data: { ...observation(rand, 'rgx', '2026-01-15') } },
    ...reportedRecords(rand, 'rgx', '2026-01').map((data) => ({ entity: 'reportedValue' as const, data })),
    ...REPORTED_MEASURES.map((data) => ({ entity: 'indicator' as const, data: { ...data } as Record<string, unknown> })),
  ];
  for (const s of samples) {
    const r = ENTITIES[s.entity].schema.safeParse(s.data);
    if (!r.success) throw new Error(`region generator: ${s.entity} no longer fits its schema: ${JSON.stringify(r.error.issues[0])}`);
  }
}

export interface Written {
  rows: number;
  byEntity: Record<string, number>;
  months: string[];
}

/**
 * Writes `years` of rows for every unit (months ending last month), `batchUnits` units per
 * transaction. Deterministic per unit apart from the UUIDv7 ids.
 */
export async function fillRegion(bulk: Bulk, units: readonly string[], years: number, rand: () => number, log: (m: string) => void): Promise<Written> {
  checkGenerator();
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const months = monthsBack(last, 12 * years);
  const hlc = formatHlc({ millis: Date.now() - 86_400_000, counter: 0, node: 'benchhistory' });
  const written: Written = { rows: 0, byEntity: {}, months };
  let batch: BulkRow[] = [];
  const add = (entity: EntityName, data: Record<string, unknown>) => {
    const def = ENTITIES[entity];
    const hlcs = def.mode === 'lww' ? Object.fromEntries(Object.keys(data).map((k) => [k, hlc])) : {};
    batch.push({ entity, id: String(data.id), unitId: String(data.unitId), data, sortKey: def.sortKey(data), hlcs, hlc, level: entity === 'indicator' });
    written.byEntity[entity] = (written.byEntity[entity] ?? 0) + 1;
    written.rows += 1;
  };
  const started = Date.now();
  for (const def of REPORTED_MEASURES) add('indicator', { ...def });
  for (const [i, unitId] of units.entries()) {
    // Its own generator: the boards' rows stay those of the runs before reported values came.
    const reportedRand = seededRandom(i + 1);
    const skill = 0.93 + rand() * 0.06;
    for (const month of months) {
      const days = daysIn(month);
      const dateOf = (day: number) => `${month}-${String(day).padStart(2, '0')}`;
      for (let day = 1; day <= days; day++) for (const r of dayRecords(rand, unitId, dateOf(day))) add(r.entity, r.data);
      const nBhk = Math.round(20 * (0.7 + 0.6 * rand()));
      for (let k = 0; k < nBhk; k++) add('bhkObservation', { ...observation(rand, unitId, dateOf(1 + Math.floor(rand() * days)), skill) });
      const nEvents = Math.floor(rand() * 5); // 0–4, ~2 a month
      for (let k = 0; k < nEvents; k++) add('safetyEvent', event(rand, unitId, dateOf(1 + Math.floor(rand() * days))));
      for (const data of reportedRecords(reportedRand, unitId, month)) add('reportedValue', data);
    }
    if (batch.length >= 20_000 || i === units.length - 1) {
      await bulk.write(batch);
      batch = [];
    }
    if ((i + 1) % 100 === 0) log(`  ${i + 1} of ${units.length} units written (${written.rows.toLocaleString('en-US')} rows, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return written;
}

/** Builds the facts of the bulk-written rows with the server's own build (all units, from scratch). */
export async function buildFacts(store: Store, log: (m: string) => void): Promise<number> {
  await store.facts.setState('build', 'pending');
  await store.facts.clearBuilt();
  return ensureFactsBuilt(store, log);
}
