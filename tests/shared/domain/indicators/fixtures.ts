/** Builders for indicator tests: valid rows through the schemas, a small tree, an empty input. */
import { emptyInput, type IndicatorInput } from '../../../../src/shared/domain/indicators';
import type { TreeUnit } from '../../../../src/shared/domain/rollup';
import { BHK_STEPS, BhkObservation, type BhkStep, type StepAnswer } from '../../../../src/shared/schema/bhk-observation';
import { Indicator, indicatorIdFor } from '../../../../src/shared/schema/indicator';
import { settingsIdFor, type UnitSettings } from '../../../../src/shared/schema/unit-settings';

export { day, event } from '../safety-fixtures';
export { hrMonth, shift, unit } from '../staffing-fixtures';

/** region → division → vo1 → (avd1, avd2); vo2 → avd3. */
export const TREE: TreeUnit[] = [
  { id: 'region', parentId: null, kind: 'region', name: 'Region', closedAt: null },
  { id: 'div', parentId: 'region', kind: 'division', name: 'Division', closedAt: null },
  { id: 'vo1', parentId: 'div', kind: 'vo', name: 'VO Medicin', closedAt: null },
  { id: 'vo2', parentId: 'div', kind: 'vo', name: 'VO Kirurgi', closedAt: null },
  { id: 'avd1', parentId: 'vo1', kind: 'enhet', name: 'Avd 1', closedAt: null },
  { id: 'avd2', parentId: 'vo1', kind: 'enhet', name: 'Avd 2', closedAt: null },
  { id: 'avd3', parentId: 'vo2', kind: 'enhet', name: 'Avd 3', closedAt: null },
];

export function input(more: Partial<IndicatorInput> = {}): IndicatorInput {
  return { ...emptyInput(TREE, 'div', '2026-11-30'), ...more };
}

let seq = 0;
const ALL_JA = Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja'])) as Record<BhkStep, StepAnswer>;

/** An observation; `nej` names steps answered "nej". */
export function obs(unitId: string, date: string, nej: BhkStep[] = [], more: Record<string, unknown> = {}): BhkObservation {
  seq += 1;
  const steps = { ...ALL_JA };
  for (const s of nej) steps[s] = 'nej';
  return BhkObservation.parse({
    id: `obs-${String(seq).padStart(6, '0')}`,
    unitId,
    date,
    profession: 'sjukskoterska',
    selfAssessment: false,
    steps,
    createdAt: `${date}T09:00:00.000Z`,
    ...more,
  });
}

/** `n` observations of which `ok` are all correct (the rest miss hand disinfection). */
export function observations(unitId: string, date: string, n: number, ok: number): BhkObservation[] {
  return Array.from({ length: n }, (_, i) => obs(unitId, date, i < ok ? [] : ['handDisinfectionBefore']));
}

export function row(unitId: string, key: string, fields: Record<string, unknown> = {}): Indicator {
  return Indicator.parse({ id: indicatorIdFor(unitId, key), unitId, key, ...fields });
}

export function unitSettings(unitId: string, bhkMonthlyQuota: number): UnitSettings {
  return { id: settingsIdFor(unitId), unitId: unitId as UnitSettings['unitId'], bhkMonthlyQuota, bhkMinN: 10, bhkTargetPct: 80 };
}
