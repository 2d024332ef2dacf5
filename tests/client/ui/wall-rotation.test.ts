/** The wall screen's rotation schedule (issue 14): what an address asks for, and which view shows when. */
import { describe, expect, it } from 'vitest';
import { parseWallConfig, rotates, viewAt, WALL_SECONDS, wallViews } from '../../../src/client/features/meeting/wall-rotation';

const inScope = (id: string) => ['avd-21', 'avd-22', 'avd-23'].includes(id);

describe('parseWallConfig', () => {
  it.each([
    ['nothing: the wall of one unit, all of it, 30 s', {}, { units: ['avd-21'], boards: ['alla'], seconds: 30 }],
    ['two units and two boards', { enheter: 'avd-22,avd-23', tavlor: 'hygien,korset', sek: '20' }, { units: ['avd-22', 'avd-23'], boards: ['hygien', 'korset'], seconds: 20 }],
    ['units outside the scope, unknown boards and repeats are left out', { enheter: 'avd-22, vo-kir ,avd-22,bad id!', tavlor: 'korset,tvätt,korset' }, { units: ['avd-22'], boards: ['korset'], seconds: 30 }],
    ['no unit left: the fallback unit', { enheter: 'vo-kir' }, { units: ['avd-21'], boards: ['alla'], seconds: 30 }],
    ['seconds are clamped to 5 … 3600', { sek: '1' }, { units: ['avd-21'], boards: ['alla'], seconds: WALL_SECONDS.min }],
    ['an hour at most', { sek: '999999' }, { units: ['avd-21'], boards: ['alla'], seconds: WALL_SECONDS.max }],
    ['not a number: the default', { sek: '20s' }, { units: ['avd-21'], boards: ['alla'], seconds: 30 }],
  ] as const)('%s', (_label, query, expected) => {
    expect(parseWallConfig(query, 'avd-21', inScope)).toEqual(expected);
  });
});

describe('the schedule', () => {
  const cfg = parseWallConfig({ enheter: 'avd-21,avd-22', tavlor: 'alla,korset', sek: '10' }, 'avd-21', inScope);

  it('units × boards, unit by unit', () => {
    expect(wallViews(cfg)).toEqual([
      { unitId: 'avd-21', board: 'alla' },
      { unitId: 'avd-21', board: 'korset' },
      { unitId: 'avd-22', board: 'alla' },
      { unitId: 'avd-22', board: 'korset' },
    ]);
    expect(rotates(cfg)).toBe(true);
  });

  it('one view per interval of the clock, round and round; the wait is to the next boundary', () => {
    const t0 = 1_800_000_000_000; // a multiple of 40 s: slot 45,000,000 → index 0
    expect(viewAt(cfg, t0)).toEqual({ view: { unitId: 'avd-21', board: 'alla' }, index: 0, count: 4, nextInMs: 10_000 });
    expect(viewAt(cfg, t0 + 9_999)).toMatchObject({ index: 0, nextInMs: 1 });
    expect(viewAt(cfg, t0 + 10_000)).toMatchObject({ view: { unitId: 'avd-21', board: 'korset' }, index: 1, nextInMs: 10_000 });
    expect(viewAt(cfg, t0 + 25_000)).toMatchObject({ view: { unitId: 'avd-22', board: 'alla' }, index: 2, nextInMs: 5_000 });
    expect(viewAt(cfg, t0 + 30_000).index).toBe(3);
    expect(viewAt(cfg, t0 + 40_000).index).toBe(0);
  });

  it('the same address shows the same view on every screen at the same time (no state)', () => {
    const at = 1_765_000_123_456;
    expect(viewAt(parseWallConfig({ enheter: 'avd-21,avd-22', tavlor: 'alla,korset', sek: '10' }, 'avd-23', inScope), at)).toEqual(viewAt(cfg, at));
  });

  it('a single view never changes', () => {
    const one = parseWallConfig({}, 'avd-21', inScope);
    expect(rotates(one)).toBe(false);
    expect(viewAt(one, 123)).toEqual({ view: { unitId: 'avd-21', board: 'alla' }, index: 0, count: 1, nextInMs: Infinity });
  });
});
