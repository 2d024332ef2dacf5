/**
 * A reported value's id names its unit, measure and period (`reportedValue:<unit>:<measure>:<period>`).
 * A unit id may hold ':' (ids.ts): the id is read from the right, so every reader of it (the push's
 * fact address, the device's drop of superseded rows) finds the same unit.
 */
import { describe, expect, it } from 'vitest';
import { ownsReportedValueId, reportedValueAddress, reportedValueIdFor, reportedValueParts } from '../../../src/shared/schema/reported-value';

describe('a reported value\'s id', () => {
  it('gives back its unit, measure and period, also for a unit id with colons', () => {
    for (const unitId of ['avd-21', 'SE2321000016:avd:21', 'a:b']) {
      for (const period of ['2026', '2026-03', '2026-T2']) {
        const id = reportedValueIdFor(unitId, 'waitShare', period);
        expect(reportedValueParts(id)).toEqual({ unitId, measure: 'waitShare', period });
        expect(reportedValueAddress(id, unitId)).toEqual({ measure: 'waitShare', period });
        expect(ownsReportedValueId(id, unitId)).toBe(true);
      }
    }
  });

  it('is no value\'s id when a part is missing or malformed, or for another unit', () => {
    const id = reportedValueIdFor('a:b', 'waitShare', '2026-03');
    expect(reportedValueAddress(id, 'a')).toBeNull();
    expect(reportedValueAddress(id, 'b')).toBeNull();
    expect(ownsReportedValueId(id, 'a')).toBe(false);
    for (const bad of ['reportedValue:waitShare:2026-03', 'reportedValue::waitShare:2026-03', 'reportedValue:u1:waitShare:2026-13', 'reportedValue:u1:1bad:2026', 'indicator:u1:waitShare:2026', 'reportedValue:u1:waitShare']) {
      expect(reportedValueParts(bad)).toBeNull();
    }
  });
});
