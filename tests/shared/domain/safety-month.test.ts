import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TreeUnit } from '../../../src/shared/domain/rollup';
import {
  addSafetyCounts,
  addSafetyCountsInto,
  emptySafetyCounts,
  safetyFigures,
  unitMonthCounts,
  unitMonthStatuses,
  worstOfDay,
} from '../../../src/shared/domain/safety-month';
import { confirmedDates, safetyRollup, safetyRollupNodes } from '../../../src/shared/domain/safety-rollup';
import { day, event } from './safety-fixtures';

const MONTH = '2026-11';
const TODAY = '2026-11-05';

describe('a unit month', () => {
  const events = [event('u1', '2026-11-02', { severity: 'orange' }), event('u1', '2026-11-02', { severity: 'gul', category: 'vri' }), event('u1', '2026-11-03')];
  const confirmed = confirmedDates([day('u1', '2026-11-01'), day('u1', '2026-11-03'), day('u1', '2026-11-04', false)]);

  it('derives each day: green, worst event, ej ifylld, today open, future blank', () => {
    const statuses = unitMonthStatuses(MONTH, TODAY, events, confirmed);
    expect(statuses.slice(0, 7)).toEqual(['gron', 'orange', 'gul', 'ej_ifylld', 'idag', 'framtid', 'framtid']);
    expect(statuses).toHaveLength(30);
  });

  it('counts one status per due day and the month’s events by category and severity', () => {
    const c = unitMonthCounts({ month: MONTH, today: TODAY, events, confirmed, expected: true });
    expect(c.days.slice(0, 6)).toEqual([
      { gron: 1, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 },
      { gron: 0, gul: 0, orange: 1, rod: 0, ej_ifylld: 0, idag: 0 },
      { gron: 0, gul: 1, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 },
      { gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 1, idag: 0 },
      { gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 1 },
      { gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 },
    ]);
    expect(c.events).toEqual({ fall: { gul: 1, orange: 1, rod: 0 }, vri: { gul: 1, orange: 0, rod: 0 } });
    const f = safetyFigures(c);
    expect(f).toMatchObject({ filledDays: 3, dueDays: 4, unfilledDays: 1, greenDays: 1, harmDays: 1, riskDays: 1 });
    expect(f.greenShare).toEqual({ num: 1, den: 4, pct: 25 });
    expect(f.completeness).toEqual({ num: 3, den: 4, pct: 75 });
    expect(f.events).toEqual({ gul: 2, orange: 1, rod: 0, total: 3 });
    expect(f.byCategory.map((x) => [x.category, x.total])).toEqual([['fall', 2], ['vri', 1]]);
  });

  it('a unit not expected to report counts only what it filled', () => {
    const c = unitMonthCounts({ month: MONTH, today: TODAY, events, confirmed, expected: false });
    expect(safetyFigures(c)).toMatchObject({ filledDays: 3, dueDays: 3, unfilledDays: 0 });
    expect(c.days[4]).toEqual({ gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 });
  });

  it('ignores events of other months', () => {
    const c = unitMonthCounts({ month: MONTH, today: TODAY, events: [event('u1', '2026-10-31')], confirmed: new Set(), expected: true });
    expect(c.events).toEqual({});
  });
});

describe('pooling', () => {
  it('the worst of a day across units: red > orange > yellow > unfilled > open > green', () => {
    const d = (o: Partial<Record<string, number>>) => ({ gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0, ...o });
    expect(worstOfDay(d({ gron: 9, gul: 1 }))).toBe('gul');
    expect(worstOfDay(d({ gron: 9, ej_ifylld: 1 }))).toBe('ej_ifylld');
    expect(worstOfDay(d({ gron: 9, idag: 2 }))).toBe('idag');
    expect(worstOfDay(d({ gul: 3, rod: 1, orange: 2 }))).toBe('rod');
    expect(worstOfDay(d({ gron: 11 }))).toBe('gron');
    expect(worstOfDay(d({}))).toBeNull();
  });

  it('addSafetyCounts is commutative and associative, with the empty month as identity; addSafetyCountsInto adds the same in place', () => {
    const counts = fc.record({
      days: fc.array(
        fc.record({ gron: fc.nat(5), gul: fc.nat(5), orange: fc.nat(5), rod: fc.nat(5), ej_ifylld: fc.nat(5), idag: fc.nat(5) }),
        { minLength: 30, maxLength: 30 },
      ),
      events: fc.dictionary(fc.constantFrom('fall', 'vri', 'Egen kategori'), fc.record({ gul: fc.nat(5), orange: fc.nat(5), rod: fc.nat(5) })),
    });
    fc.assert(
      fc.property(counts, counts, counts, (a, b, c) => {
        expect(addSafetyCounts(a, b)).toEqual(addSafetyCounts(b, a));
        expect(addSafetyCounts(addSafetyCounts(a, b), c)).toEqual(addSafetyCounts(a, addSafetyCounts(b, c)));
        const withEmpty = addSafetyCounts(a, emptySafetyCounts(MONTH));
        expect(withEmpty.days).toEqual(a.days);
        expect(safetyFigures(withEmpty)).toEqual(safetyFigures(a));
        // In place (a pool's running total): the same sum, into the first record only.
        const bBefore = structuredClone(b);
        const into = structuredClone(a);
        expect(addSafetyCountsInto(into, b)).toBe(into);
        expect(into).toEqual(addSafetyCounts(a, b));
        expect(b).toEqual(bBefore);
      }),
    );
  });
});

describe('roll-up over the tree', () => {
  const u = (id: string, parentId: string | null, kind: TreeUnit['kind'] = 'enhet', closedAt: string | null = null): TreeUnit => ({ id, parentId, kind, name: id, closedAt });
  const TREE = [u('D', null, 'division'), u('V1', 'D', 'vo'), u('V2', 'D', 'vo'), u('A', 'V1'), u('B', 'V1'), u('C', 'V2'), u('X', 'V2', 'enhet', '2026-10-01T00:00:00Z')];

  it('pools units: per day worst colour, harm days and events by category, completeness per unit', () => {
    const events = [event('A', '2026-11-02', { severity: 'rod' }), event('B', '2026-11-02', { category: 'vri' }), event('C', '2026-11-01', { severity: 'orange', category: 'trycksar' })];
    const days = [day('A', '2026-11-01'), day('B', '2026-11-01'), day('B', '2026-11-03'), day('A', '2026-11-03'), day('C', '2026-11-03')];
    const nodes = safetyRollup(TREE, 'D', MONTH, '2026-11-03', events, days);
    const root = nodes.get('D')!;
    expect(root.expected).toBe(3); // X is closed and not expected
    expect(root.reporting).toBe(3);
    expect(root.counts.days.slice(0, 3).map(worstOfDay)).toEqual(['orange', 'rod', 'gron']);
    const f = safetyFigures(root.counts);
    expect(f).toMatchObject({ harmDays: 2, riskDays: 1, greenDays: 5, dueDays: 9, filledDays: 8 });
    expect(root.counts.events).toEqual({ fall: { gul: 0, orange: 0, rod: 1 }, vri: { gul: 1, orange: 0, rod: 0 }, trycksar: { gul: 0, orange: 1, rod: 0 } });
    expect(safetyFigures(nodes.get('V1')!.counts).completeness).toEqual({ num: 6, den: 6, pct: 100 });
    expect(safetyFigures(nodes.get('C')!.counts).completeness).toEqual({ num: 2, den: 3, pct: (2 / 3) * 100 });
    // The closed unit counts nothing it did not fill.
    expect(safetyFigures(nodes.get('X')!.counts).dueDays).toBe(0);
    // Pooling adds into each level's own record only: every unit keeps its own month, and each
    // level is the plain sum of its children (a sum written out here, not the pool's adder).
    for (const id of ['A', 'B', 'C']) {
      const alone = unitMonthCounts({ month: MONTH, today: '2026-11-03', events: events.filter((e) => e.unitId === id), confirmed: confirmedDates(days.filter((d) => d.unitId === id)), expected: true });
      expect(nodes.get(id)!.counts).toEqual(alone);
    }
    const sum = (ids: string[]) => nodes.get(ids[0]!)!.counts.days.map((_, i) => ids.reduce((n, id) => n + nodes.get(id)!.counts.days[i]!.rod + nodes.get(id)!.counts.days[i]!.gron, 0));
    expect(nodes.get('V1')!.counts.days.map((d) => d.rod + d.gron)).toEqual(sum(['A', 'B']));
    expect(root.counts.days.map((d) => d.rod + d.gron)).toEqual(sum(['V1', 'V2']));
  });

  it('resolves corrections per unit: a voided event leaves the day unfilled', () => {
    const original = event('A', '2026-11-02', { severity: 'rod' });
    const voided = event('A', '2026-11-02', { severity: 'rod', replaces: original.id, voided: true, createdAt: '2026-11-02T09:00:00.000Z' });
    const nodes = safetyRollup(TREE, 'A', MONTH, '2026-11-03', [original, voided], []);
    expect(nodes.get('A')!.counts.days[1]).toMatchObject({ rod: 0, ej_ifylld: 1 });
  });

  it('nodes come parent first with names and leaf flags; the root of a subtree only covers it', () => {
    const nodes = safetyRollupNodes(TREE, 'V1', MONTH, '2026-11-03', [event('C', '2026-11-02')], []);
    expect(nodes.map((n) => [n.unitId, n.leaf])).toEqual([['V1', false], ['A', true], ['B', true]]);
    expect(nodes[0]!.counts.events).toEqual({});
    expect(safetyRollupNodes(TREE, 'nope', MONTH, '2026-11-03', [], [])).toEqual([]);
  });
});
