/**
 * The server's year rows (migration 0010, issue 17): the migration fills them from the month rows
 * an older server stored, and a read planned with years (a year's row less its months outside
 * the range) answers exactly what the same ranges read from month rows answer: every unit and key,
 * keyed and collapsed, all fields or a few, ranges over one year, across years, inside a year and
 * ending in the current month; a unit and key with no rows in the range stays absent. SQLite and
 * PostgreSQL, through the real migrations and the real fact operations.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { yearFacts } from '../../src/shared/domain/facts/contrib';
import { type Family, type FactRow, fieldsOf } from '../../src/shared/domain/facts/families';
import { type DateRange, planRanges } from '../../src/shared/domain/facts/plan';
import { combineSegments } from '../../src/shared/domain/facts/reader';
import { daysInMonth } from '../../src/shared/domain/periods';
import { factOps } from '../../src/server/store/fact-ops';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const TODAY = '2026-12-04';
const MONTHS = [2025, 2026].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));

/** A small deterministic generator, so the stored months are the same on both databases. */
function prng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/**
 * Month rows (and each month's first day, as the day rows a month needs) of BHK by key and of
 * Gröna korset: u1 has most months, u2 only January and December 2025, and on u1 the key
 * 's|ovrig' only outside March–November and the key 'o|student' only in fields other than n/total.
 */
function storedRows(): FactRow[] {
  const rand = prng(17);
  const rows: FactRow[] = [];
  const vec = (family: Family, fill: (i: number) => number) => fieldsOf(family).map((_, i) => fill(i));
  for (const period of MONTHS) {
    if (period >= TODAY.slice(0, 7)) continue;
    const m = Number(period.slice(5));
    if (rand() < 0.85) rows.push({ family: 'bhk', unitId: 'u1', grain: 'm', period, key: 'o|lakare', v: vec('bhk', () => Math.floor(rand() * 4)) });
    if (m < 3 || m === 12) rows.push({ family: 'bhk', unitId: 'u1', grain: 'm', period, key: 's|ovrig', v: vec('bhk', (i) => (i < 2 ? 1 + m : 0)) });
    if (rand() < 0.5) rows.push({ family: 'bhk', unitId: 'u1', grain: 'm', period, key: 'o|student', v: vec('bhk', (i) => (i === 2 ? 1 : 0)) });
    if (period === '2025-01' || period === '2025-12') rows.push({ family: 'bhk', unitId: 'u2', grain: 'm', period, key: 'o|lakare', v: vec('bhk', (i) => (i < 2 ? 3 : 0)) });
    rows.push({ family: 'safety', unitId: 'u1', grain: 'm', period, key: '', v: vec('safety', () => Math.floor(rand() * 3)) });
  }
  // The current month as day rows (a range ending today reads it by day).
  rows.push({ family: 'bhk', unitId: 'u1', grain: 'd', period: '2026-12-02', key: 'o|lakare', v: vec('bhk', (i) => (i < 2 ? 2 : 0)) });
  rows.push({ family: 'bhk', unitId: 'u1', grain: 'm', period: '2026-12', key: 'o|lakare', v: vec('bhk', (i) => (i < 2 ? 2 : 0)) });
  return rows.filter((r) => r.v.some((x) => x !== 0));
}

const lastDay = (month: string) => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
const range = fc
  .tuple(fc.nat({ max: MONTHS.length - 1 }), fc.nat({ max: MONTHS.length - 1 }), fc.boolean())
  .map(([a, b, ragged]): DateRange => {
    const [from, to] = [MONTHS[Math.min(a, b)] as string, MONTHS[Math.max(a, b)] as string];
    return { from: ragged ? `${from}-15` : `${from}-01`, to: lastDay(to) };
  });

describe.each(MIGRATION_DATABASES)('year rows on %s', (_, dialect, open) => {
  it('are filled by the migration and read as the month rows would be', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0009_fact_tables_clustered')).error).toBeUndefined();
      await insertRegionUnits(db);
      const f = factOps(db, dialect);
      // Stored as an older server stored them: days and months, no years.
      const rows = storedRows();
      for (const family of ['bhk', 'safety'] as const) await f.write(family, rows.filter((r) => r.family === family), 'set');

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const years = [...(await f.unitFacts('u1')).rows, ...(await f.unitFacts('u2')).rows].filter((r) => r.grain === 'y');
      const byAddress = (a: FactRow, b: FactRow) => `${a.family}${a.unitId}${a.period}${a.key}`.localeCompare(`${b.family}${b.unitId}${b.period}${b.key}`);
      expect(years.sort(byAddress)).toEqual(yearFacts(rows).sort(byAddress));
      expect(years.length).toBeGreaterThan(4);
      // The sum table got its year rows too.
      expect(await f.sumDifferences('u1')).toEqual([]);

      const read = async (ranges: DateRange[], family: Family, collapse: boolean, fields: string[] | undefined, years: boolean) => {
        const plan = planRanges(ranges, TODAY, { years });
        return { plan, sums: await combineSegments(await f.sumSegments(family, '/reg/', plan.segments, collapse, fields), plan.parts) };
      };
      let yearSegments = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(range, { minLength: 1, maxLength: 3 }), fc.constantFrom('bhk' as const, 'safety' as const), fc.boolean(), fc.boolean(), async (ranges, family, collapse, few) => {
          const fields = few ? fieldsOf(family).slice(0, 2) : undefined;
          const fromMonths = await read(ranges, family, collapse, fields, false);
          const fromYears = await read(ranges, family, collapse, fields, true);
          yearSegments += fromYears.plan.segments.filter((s) => s.grain === 'y').length;
          expect(fromMonths.plan.segments.some((s) => s.grain === 'y')).toBe(false);
          expect(fromYears.sums).toEqual(fromMonths.sums);
        }),
        { numRuns: 60, seed: 1705 },
      );
      expect(yearSegments).toBeGreaterThan(20);

      // Named cases: March–November 2025 is its year row less January, February and December;
      // u2 (January and December only) and u1's 's|ovrig' are absent, 'o|student' present with zeros.
      const named = await read([{ from: '2025-03-01', to: '2025-11-30' }], 'bhk', false, ['n', 'total'], true);
      expect(named.plan.segments).toEqual([{ grain: 'y', from: '2025-03', to: '2025-11' }]);
      const [sums] = named.sums;
      expect([...(sums?.keys() ?? [])]).toEqual(['u1']);
      expect(sums?.get('u1')?.has('s|ovrig')).toBe(false);
      if (sums?.get('u1')?.has('o|student')) expect(sums?.get('u1')?.get('o|student')?.slice(0, 2)).toEqual([0, 0]);
      // This year so far: the months before this one as a year segment, this month by day.
      const thisYear = await read([{ from: '2026-01-01', to: TODAY }], 'bhk', true, undefined, true);
      expect(thisYear.plan.segments).toEqual([
        { grain: 'd', from: '2026-12-01', to: TODAY },
        { grain: 'y', from: '2026-01', to: '2026-11' },
      ]);
      expect(thisYear.sums).toEqual((await read([{ from: '2026-01-01', to: TODAY }], 'bhk', true, undefined, false)).sums);
    } finally {
      await db.destroy();
    }
  });
});
