/**
 * The running meeting: the time box counting down (words and ⚠ when over, not colour alone),
 * the step bar, the current step's board large, "+ Ny åtgärd", big Föregående / Nästa, the
 * decisions log, and "Avsluta mötet" (asked twice) on the last step.
 */
import { createSignal, For, Show, Suspense, type JSX } from 'solid-js';
import type { Role } from '../../../shared/api';
import { currentStep, type MeetingEvent, type MeetingState } from '../../../shared/domain/meeting/timer';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { createNow } from '../../kit/clock';
import { Button } from '../../ui/Button';
import { QuickAction } from './QuickAction';
import { StepBody } from './StepBody';
import { tx, stepLabel } from '../improvements/texts';
import { timerView } from './timer-view';

export interface RunViewProps {
  state: MeetingState;
  decisions: string;
  unit: TreeUnit;
  units: readonly TreeUnit[];
  isLevel: boolean;
  today: string;
  role: Role;
  onEvent: (e: MeetingEvent) => void;
  onDecisions: (text: string, commit: boolean) => void;
  onEnd: () => void;
}

export function RunView(props: RunViewProps): JSX.Element {
  const now = createNow(1000);
  const [ending, setEnding] = createSignal(false);
  const view = () => timerView(props.state, now());
  const step = () => currentStep(props.state);
  const last = () => props.state.index >= props.state.steps.length - 1;
  const at = () => Date.now();
  return (
    <div class="meeting-run">
      <div class="meeting-bar" classList={{ 'meeting-over': view().overtime }}>
        <p class="meeting-timer" role="timer" aria-label={tx('meeting.timerLabel', { min: props.state.timeboxMs / 60_000 })}>
          <span aria-hidden="true">{view().symbol} </span>
          {view().text}
          <Show when={view().paused}>
            <span class="meeting-paused"> · {tx('meeting.paused')}</span>
          </Show>
        </p>
        <p class="meeting-steptime">
          {tx('meeting.stepOf', { n: props.state.index + 1, total: props.state.steps.length })} · {view().stepText}
        </p>
        <Button onClick={() => props.onEvent({ type: view().paused ? 'resume' : 'pause', at: at() })}>
          <span aria-hidden="true">{view().paused ? '▶ ' : '❚❚ '}</span>
          {view().paused ? tx('meeting.continue') : tx('meeting.pause')}
        </Button>
      </div>
      <nav aria-label={tx('meeting.stepsLabel')}>
        <ol class="step-bar">
          <For each={props.state.steps}>
            {(s, i) => (
              <li>
                <button
                  type="button"
                  class="step-chip"
                  classList={{ 'step-now': i() === props.state.index, 'step-done': (props.state.stepMs[s] ?? 0) > 0 && i() !== props.state.index }}
                  aria-current={i() === props.state.index ? 'step' : undefined}
                  onClick={() => props.onEvent({ type: 'goto', index: i(), at: at() })}
                >
                  <span class="step-no" aria-hidden="true">
                    {(props.state.stepMs[s] ?? 0) > 0 && i() !== props.state.index ? '✓' : i() + 1}
                  </span>
                  {stepLabel(s)}
                </button>
              </li>
            )}
          </For>
        </ol>
      </nav>
      <Show when={step()} keyed>
        {(s) => (
          <section class="meeting-step" aria-labelledby="step-title">
            <header class="step-head">
              <h2 id="step-title">{stepLabel(s)}</h2>
              <Show when={s !== 'atgarder'}>
                <QuickAction unitId={props.unit.id} cause={{ kind: 'meeting', ref: props.today, label: `${tx('meeting.title')} ${props.today}: ${stepLabel(s)}` }} />
              </Show>
            </header>
            <div class="step-body">
              <Suspense fallback={<p class="muted">…</p>}>
                <StepBody step={s} unit={props.unit} units={props.units} isLevel={props.isLevel} today={props.today} role={props.role} />
              </Suspense>
            </div>
          </section>
        )}
      </Show>
      <div class="meeting-nav">
        <Button size="big" disabled={props.state.index === 0} onClick={() => props.onEvent({ type: 'prev', at: at() })}>
          <span aria-hidden="true">← </span>
          {tx('meeting.prev')}
        </Button>
        <Show
          when={last()}
          fallback={
            <Button size="big" variant="primary" onClick={() => props.onEvent({ type: 'next', at: at() })}>
              {tx('meeting.next')}
              <span aria-hidden="true"> →</span>
            </Button>
          }
        >
          <Button size="big" variant="primary" onClick={() => setEnding(true)}>
            <span aria-hidden="true">■ </span>
            {tx('meeting.end')}
          </Button>
        </Show>
      </div>
      <label class="field decisions">
        <span class="field-label">{tx('meeting.decisions')}</span>
        <span class="muted">{tx('meeting.decisionsHelp')}</span>
        <textarea
          class="input"
          rows={3}
          maxLength={1500}
          value={props.decisions}
          onInput={(e) => props.onDecisions(e.currentTarget.value, false)}
          onChange={(e) => props.onDecisions(e.currentTarget.value, true)}
        />
      </label>
      <Show
        when={ending()}
        fallback={
          <Show when={!last()}>
            <Button variant="danger" onClick={() => setEnding(true)}>
              <span aria-hidden="true">■ </span>
              {tx('meeting.end')}
            </Button>
          </Show>
        }
      >
        <div class="card end-confirm" role="group" aria-label={tx('meeting.end')}>
          <div class="button-row">
            <Button variant="primary" size="big" onClick={() => props.onEnd()}>
              {tx('meeting.endConfirm')}
            </Button>
            <Button onClick={() => setEnding(false)}>{tx('meeting.endCancel')}</Button>
          </div>
        </div>
      </Show>
    </div>
  );
}
