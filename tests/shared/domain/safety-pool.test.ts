/**
 * Gröna korset's roll-up as the server's route computes it (issue 17): each unit's month counted
 * from a grid of its day facts into a pool (one array a month), pooled up the tree and written in
 * the form asked. It must say exactly what the reference over raw rows says (safetyRollupNodes:
 * day records a unit), and each form exactly what the forms made from the full answer say.
 */
import { describe, expect, it } from 'vitest';
import { compactSafetyRollup, packSafetyRollup, type SafetyRollupResponse, safetyRollupAnswer } from '../../../src/shared/api-safety';
import { factsOfRows } from '../../../src/shared/domain/facts/contrib';
import { memoryReader } from '../../../src/shared/domain/facts/reader';
import { addDays, daysInMonth } from '../../../src/shared/domain/periods';
import { seededRandom } from '../../../src/shared/domain/random';
import type { TreeUnit } from '../../../src/shared/domain/rollup';
import { safetyPoolViewsOf, safetyRollupNodes, safetyRollupOf } from '../../../src/shared/domain/safety-rollup';
import type { SafetyDay } from '../../../src/shared/schema/safety-day';
import type { SafetyEvent } from '../../../src/shared/schema/safety-event';
import { day, event } from './safety-fixtures';

const SEVERITIES = ['gul', 'orange', 'rod'] as const;
const CATEGORIES = ['fall', 'vri', 'trycksar'] as const;

/** A region of two VOs with units (one closed), a level with a cross of its own, and random days around `month`. */
function region(rand: () => number, month: string) {
  const units: TreeUnit[] = [
    { id: 'r', parentId: null, kind: 'division', name: 'R', closedAt: null },
    { id: 'v1', parentId: 'r', kind: 'vo', name: 'V1', closedAt: null },
    { id: 'v2', parentId: 'r', kind: 'vo', name: 'V2', closedAt: null },
  ] as TreeUnit[];
  for (let i = 0; i < 7; i++) units.push({ id: `u${i}`, parentId: i < 4 ? 'v1' : 'v2', kind: 'enhet', name: `U${i}`, closedAt: i === 6 ? '2026-01-01T00:00:00Z' : null } as TreeUnit);
  const days: SafetyDay[] = [];
  const events: SafetyEvent[] = [];
  const first = `${month}-01`;
  for (const u of units) {
    // A day before the month and one after it: never counted.
    for (let i = -1; i <= daysInMonth(month); i++) {
      const date = addDays(first, i);
      if (rand() < 0.6) days.push(day(u.id, date, rand() < 0.9));
      const n = rand() < 0.15 ? 1 + Math.floor(rand() * 3) : 0;
      for (let k = 0; k < n; k++) {
        events.push(event(u.id, date, { severity: SEVERITIES[Math.floor(rand() * 3)], category: CATEGORIES[Math.floor(rand() * 3)] }));
      }
    }
  }
  return { units, days, events };
}

describe('Gröna korset pooled from facts', () => {
  it('is the reference over raw rows, in every form, for random months and todays', async () => {
    const rand = seededRandom(2026);
    for (const [month, today] of [
      ['2026-02', '2026-02-14'],
      ['2026-11', '2026-12-07'],
      ['2024-02', '2024-02-29'],
      ['2026-12', '2026-12-01'],
      ['2027-01', '2026-12-07'],
    ] as const) {
      const { units, days, events } = region(rand, month);
      const reader = memoryReader(factsOfRows({ bhk: [], events, days, shifts: [], beds: [] }), [], new Set(units.map((u) => u.id)), today);
      for (const rootId of ['r', 'v2', 'u3']) {
        const reference = safetyRollupNodes(units, rootId, month, today, events, days);
        expect(reference.length).toBeGreaterThan(0);
        expect(await safetyRollupOf(reader, units, rootId, month, today)).toEqual(reference);
        const pooled = { month, rootId, today, nodes: await safetyPoolViewsOf(reader, units, rootId, month, today) };
        const full = { month, rootId, today, nodes: reference } as SafetyRollupResponse;
        // As JSON, byte for byte: what the route sends.
        expect(JSON.stringify(await safetyRollupAnswer(pooled, undefined))).toBe(JSON.stringify(full));
        expect(JSON.stringify(await safetyRollupAnswer(pooled, 'compact'))).toBe(JSON.stringify(await compactSafetyRollup(full)));
        expect(JSON.stringify(await safetyRollupAnswer(pooled, 'packed'))).toBe(JSON.stringify(await packSafetyRollup(full)));
      }
    }
  });
});
