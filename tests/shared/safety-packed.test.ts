import { describe, expect, it } from 'vitest';
import { DAY_FIELDS, expandSafetyRollup, packSafetyRollup, PackedSafetyRollupResponse, type SafetyRollupResponse } from '../../src/shared/api-safety';
import { seededRandom } from '../../src/shared/domain/random';
import type { UnitId } from '../../src/shared/schema/ids';

type Day = SafetyRollupResponse['nodes'][number]['counts']['days'][number];
const zero = (): Day => ({ gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 });

function node(id: string, leaf: boolean, days: Day[]): SafetyRollupResponse['nodes'][number] {
  const unitId = id as UnitId;
  return { unitId, name: id, kind: leaf ? 'enhet' : 'vo', parentId: leaf ? ('vo' as UnitId) : null, closed: false, leaf, counts: { days, events: { fall: { gul: 0, orange: 1, rod: 0 } } }, reporting: 1, expected: 1 };
}

describe('the packed Gröna korset roll-up', () => {
  it('says exactly what the full answer says, whatever the days hold', async () => {
    const rand = seededRandom(7);
    for (const length of [28, 29, 30, 31]) {
      // A unit's own cross (one status or none a day, today among them), a level's pooled counts,
      // and a "leaf" whose day holds two ones: only the first kind becomes characters.
      const own = Array.from({ length }, (_, i) => {
        const d = zero();
        const at = Math.floor(rand() * (DAY_FIELDS.length + 1));
        if (at < DAY_FIELDS.length && i < length - 3) d[DAY_FIELDS[at] as keyof Day] = 1;
        return d;
      });
      const pooled = Array.from({ length }, () => ({ gron: Math.floor(rand() * 9), gul: 1, orange: 0, rod: 2, ej_ifylld: 0, idag: 0 }));
      const twice = own.map((d, i) => (i === 3 ? { ...d, gron: 1, idag: 1 } : d));
      const full: SafetyRollupResponse = { month: '2026-02', rootId: 'vo' as UnitId, today: '2026-12-06', nodes: [node('vo', false, pooled), node('u1', true, own), node('u2', true, twice)] };
      const packed = PackedSafetyRollupResponse.parse(JSON.parse(JSON.stringify(await packSafetyRollup(full))));
      expect(packed.nodes.map((n) => typeof n.counts.days)).toEqual(['object', 'string', 'object']);
      expect((packed.nodes[1]?.counts.days as string).length).toBe(length);
      expect(expandSafetyRollup(packed)).toEqual(full);
    }
  });

  it('keeps the tuples of a day adding up to one without a single one (not whole counts)', async () => {
    const days = Array.from({ length: 30 }, () => ({ gron: 0.5, gul: 0.5, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 }));
    const full: SafetyRollupResponse = { month: '2026-11', rootId: 'u1' as UnitId, today: '2026-12-06', nodes: [node('u1', true, days)] };
    expect((await packSafetyRollup(full)).nodes[0]?.counts.days).toEqual(days.map(() => [0.5, 0.5, 0, 0, 0, 0]));
  });

  it('refuses days that are not one character a day', () => {
    const bad = (days: string) =>
      PackedSafetyRollupResponse.safeParse({ month: '2026-02', rootId: 'u1', today: '2026-12-06', form: 'packed', nodes: [{ ...node('u1', true, []), counts: { days, events: {} } }] }).success;
    expect(bad('0'.repeat(28))).toBe(true);
    expect(bad('0'.repeat(27))).toBe(false);
    expect(bad('0'.repeat(32))).toBe(false);
    expect(bad(`${'0'.repeat(27)}6`)).toBe(false);
    // Unchecked, a wrong character is an error, not an empty day.
    const unchecked = { month: '2026-02', rootId: 'u1', today: '2026-12-06', form: 'packed', nodes: [{ ...node('u1', true, []), counts: { days: `${'0'.repeat(27)}9`, events: {} } }] };
    expect(() => expandSafetyRollup(unchecked as unknown as PackedSafetyRollupResponse)).toThrow(/names no status/);
  });
});
