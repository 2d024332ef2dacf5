/**
 * The server reads day rows of UNKEYED_FAMILIES as stored, without grouping (fact-ops days):
 * that is exact only while every contribution of those families has the key ''. Checked on every
 * kind of row that contributes to them, and the families with keys are not in the set.
 */
import { describe, expect, it } from 'vitest';
import { contributionsOf } from '../../../src/shared/domain/facts/contrib';
import { FAMILY_NAMES, UNKEYED_FAMILIES } from '../../../src/shared/domain/facts/families';
import type { BedsDay } from '../../../src/shared/schema/beds-day';
import type { SafetyDay } from '../../../src/shared/schema/safety-day';
import type { SafetyEvent } from '../../../src/shared/schema/safety-event';
import type { StaffingShift } from '../../../src/shared/schema/staffing-shift';
import { ENTITY_SAMPLES } from '../../fixtures/samples';

describe('families without keys', () => {
  it('every contribution of a family in UNKEYED_FAMILIES has the key ""; bhk and safetyCat have keys', () => {
    const contributions = contributionsOf({
      bhk: [],
      events: [ENTITY_SAMPLES.safetyEvent as unknown as SafetyEvent, { ...(ENTITY_SAMPLES.safetyEvent as unknown as SafetyEvent), id: 'ev-2', severity: 'rod' } as SafetyEvent],
      days: [ENTITY_SAMPLES.safetyDay as unknown as SafetyDay],
      shifts: [ENTITY_SAMPLES.staffingShift as unknown as StaffingShift],
      beds: [ENTITY_SAMPLES.bedsDay as unknown as BedsDay],
    });
    const families = new Set(contributions.map((c) => c.family));
    for (const f of UNKEYED_FAMILIES) expect(families.has(f), f).toBe(true);
    for (const c of contributions) if (UNKEYED_FAMILIES.has(c.family)) expect(c.key, c.family).toBe('');
    expect(contributions.some((c) => c.family === 'safetyCat' && c.key !== '')).toBe(true);
    expect(FAMILY_NAMES.filter((f) => !UNKEYED_FAMILIES.has(f)).sort()).toEqual(['bhk', 'safetyCat']);
  });
});
