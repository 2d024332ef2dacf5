/**
 * What one agenda step shows, large: the unit's own boards, embedded lazily (each in its own
 * chunk), the ideas kanban, the action list and the escalation step. At a VO or division the
 * unit boards become links to their overviews.
 */
import { lazy, Match, Switch, type JSX } from 'solid-js';
import type { Role } from '../../../shared/api';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { AgendaStep } from '../../../shared/schema/meeting';
import { href } from '../../kit/router';
import { ActionList } from '../improvements/ActionList';
import { IdeaBoard } from '../improvements/IdeaBoard';
import { EscalateStep } from './EscalateStep';
import { tx, stepLabel } from '../improvements/texts';

const StaffingStep = lazy(() => import('./boards/StaffingStep'));
const SafetyStep = lazy(() => import('./boards/SafetyStep'));
const HygieneStep = lazy(() => import('./boards/HygieneStep'));
const GoalsStep = lazy(() => import('./boards/GoalsStep'));

const SCREEN_OF: Partial<Record<AgendaStep, string>> = { bemanning: 'bemanning', patientsakerhet: 'korset', hygien: 'hygien', mal: 'mal' };

export interface StepBodyProps {
  step: AgendaStep;
  unit: TreeUnit;
  units: readonly TreeUnit[];
  isLevel: boolean;
  today: string;
  role: Role;
}

export function StepBody(props: StepBodyProps): JSX.Element {
  const link = () => {
    const seg = SCREEN_OF[props.step];
    return seg === undefined ? null : (
      <a class="btn btn-secondary" href={href([seg], { unit: props.unit.id })}>
        {tx('meeting.openBoard', { board: stepLabel(props.step) })}
      </a>
    );
  };
  const lead = () => props.role === 'manager' || props.role === 'admin';
  return (
    <Switch fallback={link()}>
      <Match when={props.step === 'bemanning' && !props.isLevel}>
        <StaffingStep unit={props.unit} date={props.today} />
      </Match>
      <Match when={props.step === 'patientsakerhet' && !props.isLevel}>
        <SafetyStep unitId={props.unit.id} unitName={props.unit.name} month={props.today.slice(0, 7)} role={props.role} />
      </Match>
      <Match when={props.step === 'hygien' && !props.isLevel}>
        <HygieneStep unitId={props.unit.id} unitName={props.unit.name} today={props.today} canEdit={lead()} />
      </Match>
      <Match when={props.step === 'mal'}>
        <GoalsStep unit={props.unit} units={props.units} month={props.today.slice(0, 7)} />
      </Match>
      <Match when={props.step === 'forbattringar'}>
        <IdeaBoard unitId={props.unit.id} units={props.units} editable={true} />
      </Match>
      <Match when={props.step === 'atgarder'}>
        <ActionList unitId={props.unit.id} units={props.units} today={props.today} editable={true} compact={true} />
      </Match>
      <Match when={props.step === 'eskalera'}>
        <EscalateStep unitId={props.unit.id} unitName={props.unit.name} units={props.units} isLevel={props.isLevel} />
      </Match>
      <Match when={props.step === 'fokus'}>
        <p class="step-help">{tx('step.fokusHelp')}</p>
      </Match>
    </Switch>
  );
}
