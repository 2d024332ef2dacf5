/** The meeting's Patientsäkerhet step: this month's Gröna korset (its own lazy chunk). */
import type { JSX } from 'solid-js';
import type { Role } from '../../../../shared/api';
import { UnitBoard } from '../../safety-cross/UnitBoard';
import '../../safety-cross/safety.css';

export default function SafetyStep(props: { unitId: string; unitName: string; month: string; role: Role }): JSX.Element {
  return <UnitBoard unitId={props.unitId} unitName={props.unitName} month={props.month} role={props.role} />;
}
