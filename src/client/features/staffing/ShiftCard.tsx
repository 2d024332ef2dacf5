/**
 * One shift of the morning entry: its state in words and symbol (saved, suggestion from
 * yesterday, changed, not filled in), five steppers, and what is wrong, next to the field.
 */
import { For, Show, type JSX } from 'solid-js';
import { SHIFT_COUNT_FIELDS } from '../../../shared/schema/staffing-shift';
import { Button } from '../../ui/Button';
import { clearDraft, type DraftProblem, setCount, type ShiftDraft, step } from './shift-draft';
import { Stepper } from './Stepper';
import { shiftLabel, tx } from './texts';

type State = 'saved' | 'suggested' | 'changed' | 'clear' | 'new';
const SYMBOL: Record<State, string> = { saved: '✓', suggested: '↺', changed: '✎', clear: '–', new: '○' };
const TEXT = { saved: 'origin.saved', suggested: 'origin.suggested', changed: 'origin.changed', clear: 'origin.clear', new: 'origin.new' } as const;

export function stateOf(d: ShiftDraft): State {
  if (d.dirty && d.counts.planned === null && d.origin === 'saved') return 'clear';
  if (d.dirty) return 'changed';
  return d.origin;
}

export function ShiftCard(props: { draft: ShiftDraft; problem: DraftProblem | null; onChange: (d: ShiftDraft) => void }): JSX.Element {
  const state = () => stateOf(props.draft);
  return (
    <section class={`shift-card shift-${state()}`} aria-label={shiftLabel(props.draft.shift)} data-shift={props.draft.shift}>
      <header class="shift-head">
        <h3>{shiftLabel(props.draft.shift)}</h3>
        <span class="shift-state">
          <span aria-hidden="true">{SYMBOL[state()]} </span>
          {tx(TEXT[state()])}
        </span>
      </header>
      <For each={SHIFT_COUNT_FIELDS}>
        {(field) => (
          <Stepper
            label={tx(`count.${field}`)}
            value={props.draft.counts[field]}
            invalid={props.problem?.field === field}
            onStep={(delta) => props.onChange(step(props.draft, field, delta))}
            onValue={(v) => props.onChange(setCount(props.draft, field, v))}
          />
        )}
      </For>
      <Show when={props.problem}>
        {(p) => (
          <p class="field-error" role="alert">
            <span aria-hidden="true">✗ </span>
            {tx(`problem.${p().key}`)}
          </p>
        )}
      </Show>
      <Show when={props.draft.counts.planned !== null}>
        <Button variant="link" class="shift-clear" onClick={() => props.onChange(clearDraft(props.draft))}>
          {tx('clearShift')}
        </Button>
      </Show>
    </section>
  );
}
