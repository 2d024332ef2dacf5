/** Wall screen: today's staffing figures for the unit, read-only (its own lazy chunk). */
import { Show, type JSX } from 'solid-js';
import { periodRange } from '../../../../shared/domain/periods';
import type { TreeUnit } from '../../../../shared/domain/rollup';
import { expectedDays } from '../../../../shared/domain/staffing';
import { staffingTrend, trendRange } from '../../../../shared/domain/staffing-trend';
import { useApp } from '../../../kit/context';
import { createLiveQuery } from '../../../primitives';
import { getStaffingConfig, staffingInput } from '../../../storage/staffing-repo';
import { unitFigures } from '../../staffing/unit-figures';
import { deviceTree, refreshGoalsOf, staffingGoalsFor } from '../../indicators/board-goal';
import { UnitFiguresView } from '../../staffing/UnitFiguresView';
import '../../staffing/staffing.css';

export default function WallStaffing(props: { unit: TreeUnit; date: string }): JSX.Element {
  const { db } = useApp();
  refreshGoalsOf(() => props.unit.id);
  const figures = createLiveQuery(async () => {
    const { unit, date } = props;
    const month = date.slice(0, 7);
    const range = trendRange(month, date);
    const config = await getStaffingConfig(db, unit.id);
    const units = await deviceTree(db);
    const input = await staffingInput(db, units, unit.id, date, { from: range.from, to: date }, { from: range.months[0] as string, to: month });
    const { from, to } = periodRange(month);
    return unitFigures(staffingTrend(input, range), date, month, expectedDays(from, to, date, config.weekdaysOnly), await staffingGoalsFor(db, units, unit.id));
  });
  return <Show when={figures()}>{(f) => <UnitFiguresView figures={f()} date={props.date} isToday={true} month={props.date.slice(0, 7)} />}</Show>;
}
