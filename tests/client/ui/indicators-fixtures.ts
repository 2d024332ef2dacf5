/** Small hand-written indicator reports and series for the view-model tests (tests only). */
import type { UnitId } from '../../../src/shared/schema/ids';
import type { IndicatorCell, IndicatorDef, IndicatorNode, IndicatorReport, IndicatorSeries, IndicatorStatus, SeriesPoint } from '../../../src/shared/indicators-api';

export const uid = (s: string): UnitId => s as UnitId;

export function def(key: string, over: Partial<IndicatorDef> = {}): IndicatorDef {
  return {
    key,
    name: { sv: `Namn ${key}`, en: `Name ${key}` },
    perspective: 'medborgare',
    source: { kind: 'ratio', num: 'bhkCorrect', den: 'bhkObserved' },
    unit: 'pct',
    direction: 'higher',
    target: { op: 'gte', value: 90 },
    longTermTarget: null,
    tolerance: { kind: 'relative', value: 5 },
    minN: 10,
    period: 'month',
    compare: 'lastYear',
    order: 0,
    builtIn: true,
    ...over,
  };
}

export function node(id: string, parentId: string | null, name: string, depth: number, kind: IndicatorNode['kind'] = 'enhet'): IndicatorNode {
  return { id: uid(id), parentId: parentId === null ? null : uid(parentId), kind, name, depth };
}

export function cell(unitId: string, key: string, status: IndicatorStatus, value: number | null = 50, over: Partial<IndicatorCell> = {}): IndicatorCell {
  return {
    unitId: uid(unitId), key, value, num: null, den: null, n: 20, valueK: null, valueM: null, comparePeriod: '2025-11', compareValue: null, compareK: null, compareM: null,
    status, trend: 'none', improving: null, target: { op: 'gte', value: 90 }, reporting: 1, expected: 1, ...over,
  };
}

/** div → vo-a (u1, u2), vo-b (u3); two indicators a (medborgare), b (medarbetare). */
export function report(statuses: Record<string, [IndicatorStatus, IndicatorStatus]>): IndicatorReport {
  const nodes = [
    node('div', null, 'Division', 0, 'division'),
    node('vo-a', 'div', 'VO A', 1, 'vo'),
    node('u1', 'vo-a', 'Enhet 1', 2),
    node('u2', 'vo-a', 'Enhet 2', 2),
    node('vo-b', 'div', 'VO B', 1, 'vo'),
    node('u3', 'vo-b', 'Enhet 3', 2),
  ];
  const defs = [def('b', { perspective: 'medarbetare', order: 1 }), def('a', { order: 0 })];
  const cells = nodes.flatMap((n) => {
    const [sa, sb] = statuses[n.id] ?? ['met', 'met'];
    return [cell(n.id, 'a', sa), cell(n.id, 'b', sb)];
  });
  return { rootId: uid('div'), period: '2026-11', defs, nodes, cells, computedAt: '2026-11-20T08:00:00.000Z' };
}

export function series(values: (number | null)[], over: Partial<IndicatorSeries> = {}): IndicatorSeries {
  const points: SeriesPoint[] = values.map((value, i) => ({
    period: `2026-${String(i + 1).padStart(2, '0')}`,
    value,
    n: value === null ? 0 : 12,
    status: value === null ? 'unmeasurable' : 'met',
    targetValue: 90,
  }));
  return { unitId: uid('div'), key: 'a', def: def('a'), points, median: 50, signals: [], computedAt: '2026-11-20T08:00:00.000Z', ...over };
}
