/** Builders for staffing rows in domain tests: valid records with deterministic ids. */
import type { TreeUnit } from '../../../src/shared/domain/rollup';
import { bedsIdFor, type BedsDay } from '../../../src/shared/schema/beds-day';
import { hrMonthIdFor, type HrMonth } from '../../../src/shared/schema/hr-month';
import type { UnitKind } from '../../../src/shared/schema/org-unit';
import { shiftIdFor, type StaffingShift } from '../../../src/shared/schema/staffing-shift';
import { staffingSettingsIdFor, type StaffingSettings } from '../../../src/shared/schema/staffing-settings';

export const unit = (id: string, parentId: string | null, kind: UnitKind = 'enhet', closedAt: string | null = null): TreeUnit => ({
  id,
  parentId,
  kind,
  name: id,
  closedAt,
});

export function shift(unitId: string, date: string, name: string, planned: number, sick = 0, more: Partial<StaffingShift> = {}): StaffingShift {
  return {
    id: shiftIdFor(unitId, date, name),
    unitId: unitId as StaffingShift['unitId'],
    date,
    shift: name,
    planned,
    sick,
    vab: 0,
    otherAbsence: 0,
    covered: 0,
    ...more,
  };
}

export function hrMonth(unitId: string, month: string, kvotTotal: number, ordinaryHours: number | null, more: Partial<HrMonth> = {}): HrMonth {
  return {
    id: hrMonthIdFor(unitId, month),
    unitId: unitId as HrMonth['unitId'],
    month,
    kvotTotal,
    kvotK: null,
    kvotM: null,
    korttid: null,
    ordinaryHours,
    source: 'manual',
    ...more,
  };
}

export function beds(unitId: string, date: string, disponibla: number, belagda: number, overbelaggningar = 0, utlokaliserade = 0): BedsDay {
  return {
    id: bedsIdFor(unitId, date),
    unitId: unitId as BedsDay['unitId'],
    date,
    disponibla,
    belagda,
    overbelaggningar,
    utlokaliserade,
    utskrivningsklara: 0,
  };
}

export function settings(unitId: string, s: Partial<StaffingSettings>): StaffingSettings {
  return { id: staffingSettingsIdFor(unitId), unitId: unitId as StaffingSettings['unitId'], ...s };
}
