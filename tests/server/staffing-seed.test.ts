/** The demo's staffing data: valid, accepted in full by the sync path, and shaped like real use. */
import { describe, expect, it } from 'vitest';
import { addDays, localDate, previousPeriod } from '../../src/shared/domain/periods';
import { BedsDay } from '../../src/shared/schema/beds-day';
import { HrMonth } from '../../src/shared/schema/hr-month';
import { Indicator } from '../../src/shared/schema/indicator';
import { sickTargetPct } from '../../src/shared/domain/indicators/board-goal';
import type { TreeUnit } from '../../src/shared/domain/rollup';
import { StaffingSettings } from '../../src/shared/schema/staffing-settings';
import { StaffingShift } from '../../src/shared/schema/staffing-shift';
import { NOW, useSeededDemo } from './helpers';
import { publicData } from '../../src/shared/sync/merge';

const store = useSeededDemo();

const today = localDate(NOW);
const STAFFING = ['staffingShift', 'hrMonth', 'bedsDay', 'staffingSettings'];

describe('staffing demo seed', () => {
  it('every change was accepted: rows in the change log and no rejections', async () => {
    const logged = (await store().pullChanges('/', 0, 100_000)).filter((c) => STAFFING.includes(c.entity));
    const device = await store().getDevice((await store().auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device).toMatchObject({ lastSeq: logged.length, label: 'Demodata bemanning' });
    expect(device?.revokedAt).not.toBeNull();
    expect(await store().listRejections(device!.id, 1, logged.length)).toEqual([]);
  });

  it('about ten weeks of valid shifts with gaps; Avdelning 21 leaves today for the demo', async () => {
    const rows = await store().listRows('staffingShift', '/', addDays(today, -75), today);
    expect(rows.length).toBeGreaterThan(1500);
    for (const r of rows) expect(StaffingShift.safeParse(publicData(r)).success).toBe(true);
    expect(rows.some((r) => r.unitId === 'avd-21' && (r.data as { date: string }).date === today)).toBe(false);
    const avd32Days = new Set(rows.filter((r) => r.unitId === 'avd-32').map((r) => (r.data as { date: string }).date));
    expect(avd32Days.size).toBeLessThan(60); // the unit that often forgets: completeness has something to show
    expect(avd32Days.size).toBeGreaterThan(20);
  });

  it('the same weeks a year ago and fourteen HR months, so indicators can compare with last year', async () => {
    const yearAgo = addDays(today, -365);
    const shifts = await store().listRows('staffingShift', '/', addDays(yearAgo, -20), addDays(yearAgo, 20));
    expect(shifts.length).toBeGreaterThan(500);
    expect(await store().listRows('staffingShift', '/', addDays(today, -300), addDays(today, -100))).toEqual([]);
    const hr = await store().listRows('hrMonth', '/', '0000-00', '9999-99');
    expect(hr.length).toBe(14 * 11);
  });

  it('HR months for the last two whole months, one unit without ordinary hours; beds on the wards', async () => {
    const last = previousPeriod(today.slice(0, 7));
    const hr = (await store().listRows('hrMonth', '/', previousPeriod(last), last)).map((r) => HrMonth.parse(publicData(r)));
    expect(hr.length).toBe(22);
    expect(hr.filter((m) => m.ordinaryHours === null).map((m) => m.unitId)).toEqual(['mott-ort', 'mott-ort']);
    const beds = await store().listRows('bedsDay', '/', addDays(today, -75), today);
    for (const r of beds) expect(BedsDay.safeParse(publicData(r)).success).toBe(true);
    expect(new Set(beds.map((r) => r.unitId))).toEqual(new Set(['avd-21', 'avd-22', 'avd-23', 'avd-31', 'avd-32', 'avd-41', 'iva']));
  });

  it('settings: mottagningar have a day shift on weekdays; the sick-leave targets are in the catalogue, not the settings', async () => {
    const settings = new Map((await store().listRows('staffingSettings', '/', '', '')).map((r) => [r.unitId, StaffingSettings.parse(publicData(r))]));
    expect(settings.get('mott-med')).toMatchObject({ shifts: ['dag'], weekdaysOnly: true, bedsEnabled: false });
    expect(settings.get('avd-21')).toMatchObject({ bedsEnabled: true });
    expect([...settings.values()].every((s) => s.targetPct === undefined)).toBe(true);
    const rows = (await store().listRows('indicator', '/', '', '')).map((r) => Indicator.parse(publicData(r)));
    const units = (await store().listUnits()).map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as TreeUnit['kind'], name: u.name, closedAt: u.closedAt }));
    // The catalogue's "Minska" has no value to judge against; Avdelning 22's "at most 6 %" has.
    expect(sickTargetPct(rows, units, 'avd-21')).toBeNull();
    expect(sickTargetPct(rows, units, 'avd-22')).toBe(6);
  });
});
