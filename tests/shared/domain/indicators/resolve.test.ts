/** Definitions in force per level: defaults, then rows from the top down, nearest field wins. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATOR_KEYS, resolveDef, resolveDefs } from '../../../../src/shared/domain/indicators';
import { row, TREE } from './fixtures';

const keys = (defs: { key: string }[]) => defs.map((d) => d.key);

describe('resolveDefs', () => {
  it('gives the nine built-in indicators in catalogue order without any rows', () => {
    const defs = resolveDefs([], TREE, 'avd1');
    expect(keys(defs)).toEqual([...DEFAULT_INDICATOR_KEYS]);
    expect(keys(defs)).toEqual(['bhkTotal', 'bhkHygiene', 'bhkDress', 'bhkQuota', 'harmDays', 'daysSinceFall', 'greenShare', 'sickShare', 'hrKvot']);
    expect(defs[0]).toMatchObject({ name: { sv: 'BHK total följsamhet' }, target: { op: 'gte', value: 100 }, minN: 10, builtIn: true });
    expect(defs.find((d) => d.key === 'sickShare')?.target).toEqual({ op: 'decrease' });
  });

  it('lets a lower level override single fields; the nearest row wins, other fields inherit', () => {
    const rows = [
      row('region', 'bhkTotal', { target: { op: 'gte', value: 95 }, minN: 20 }),
      row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } }),
      row('avd2', 'bhkTotal', { target: { op: 'gte', value: 80 } }),
    ];
    expect(resolveDef(rows, TREE, 'region', 'bhkTotal')).toMatchObject({ target: { value: 95 }, minN: 20 });
    expect(resolveDef(rows, TREE, 'vo1', 'bhkTotal')).toMatchObject({ target: { value: 90 }, minN: 20 });
    expect(resolveDef(rows, TREE, 'avd1', 'bhkTotal')).toMatchObject({ target: { value: 90 }, minN: 20 });
    expect(resolveDef(rows, TREE, 'avd2', 'bhkTotal')).toMatchObject({ target: { value: 80 }, minN: 20 });
    // Row order does not matter.
    expect(resolveDef([...rows].reverse(), TREE, 'avd2', 'bhkTotal')).toEqual(resolveDef(rows, TREE, 'avd2', 'bhkTotal'));
  });

  it('ignores rows off the path (a sibling\'s target is not mine)', () => {
    const rows = [row('vo2', 'bhkTotal', { target: { op: 'gte', value: 50 } })];
    expect(resolveDef(rows, TREE, 'avd1', 'bhkTotal')?.target).toEqual({ op: 'gte', value: 100 });
  });

  it('target null removes the target at that level and below', () => {
    const rows = [row('vo1', 'greenShare', { target: null })];
    expect(resolveDef(rows, TREE, 'avd1', 'greenShare')?.target).toBeNull();
    expect(resolveDef(rows, TREE, 'div', 'greenShare')?.target).toEqual({ op: 'gte', value: 90 });
  });

  it('hides an indicator at a level and below; a lower row may show it again', () => {
    const rows = [row('div', 'hrKvot', { hidden: true }), row('avd2', 'hrKvot', { hidden: false })];
    expect(keys(resolveDefs(rows, TREE, 'region'))).toContain('hrKvot');
    expect(keys(resolveDefs(rows, TREE, 'div'))).not.toContain('hrKvot');
    expect(keys(resolveDefs(rows, TREE, 'avd1'))).not.toContain('hrKvot');
    expect(resolveDef(rows, TREE, 'avd1', 'hrKvot')).toBeNull();
    expect(resolveDef(rows, TREE, 'avd1', 'hrKvot', true)?.key).toBe('hrKvot');
    expect(keys(resolveDefs(rows, TREE, 'avd2'))).toContain('hrKvot');
  });

  it('orders by `order`, then key', () => {
    const rows = [row('region', 'hrKvot', { order: 0 }), row('region', 'bhkTotal', { order: 5 })];
    expect(keys(resolveDefs(rows, TREE, 'div')).slice(0, 3)).toEqual(['hrKvot', 'bhkTotal', 'bhkHygiene']);
  });

  it('leaves out a custom indicator until name, source, unit and direction are on the path', () => {
    const incomplete = [row('region', 'riskDays', { nameSv: 'Dagar med risk', source: { kind: 'count', metric: 'safetyRiskDays' } })];
    expect(keys(resolveDefs(incomplete, TREE, 'avd1'))).not.toContain('riskDays');
    expect(resolveDef(incomplete, TREE, 'avd1', 'riskDays')).toBeNull();
    // The rest given lower down completes it there (and only there).
    const complete = [...incomplete, row('vo1', 'riskDays', { unit: 'count', direction: 'lower', target: { op: 'lte', value: 2 } })];
    expect(keys(resolveDefs(complete, TREE, 'div'))).not.toContain('riskDays');
    const def = resolveDef(complete, TREE, 'avd1', 'riskDays');
    expect(def).toMatchObject({
      key: 'riskDays',
      name: { sv: 'Dagar med risk', en: 'Dagar med risk' },
      source: { kind: 'count', metric: 'safetyRiskDays' },
      unit: 'count',
      direction: 'lower',
      target: { op: 'lte', value: 2 },
      builtIn: false,
      period: 'month',
      compare: 'lastYear',
      tolerance: { kind: 'relative', value: 5 },
    });
    expect(keys(resolveDefs(complete, TREE, 'avd1')).at(-1)).toBe('riskDays');
  });
});
