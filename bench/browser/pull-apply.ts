/**
 * Item 2: applying one pulled page of changes with the app's applyPulledPage (validation,
 * merge, clock, cursor, one transaction) against a raw Dexie bulkPut of the rows that page
 * produces, into an identically indexed strict table. Every page carries new ids, so each
 * apply really writes; both databases grow alike; the order alternates page by page.
 */
import type { RowRecord } from '../../src/client/storage/db';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { sortKeyFor } from '../../src/client/storage/rows';
import type { ServerChange } from '../../src/shared/protocol';
import { formatHlc } from '../../src/shared/sync/hlc';
import { mergeChange } from '../../src/shared/sync/merge';
import { observation, prng } from '../lib/gen';
import type { PullApplyTimes } from './contract';
import { appDb, dropAll, rawRowsDb } from './page-db';

export async function pullApply(opts: { pages: number; warmup: number; pageSize: number }): Promise<PullApplyTimes> {
  const { db: app, deviceId } = await appDb('pull-app');
  const raw = rawRowsDb('pull-raw', 'strict');
  await raw.open();
  await setMeta(app, 'cursor', 0);
  const rand = prng(2);
  const today = new Date().toISOString().slice(0, 10);
  let serverSeq = 0;
  const page = (): ServerChange[] => {
    // HLCs of another device, in the recent past (a pull never carries stamps from the future).
    const base = Date.now() - 60_000;
    return Array.from({ length: opts.pageSize }, (_, i) => {
      const o = observation(rand, 'bench-unit', today);
      return {
        serverSeq: ++serverSeq,
        entity: 'bhkObservation',
        id: o.id,
        unitId: o.unitId,
        op: 'insert',
        fields: { ...o },
        hlc: formatHlc({ millis: base + i, counter: 0, node: 'otherdevice' }),
      };
    });
  };
  const rowsOf = (changes: ServerChange[]): RowRecord[] =>
    changes.map((c) => {
      const { row } = mergeChange(undefined, c);
      return { ...row, sortKey: sortKeyFor(row) };
    });
  const out: PullApplyTimes = { app: [], raw: [], pageSize: opts.pageSize, appRows: 0 };
  for (let i = 0; i < opts.warmup + opts.pages; i++) {
    const changes = page();
    const rows = rowsOf(changes);
    const from = (await getMeta(app, 'cursor')) ?? 0;
    const runApp = async () => {
      const t0 = performance.now();
      const applied = await applyPulledPage(app, deviceId, { from, changes, cursor: serverSeq }, Date.now(), null);
      const changed = applied.kind === 'applied' ? applied.changedRows : -1;
      const ms = performance.now() - t0;
      if (changed !== changes.length) throw new Error(`applyPulledPage changed ${changed} of ${changes.length} rows`);
      return ms;
    };
    const runRaw = async () => {
      const t0 = performance.now();
      await raw.rows.bulkPut(rows);
      return performance.now() - t0;
    };
    let a: number;
    let r: number;
    if (i % 2 === 0) {
      a = await runApp();
      r = await runRaw();
    } else {
      r = await runRaw();
      a = await runApp();
    }
    if (i >= opts.warmup) {
      out.app.push(a);
      out.raw.push(r);
    }
  }
  out.appRows = await app.rows.count();
  await dropAll(app, raw);
  return out;
}
