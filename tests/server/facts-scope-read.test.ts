/**
 * The fact reads over a scope (sumSegments, days, byDay, lastFalls) on a tree wider than one
 * part: SQLite reads a scope SCOPE_UNITS units at a time, yielding between parts (issue 17, "nothing
 * blocks"), PostgreSQL in one statement; both must give exactly the sums of the stored rows under
 * the scope, and nothing from outside it. On SQLite (in memory, and a file whose reads run on
 * threads) and PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FactRow, fieldIndex, zeroVector } from '../../src/shared/domain/facts/families';
import { seededRandom } from '../../src/shared/domain/random';
import { contiguousRuns, type Segment } from '../../src/shared/domain/facts/plan';
import { combineSegments, memoryReader, type UnitDays } from '../../src/shared/domain/facts/reader';
import { addDays } from '../../src/shared/domain/periods';
import { sqlFactReader } from '../../src/server/facts/reader';
import { type Scope, SCOPE_UNITS } from '../../src/server/store/fact-ops';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';

/** A DayGrid map's days as text, "unit date field,field" (its day 0 is `from`). */
const listed = (got: UnitDays, from: string, width: number): string[] =>
  [...got].flatMap(([unitId, g]) => [...g.has].flatMap((h, i) => (h === 1 ? [`${unitId} ${addDays(from, i)} ${[...g.v.slice(i * width, (i + 1) * width)].join(',')}`] : [])));

const dirs: string[] = [];
const STORES: [string, () => Promise<Store>][] = [
  [
    'sqlite',
    async () => {
      const s = createSqliteStore(':memory:');
      await s.migrate();
      return s;
    },
  ],
  [
    // A file's store reads its scopes on threads (store/sqlite/read-thread.ts): the same sums.
    'sqlite-threads',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-scope-'));
      dirs.push(dir);
      const s = createSqliteStore(path.join(dir, 'facts.sqlite'), { readThreads: 2 });
      await s.migrate();
      return s;
    },
  ],
  ['postgres', freshPgStore],
];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const VOS = 3;
// Leaves under the division: more than two parts' worth on SQLite, the last part partly filled.
const UNITS_PER_VO = Math.ceil((SCOPE_UNITS * 2 + SCOPE_UNITS / 4) / VOS);
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-15', '2026-03-31', '2026-04-01'];

describe.each(STORES)('fact reads over a wide scope (%s)', (dialect, factory) => {
  let store: Store;
  const rows: FactRow[] = [];
  const leaves: string[] = [];
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    store = await factory();
    const rand = seededRandom(25);
    await store.tx(async (tx) => {
      await tx.insertUnit({ id: 'r', name: 'R', kind: 'region', parentId: null, path: '/r/', closedAt: null });
      await tx.insertUnit({ id: 'd', name: 'D', kind: 'division', parentId: 'r', path: '/r/d/', closedAt: null });
      await tx.insertUnit({ id: 'x', name: 'X', kind: 'enhet', parentId: 'r', path: '/r/x/', closedAt: null });
      for (let v = 0; v < VOS; v++) {
        await tx.insertUnit({ id: `v${v}`, name: `V${v}`, kind: 'vo', parentId: 'd', path: `/r/d/v${v}/`, closedAt: null });
        for (let u = 0; u < UNITS_PER_VO; u++) {
          const id = `u${v}-${u}`;
          await tx.insertUnit({ id, name: id, kind: 'enhet', parentId: `v${v}`, path: `/r/d/v${v}/${id}/`, closedAt: null });
          leaves.push(id);
        }
      }
      for (const unitId of [...leaves, 'x']) {
        for (const day of DAYS) {
          if (rand() < 0.3) continue;
          const v = zeroVector('staff');
          v[fieldIndex('staff', 'planned')] = 1 + Math.floor(rand() * 20);
          v[fieldIndex('staff', 'sick')] = Math.floor(rand() * 3);
          v[fieldIndex('staff', 'shifts')] = 1;
          v[fieldIndex('staff', 'days')] = 1;
          rows.push({ family: 'staff', unitId, grain: 'd', period: day, key: '', v });
          for (const key of ['o|lakare', 'o|sjukskoterska', 's|ovrig']) {
            if (rand() < 0.4) continue;
            const b = zeroVector('bhk');
            b[fieldIndex('bhk', 'n')] = 1 + Math.floor(rand() * 5);
            b[fieldIndex('bhk', 'total')] = Math.floor(rand() * 2);
            rows.push({ family: 'bhk', unitId, grain: 'd', period: day, key, v: b });
          }
          if (rand() < 0.2) {
            const s = zeroVector('safety');
            s[fieldIndex('safety', 'evRod')] = 1;
            s[fieldIndex('safety', 'falls')] = 1;
            rows.push({ family: 'safety', unitId, grain: 'd', period: day, key: '', v: s });
          } else if (rand() < 0.3) {
            // A yellow day without a fall: no last fall.
            const s = zeroVector('safety');
            s[fieldIndex('safety', 'evGul')] = 1;
            rows.push({ family: 'safety', unitId, grain: 'd', period: day, key: '', v: s });
          }
        }
      }
      await tx.facts.write('staff', rows.filter((r) => r.family === 'staff'), 'set');
      await tx.facts.write('safety', rows.filter((r) => r.family === 'safety'), 'set');
      await tx.facts.write('bhk', rows.filter((r) => r.family === 'bhk'), 'set');
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  const inScope = (r: FactRow) => r.unitId !== 'x';
  const planned = fieldIndex('staff', 'planned');

  it('sums per unit and segment exactly the rows under the scope', async () => {
    const [march, april] = await store.facts.sumSegments('staff', '/r/d/', [
      { grain: 'd', from: '2026-03-01', to: '2026-03-31' },
      { grain: 'd', from: '2026-04-01', to: '2026-04-30' },
    ], true);
    for (const [seg, month] of [[march, '2026-03'], [april, '2026-04']] as const) {
      const want = new Map<string, number>();
      for (const r of rows) if (r.family === 'staff' && inScope(r) && r.period.startsWith(month)) want.set(r.unitId, (want.get(r.unitId) ?? 0) + (r.v[planned] as number));
      expect(new Map([...(seg ?? new Map())].map(([u, byKey]) => [u, byKey.get('')?.[planned]]))).toEqual(want);
      expect(want.size).toBeGreaterThan(SCOPE_UNITS);
    }
  });

  it('sums segments read in one statement (on PostgreSQL those that follow each other as one range, told apart by a CASE) as each one alone', async () => {
    // Out of order, three of them back to back, one apart from the rest, and a month one.
    const segments: Segment[] = [
      { grain: 'd', from: '2026-03-15', to: '2026-03-31' },
      { grain: 'd', from: '2026-03-01', to: '2026-03-01' },
      { grain: 'm', from: '2026-03', to: '2026-03' },
      { grain: 'd', from: '2026-03-02', to: '2026-03-14' },
      { grain: 'd', from: '2026-04-02', to: '2026-04-30' },
    ];
    expect(contiguousRuns(segments).map((run) => run.map((r) => r.i))).toEqual([[1, 3, 0], [4], [2]]);
    const together = await store.facts.sumSegments('staff', '/r/d/', segments, true);
    for (const [i, s] of segments.entries()) {
      const [alone] = await store.facts.sumSegments('staff', '/r/d/', [s], true);
      expect(together[i]).toEqual(alone);
      const want = new Map<string, number>();
      for (const r of rows) if (r.family === 'staff' && inScope(r) && s.grain === 'd' && r.period >= s.from && r.period <= s.to) want.set(r.unitId, (want.get(r.unitId) ?? 0) + (r.v[planned] as number));
      expect(new Map([...(together[i] ?? new Map())].map(([u, byKey]) => [u, byKey.get('')?.[planned]]))).toEqual(want);
    }
    // Rows were written as days only: the month segment finds none, the day segments some.
    expect(together[2]?.size).toBe(0);
    expect(together[1]?.size).toBeGreaterThan(SCOPE_UNITS);
    // A keyed family, by key and collapsed (its sum table), the same way.
    const n = fieldIndex('bhk', 'n');
    for (const collapse of [false, true]) {
      const bhk = await store.facts.sumSegments('bhk', '/r/d/', segments, collapse);
      for (const [i, s] of segments.entries()) {
        const want = new Map<string, Map<string, number>>();
        for (const r of rows) {
          if (r.family !== 'bhk' || !inScope(r) || s.grain !== 'd' || r.period < s.from || r.period > s.to) continue;
          const byKey = want.get(r.unitId) ?? new Map<string, number>();
          const key = collapse ? '' : r.key;
          byKey.set(key, (byKey.get(key) ?? 0) + (r.v[n] as number));
          want.set(r.unitId, byKey);
        }
        expect(new Map([...(bhk[i] ?? new Map())].map(([u, byKey]) => [u, new Map([...byKey].map(([k, v]) => [k, v[n]]))]))).toEqual(want);
      }
      expect(bhk[1]?.size).toBeGreaterThan(SCOPE_UNITS);
    }
  });

  it('with the ranges\' parts, sums per range what combineSegments makes of the segments\' sums, keyed and collapsed', async () => {
    const segments: Segment[] = [
      { grain: 'd', from: '2026-03-15', to: '2026-03-31' },
      { grain: 'd', from: '2026-03-01', to: '2026-03-01' },
      { grain: 'd', from: '2026-03-02', to: '2026-03-14' },
      { grain: 'd', from: '2026-04-01', to: '2026-04-30' },
    ];
    // A segment in three ranges (0), one with rows in none (1), a range of one segment, an empty range.
    const parts = [[2, 0], [0, 3], [2], [], [0, 2, 3]];
    for (const [family, collapse] of [['staff', true], ['bhk', false], ['bhk', true]] as const) {
      const perRange = await store.facts.sumSegments(family, '/r/d/', segments, collapse, undefined, parts);
      const combined = await combineSegments(await store.facts.sumSegments(family, '/r/d/', segments, collapse), parts);
      expect(perRange).toEqual(combined);
      expect(perRange[0]?.size).toBeGreaterThan(SCOPE_UNITS);
      expect(perRange[3]?.size).toBe(0);
    }
    // Each range owns its vectors: adding into one changes no other.
    const [first, second] = await store.facts.sumSegments('staff', '/r/d/', segments, true, undefined, [[0], [0]]);
    const unit = [...(first ?? new Map()).keys()][0] as string;
    const before = [...(second?.get(unit)?.get('') ?? [])];
    const mine = first?.get(unit)?.get('') as number[];
    mine[planned] = (mine[planned] as number) + 1000;
    expect(second?.get(unit)?.get('')).toEqual(before);
    expect(await store.facts.sumSegments('staff', '/r/d/', [], true, undefined, [[], []])).toEqual([new Map(), new Map()]);
  });

  it('reads year-to-month rows of a wide scope from their period index as of a narrow one, by unit, with the other segments', async () => {
    // c rows (kept summed over keys: key '') for every unit, the one outside the scope too.
    const rand = seededRandom(26);
    const cRows: FactRow[] = [];
    for (const unitId of [...leaves, 'x']) {
      for (const period of ['2026-02', '2026-03']) {
        if (rand() < 0.2 && unitId !== 'u1-2') continue;
        const v = zeroVector('staff');
        v[planned] = 1 + Math.floor(rand() * 50);
        cRows.push({ family: 'staff', unitId, grain: 'c', period, key: '', v });
        const b = zeroVector('bhk');
        b[fieldIndex('bhk', 'n')] = 1 + Math.floor(rand() * 50);
        cRows.push({ family: 'bhk', unitId, grain: 'c', period, key: '', v: b });
      }
    }
    await store.tx(async (tx) => {
      await tx.facts.write('staff', cRows.filter((r) => r.family === 'staff'), 'set');
      await tx.facts.write('bhk', cRows.filter((r) => r.family === 'bhk'), 'set');
    });
    try {
      const segments: Segment[] = [
        { grain: 'c', from: '2026-03', to: '2026-03' },
        { grain: 'd', from: '2026-03-01', to: '2026-03-31' },
        { grain: 'c', from: '2026-02', to: '2026-02' },
        { grain: 'c', from: '2026-01', to: '2026-01' },
      ];
      // The division and a VO (on SQLite a tenth of the units or more: the period index), one unit (its key).
      for (const [scope, within] of [
        ['/r/d/', inScope],
        ['/r/d/v0/', (r: FactRow) => r.unitId.startsWith('u0-')],
        ['/r/d/v1/u1-2/', (r: FactRow) => r.unitId === 'u1-2'],
      ] as const) {
        for (const [family, field, collapse] of [['staff', planned, true], ['bhk', fieldIndex('bhk', 'n'), true], ['bhk', fieldIndex('bhk', 'n'), false]] as const) {
          const got = await store.facts.sumSegments(family, scope, segments, collapse);
          segments.forEach((s, i) => {
            const want = new Map<string, number>();
            for (const r of [...rows, ...cRows]) {
              if (r.family !== family || !within(r) || r.grain !== s.grain || r.period < s.from || r.period.slice(0, s.to.length) > s.to) continue;
              want.set(r.unitId, (want.get(r.unitId) ?? 0) + (r.v[field] as number));
            }
            const keys = new Set([...(got[i] ?? new Map()).values()].flatMap((byKey) => [...byKey.keys()]));
            if (s.grain === 'c') expect([...keys].every((k) => k === '')).toBe(true);
            const sums = new Map([...(got[i] ?? new Map())].map(([u, byKey]) => [u, [...byKey.values()].reduce((t, v) => t + (v[field] as number), 0)]));
            expect(sums, `${scope} ${family} ${collapse} ${s.grain} ${s.from}`).toEqual(want);
          });
          expect(got[0]?.size).toBeGreaterThan(0);
          expect(got[3]?.size).toBe(0);
        }
      }
      // With the ranges' parts, as the reader asks: a c segment in two ranges, one beside a day segment.
      const parts = [[0, 1], [2], [0, 2, 3], []];
      for (const family of ['staff', 'bhk'] as const) {
        const perRange = await store.facts.sumSegments(family, '/r/d/', segments, true, undefined, parts);
        expect(perRange).toEqual(await combineSegments(await store.facts.sumSegments(family, '/r/d/', segments, true), parts));
        expect(perRange[1]?.size).toBeGreaterThan(SCOPE_UNITS);
      }
    } finally {
      await store.tx(async (tx) => {
        for (const family of ['staff', 'bhk'] as const) await tx.facts.write(family, cRows.filter((r) => r.family === family).map((r) => ({ ...r, v: zeroVector(family) })), 'set');
      });
    }
  });

  it('gives day rows, per-day sums and last falls of the scope only', async () => {
    const want = rows.filter((r) => r.family === 'staff' && inScope(r));
    const got = await store.facts.days('staff', '/r/d/', '2026-03-01', '2026-04-30', ['planned']);
    expect(listed(got, '2026-03-01', 1).sort()).toEqual(want.map((r) => `${r.unitId} ${r.period} ${r.v[planned]}`).sort());
    // Two fields in the order asked, and a family with keys (summed per day): as a device reads them from the same rows.
    const device = memoryReader(rows.filter(inScope), [], new Set(rows.filter(inScope).map((r) => r.unitId)), '2026-04-30');
    for (const [family, fields] of [['staff', ['sick', 'planned']], ['bhk', ['n', 'total']]] as const) {
      const server = listed(await store.facts.days(family, '/r/d/', '2026-03-02', '2026-04-29', fields), '2026-03-02', 2).sort();
      expect(server).toEqual(listed(await device.days(family, '2026-03-02', '2026-04-29', fields), '2026-03-02', 2).sort());
      expect(server.length).toBeGreaterThan(10);
    }
    const byDay = await store.facts.byDay('staff', '/r/d/', '2026-03-01', '2026-04-30');
    for (const day of DAYS) expect(byDay.get(day)?.[planned]).toBe(want.filter((r) => r.period === day).reduce((s, r) => s + (r.v[planned] as number), 0));
    const ranges = [
      { from: '2026-03-01', to: '2026-04-30' },
      { from: '2026-03-02', to: '2026-03-30' },
      { from: '2026-02-01', to: '2026-02-28' },
    ];
    // The division (most units: PostgreSQL reads it joined to the units) and one VO (a third: the
    // units' keys); in both, no fall of a unit outside and none outside a range.
    for (const [scope, within] of [
      ['/r/d/', inScope],
      ['/r/d/v0/', (r: FactRow) => r.unitId.startsWith('u0-')],
    ] as const) {
      const lastFalls = await store.facts.lastFalls(scope, ranges);
      const want2 = ranges.map((range) => {
        const out = new Map<string, string>();
        for (const r of rows) {
          if (r.family !== 'safety' || (r.v[fieldIndex('safety', 'falls')] as number) === 0 || !within(r) || r.period < range.from || r.period > range.to) continue;
          if ((out.get(r.unitId) ?? '') < r.period) out.set(r.unitId, r.period);
        }
        return out;
      });
      expect(lastFalls).toEqual(want2);
      expect(want2[0]?.size).toBeGreaterThan(2);
      expect(want2[1]?.size).toBeGreaterThan(2);
      expect(want2[2]?.size).toBe(0);
    }
  });

  it('looks a shared scope\'s units up once: every read after the first uses what it found', async () => {
    const scope: Scope = { path: '/r/d/' };
    const march = [{ grain: 'd' as const, from: '2026-03-01', to: '2026-03-31' }];
    const [first] = await store.facts.sumSegments('staff', scope, march, true);
    // SQLite remembers the scope's unit ids, PostgreSQL its share of all units.
    expect(dialect !== 'postgres' ? scope.ids : scope.share).toBeDefined();
    expect(first?.size).toBeGreaterThan(SCOPE_UNITS);
    expect(await store.facts.sumSegments('staff', scope, march, true)).toEqual([first]);
    if (dialect !== 'postgres') {
      // What the later reads use is what was remembered, not a new look at the units.
      scope.ids = Promise.resolve(['u0-0', 'u1-1']);
      const [narrowed] = await store.facts.sumSegments('staff', scope, march, true);
      expect([...(narrowed ?? new Map()).keys()].sort()).toEqual([...(first ?? new Map()).keys()].filter((u) => u === 'u0-0' || u === 'u1-1').sort());
      expect((await store.facts.days('staff', scope, '2026-03-01', '2026-04-30', ['planned'])).size).toBeLessThanOrEqual(2);
    } else {
      // What the later reads use is what was remembered: a share that counts its looks.
      let looks = 0;
      const known = Promise.resolve(0);
      scope.share = { then: (ok, fail) => ((looks += 1), known.then(ok, fail)) } as Promise<number>;
      // A share under a half walks the units' keys instead of the period index: the same sums.
      expect(await store.facts.sumSegments('staff', scope, march, true)).toEqual([first]);
      expect(await store.facts.byDay('staff', scope, '2026-03-01', '2026-04-30')).toEqual(await store.facts.byDay('staff', '/r/d/', '2026-03-01', '2026-04-30'));
      expect(looks).toBe(2);
    }
  });

  it('a reader gives all its reads one scope', async () => {
    const seen: unknown[] = [];
    // The store's fact reads, each noting the scope it was given.
    const facts = new Proxy(store.facts, {
      get: (target, name, receiver) => {
        const f = Reflect.get(target, name, receiver) as unknown;
        if (typeof f !== 'function') return f;
        return (...args: unknown[]) => {
          seen.push(name === 'lastFalls' || name === 'hrMonths' ? args[0] : args[1]);
          return (f as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const reader = sqlFactReader({ facts }, '/r/d/', '2026-04-30');
    await reader.sums('staff', [{ from: '2026-03-01', to: '2026-03-31' }], true);
    await reader.days('staff', '2026-03-01', '2026-03-31', ['planned']);
    await reader.byDay('staff', '2026-03-01', '2026-03-31');
    await reader.lastFalls([{ from: '2026-03-01', to: '2026-03-31' }]);
    await reader.hrMonths('2026-03', '2026-03');
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatchObject({ path: '/r/d/' });
  });
});
