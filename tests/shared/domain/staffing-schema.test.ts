import { describe, expect, it } from 'vitest';
import { BedsDay } from '../../../src/shared/schema/beds-day';
import { HrMonth } from '../../../src/shared/schema/hr-month';
import { StaffingSettings } from '../../../src/shared/schema/staffing-settings';
import { StaffingShift } from '../../../src/shared/schema/staffing-shift';
import { validateChange } from '../../../src/shared/sync/validate';
import { beds, hrMonth, shift } from './staffing-fixtures';

const issue = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.success ? null : { path: r.error?.issues[0]?.path });

describe('StaffingShift: whole non-negative counts, absences ≤ planned', () => {
  it.each([
    ['valid', {}, null],
    ['sick above planned → path sick', { planned: 2, sick: 3 }, { path: ['sick'] }],
    ['sick + VAB above planned → path vab', { planned: 3, sick: 2, vab: 2 }, { path: ['vab'] }],
    ['all absences above planned → path otherAbsence', { planned: 3, sick: 1, vab: 1, otherAbsence: 2 }, { path: ['otherAbsence'] }],
    ['covered above absences → path covered', { planned: 5, sick: 1, covered: 2 }, { path: ['covered'] }],
    ['a fraction', { sick: 1.5 }, { path: ['sick'] }],
    ['negative', { vab: -1 }, { path: ['vab'] }],
    ['a slipped digit', { planned: 1000 }, { path: ['planned'] }],
    ['id naming another day', { id: 'staffingShift:A:2026-03-03:dag' }, { path: ['id'] }],
  ])('%s', (_, over, expected) => {
    const got = issue(StaffingShift.safeParse({ ...shift('A', '2026-03-02', 'dag', 5, 1), ...over }));
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });
});

describe('HrMonth and BedsDay', () => {
  it('korttid is a part of the total kvot', () => {
    expect(issue(HrMonth.safeParse(hrMonth('A', '2026-03', 5, 100, { korttid: 6 })))).toMatchObject({ path: ['korttid'] });
    expect(HrMonth.safeParse(hrMonth('A', '2026-03', 5, 100, { korttid: 5 })).success).toBe(true);
  });

  it('every HR field is present: a missing K/M is null, never left out', () => {
    const { kvotK: _k, ...rest } = hrMonth('A', '2026-03', 5, 100);
    expect(issue(HrMonth.safeParse(rest))).toMatchObject({ path: ['kvotK'] });
  });

  it('a kvot above 100 % or not a number is refused', () => {
    expect(issue(HrMonth.safeParse(hrMonth('A', '2026-03', 101, null)))).toMatchObject({ path: ['kvotTotal'] });
    expect(issue(HrMonth.safeParse(hrMonth('A', '2026-03', Number.NaN, null)))).toMatchObject({ path: ['kvotTotal'] });
  });

  it('beds: counts only, id names unit and day', () => {
    expect(BedsDay.safeParse(beds('A', '2026-03-02', 20, 22, 2)).success).toBe(true);
    expect(issue(BedsDay.safeParse({ ...beds('A', '2026-03-02', 20, 22), id: 'bedsDay:B:2026-03-02' }))).toMatchObject({ path: ['id'] });
  });

  it('settings: shifts are distinct codes', () => {
    const base = { id: 'staffingSettings:A', unitId: 'A' };
    expect(StaffingSettings.safeParse({ ...base, shifts: ['dag', 'natt'] }).success).toBe(true);
    expect(StaffingSettings.safeParse({ ...base, shifts: ['dag', 'dag'] }).success).toBe(false);
    expect(StaffingSettings.safeParse({ ...base, shifts: [] }).success).toBe(false);
  });
});

describe('registry: staffing cells as sync changes (rules 11, 13)', () => {
  const s = shift('A', '2026-03-02', 'dag', 5, 1);
  const change = (over: Partial<Parameters<typeof validateChange>[0]>) =>
    validateChange({ entity: 'staffingShift', id: s.id, unitId: s.unitId, op: 'insert', fields: { ...s }, ...over });

  it('a whole shift is accepted', () => {
    expect(change({})).toMatchObject({ ok: true });
  });

  it('an id naming another unit is scope-denied before anything else', () => {
    expect(change({ id: 'staffingShift:B:2026-03-02:dag' })).toEqual({ ok: false, code: 'scope-denied', path: ['unitId'] });
    expect(validateChange({ entity: 'hrMonth', id: 'hrMonth:B:2026-03', unitId: s.unitId, op: 'patch', fields: { kvotTotal: 3 } })).toMatchObject({ code: 'scope-denied' });
    expect(validateChange({ entity: 'bedsDay', id: 'bedsDay:A:2026-3-2', unitId: s.unitId, op: 'patch', fields: { belagda: 3 } })).toMatchObject({ code: 'scope-denied' });
  });

  it('absences above planned are refused with the field path', () => {
    expect(change({ fields: { ...s, sick: 6 } })).toEqual({ ok: false, code: 'validation', path: ['fields', 'sick'] });
  });

  it('date and shift cannot be patched: they are where the row lives', () => {
    expect(change({ op: 'patch', fields: { date: '2026-03-03' } })).toMatchObject({ ok: false, code: 'immutable-field', path: ['fields', 'date'] });
    expect(change({ op: 'patch', fields: { shift: 'natt' } })).toMatchObject({ ok: false, code: 'immutable-field' });
    expect(change({ op: 'patch', fields: { sick: 2, _deleted: false } })).toMatchObject({ ok: true });
  });
});
