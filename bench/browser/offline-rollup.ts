/**
 * Item 4, tablet side: the unit's year computed offline from IndexedDB with the shared roll-up
 * (bhkRollup, the function the server's route calls): twelve month reads through the
 * repository, a roll-up per month and one for the year. The limit is one raw indexed range read
 * of the same rows; the compute-only figure shows how the time splits.
 */
import { listObservations } from '../../src/client/storage/bhk-repo';
import { getMeta } from '../../src/client/storage/meta';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { bhkFigures } from '../../src/shared/domain/bhk';
import { bhkRollup } from '../../src/shared/domain/bhk-rollup';
import type { TreeUnit } from '../../src/shared/domain/rollup';
import type { ServerChange } from '../../src/shared/protocol';
import type { BhkObservation } from '../../src/shared/schema/bhk-observation';
import { formatHlc } from '../../src/shared/sync/hlc';
import { monthOfObservations, monthsBack, prng } from '../lib/gen';
import type { OfflineRollupTimes } from './contract';
import { appDb, dropAll } from './page-db';

const UNIT = 'bench-unit';
const TREE: TreeUnit[] = [{ id: UNIT, parentId: null, kind: 'enhet', name: 'Bench', closedAt: null }];
const MIN_N = 30;

function rollUp(months: BhkObservation[][]): number {
  for (const obs of months) bhkFigures(bhkRollup(TREE, UNIT, obs).get(UNIT)!.counts, MIN_N);
  const year = bhkFigures(bhkRollup(TREE, UNIT, months.flat()).get(UNIT)!.counts, MIN_N);
  return year.n;
}

export async function offlineRollup(opts: { perMonth: number; reps: number; year: string }): Promise<OfflineRollupTimes> {
  const { db, deviceId } = await appDb('rollup');
  // Three years of the unit's data, stored through the real pull path (setup, not timed).
  const rand = prng(4);
  const all = monthsBack(`${opts.year}-12`, 36).flatMap((m) => monthOfObservations(rand, UNIT, m, opts.perMonth, 0.96));
  for (let i = 0, seq = 0; i < all.length; i += 500) {
    const changes: ServerChange[] = all.slice(i, i + 500).map((o, j) => ({
      serverSeq: ++seq,
      entity: 'bhkObservation',
      id: o.id,
      unitId: o.unitId,
      op: 'insert',
      fields: { ...o },
      hlc: formatHlc({ millis: Date.now() - 3_600_000 + i + j, counter: 0, node: 'otherdevice' }),
    }));
    const from = (await getMeta(db, 'cursor')) ?? 0;
    await applyPulledPage(db, deviceId, { from, changes, cursor: seq }, Date.now(), null);
  }
  const months = monthsBack(`${opts.year}-12`, 12);
  const out: OfflineRollupTimes = { app: [], raw: [], computeOnly: [], observations: all.length, yearN: 0 };
  for (let rep = 0; rep < opts.reps + 1; rep++) {
    const keep = rep > 0; // the first round warms up
    let t0 = performance.now();
    const read: BhkObservation[][] = [];
    for (const m of months) read.push(await listObservations(db, UNIT, m));
    out.yearN = rollUp(read);
    if (keep) out.app.push(performance.now() - t0);

    t0 = performance.now();
    rollUp(read);
    if (keep) out.computeOnly.push(performance.now() - t0);

    t0 = performance.now();
    await db.rows
      .where('[entity+unitId+sortKey]')
      .between(['bhkObservation', UNIT, `${opts.year}-01-01`], ['bhkObservation', UNIT, `${opts.year}-12-31`], true, true)
      .toArray();
    if (keep) out.raw.push(performance.now() - t0);
  }
  await dropAll(db);
  return out;
}
