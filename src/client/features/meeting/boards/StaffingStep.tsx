/** The meeting's Bemanning step: the unit's staffing board for today (its own lazy chunk). */
import type { JSX } from 'solid-js';
import type { TreeUnit } from '../../../../shared/domain/rollup';
import { UnitBoard } from '../../staffing/UnitBoard';
import '../../staffing/staffing.css';

export default function StaffingStep(props: { unit: TreeUnit; date: string }): JSX.Element {
  return <UnitBoard unit={props.unit} date={props.date} isToday={true} />;
}
