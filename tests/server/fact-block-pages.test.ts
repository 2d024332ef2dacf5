/**
 * The fact feed's pages (rule 23): blocksAfter and headBlockSeq answer, for any scope, cursor and
 * window, exactly the scope's blocks with seq > cursor in seq order, whichever way the store reads
 * them. On SQLite a scope holding a quarter of the units or more walks the block sequence from the
 * cursor, a smaller one gathers its units' blocks and sorts them (fact-ops.ts, walksSequence); both
 * ways are checked here against the blocks read whole and filtered in the test. SQLite and
 * PostgreSQL, through the real migrations and the real fact operations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/domain/random';
import { factOps } from '../../src/server/store/fact-ops';
import { dropMigrationSchemas, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const AT = '2026-11-01T08:00:00.000Z';
/** Region 'reg' with two divisions of four units (11 units in all), and a second root 'x' with 12 units: 24 units. */
interface UnitAt {
  id: string;
  parent_id: string | null;
  path: string;
  kind: string;
}
function units(): UnitAt[] {
  const out: UnitAt[] = [
    { id: 'reg', parent_id: null, path: '/reg/', kind: 'region' },
    { id: 'x', parent_id: null, path: '/x/', kind: 'region' },
  ];
  for (const d of ['d1', 'd2']) {
    out.push({ id: d, parent_id: 'reg', path: `/reg/${d}/`, kind: 'division' });
    for (let i = 1; i <= 4; i++) out.push({ id: `${d}u${i}`, parent_id: d, path: `/reg/${d}/${d}u${i}/`, kind: 'enhet' });
  }
  for (let i = 1; i <= 12; i++) out.push({ id: `x${i}`, parent_id: 'x', path: `/x/x${i}/`, kind: 'enhet' });
  return out;
}

describe.each(MIGRATION_DATABASES)('fact feed pages on %s', (_, dialect, open) => {
  it('are the scope’s blocks after the cursor, in seq order, inside the window, for wide and narrow scopes alike', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const all = units();
      await db
        .insertInto('units')
        .values(all.map((u) => ({ id: u.id, name: u.id, kind: u.kind, parent_id: u.parent_id, path: u.path, closed_at: null, created_at: AT })))
        .execute();
      const f = factOps(db, dialect);
      const rand = seededRandom(17);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const leaves = all.filter((u) => u.kind === 'enhet').map((u) => u.id);
      const blocks = ['Y2023', 'Y2024', 'Y2025', 'Y2026', 'D2026-03', 'D2026-06', 'D2026-09', 'D2026-11'];
      // Pushes bump a few blocks each, often the same ones again (a block then moves to the end).
      for (let push = 0; push < 60; push++) {
        const n = 1 + Math.floor(rand() * 6);
        await f.bumpBlocks(Array.from({ length: n }, () => ({ unitId: pick(leaves), block: pick(blocks) })));
      }
      const stored = (await db.selectFrom('fact_blocks').select(['unit_id', 'block', 'seq']).execute()).map((r) => ({ unitId: r.unit_id as string, block: r.block as string, seq: Number(r.seq) }));
      const pathOf = new Map(all.map((u) => [u.id, u.path]));
      const head = Math.max(...stored.map((b) => b.seq));
      // The regions (11 and 13 of 24 units: walked on SQLite), a division (5), units (1).
      for (const scope of ['/reg/', '/x/', '/reg/d1/', '/reg/d2/d2u3/', '/x/x7/']) {
        const mine = stored.filter((b) => (pathOf.get(b.unitId) as string).startsWith(scope));
        expect(mine.length).toBeGreaterThan(0);
        expect(await f.headBlockSeq(scope)).toBe(Math.max(...mine.map((b) => b.seq)));
        for (const [yearFrom, dayFrom] of [['', ''], ['2024', '2026-06'], ['2026', '2026-11']] as const) {
          const inWindow = mine.filter((b) => (b.block.startsWith('Y') ? b.block >= `Y${yearFrom}` : b.block >= `D${dayFrom}`)).sort((a, b) => a.seq - b.seq);
          for (const cursor of [0, Math.floor(head / 3), Math.floor(head / 2), head]) {
            for (const limit of [1, 4, 500]) {
              const want = inWindow.filter((b) => b.seq > cursor).slice(0, limit);
              expect(await f.blocksAfter(scope, cursor, limit, yearFrom, dayFrom), `${scope} after ${cursor} limit ${limit} from ${yearFrom}/${dayFrom}`).toEqual(want);
            }
          }
          // Paging through with a small limit sees every block once.
          const seen: string[] = [];
          for (let cursor = 0; ; ) {
            const page = await f.blocksAfter(scope, cursor, 3, yearFrom, dayFrom);
            if (page.length === 0) break;
            seen.push(...page.map((b) => `${b.unitId}/${b.block}`));
            cursor = (page.at(-1) as { seq: number }).seq;
          }
          expect(seen).toEqual(inWindow.map((b) => `${b.unitId}/${b.block}`));
        }
      }
      // A scope without blocks: nothing after any cursor, head 0.
      expect(await f.blocksAfter('/reg/d2/d2u4/nothing/', 0, 10, '', '')).toEqual([]);
      expect(await f.headBlockSeq('/reg/d2/d2u4/nothing/')).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
