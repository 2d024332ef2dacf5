/**
 * Item 4's generated region: 1 region → 3 divisions → 3 VOs each → 5 units each (15 units per
 * division, 45 in all) and 36 months of BHK observations, about 150,000, written with direct
 * multi-row inserts into `rows` (the roll-up reads rows only, so the change log stays empty).
 * The org tree and the manager account go through the real store.
 */
import { createAccount } from '../../src/server/auth/accounts';
import type { Store } from '../../src/server/store/store';
import { monthOfObservations, monthsBack, prng } from './gen';
import type { RawDb, RawRow } from './rawdb';

export const REGION = 'bench-region';
export const DIVISIONS = ['div-1', 'div-2', 'div-3'] as const;
export const MANAGER = { username: 'benchchef', password: 'pulstavlan-bench' };
const VOS_PER_DIVISION = 3;
const UNITS_PER_VO = 5;

export interface Region {
  /** Units (enheter) with their division. */
  units: { id: string; division: string }[];
  /** Materialised path of each division, as the server stores it. */
  divisionPath: Record<string, string>;
  months: string[];
  observations: number;
}

export async function createOrg(store: Store): Promise<Omit<Region, 'months' | 'observations'>> {
  const units: Region['units'] = [];
  const divisionPath: Record<string, string> = {};
  await store.tx(async (tx) => {
    const root = `/${REGION}/`;
    await tx.insertUnit({ id: REGION, name: 'Region Bench', kind: 'region', parentId: null, path: root, closedAt: null });
    for (const [d, div] of DIVISIONS.entries()) {
      const dPath = `${root}${div}/`;
      divisionPath[div] = dPath;
      await tx.insertUnit({ id: div, name: `Division ${d + 1}`, kind: 'division', parentId: REGION, path: dPath, closedAt: null });
      for (let v = 1; v <= VOS_PER_DIVISION; v++) {
        const vo = `${div}-vo-${v}`;
        const vPath = `${dPath}${vo}/`;
        await tx.insertUnit({ id: vo, name: `VO ${d + 1}.${v}`, kind: 'vo', parentId: div, path: vPath, closedAt: null });
        for (let u = 1; u <= UNITS_PER_VO; u++) {
          const id = `${vo}-u-${u}`;
          await tx.insertUnit({ id, name: `Enhet ${d + 1}.${v}.${u}`, kind: 'enhet', parentId: vo, path: `${vPath}${id}/`, closedAt: null });
          units.push({ id, division: div });
        }
      }
    }
  });
  await createAccount(store, null, {
    username: MANAGER.username,
    displayName: 'Bench regionchef',
    password: MANAGER.password,
    role: 'manager',
    scopeUnitId: REGION,
  });
  return { units, divisionPath };
}

/**
 * Writes `months` months (ending last month) of observations for every unit; each unit-month
 * gets 70–130 % of the mean that makes `total` overall. Returns the months and the count.
 */
export async function fillObservations(raw: RawDb, units: Region['units'], months: number, total: number): Promise<{ months: string[]; observations: number }> {
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const list = monthsBack(last, months);
  const mean = total / (units.length * months);
  const rand = prng(150_000);
  let count = 0;
  let batch: RawRow[] = [];
  const flush = async () => {
    if (batch.length > 0) await raw.insertBatched(batch, [], 1_000);
    batch = [];
  };
  for (const unit of units) {
    const skill = 0.93 + rand() * 0.06;
    for (const month of list) {
      for (const o of monthOfObservations(rand, unit.id, month, Math.round(mean * (0.7 + 0.6 * rand())), skill)) {
        batch.push({ entity: 'bhkObservation', id: o.id, unitId: o.unitId, data: { ...o }, sortKey: o.date });
        count++;
      }
    }
    if (batch.length >= 10_000) await flush();
  }
  await flush();
  return { months: list, observations: count };
}
