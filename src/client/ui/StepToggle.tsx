/**
 * One BHK step as a single large tap target that cycles its answer:
 * (unanswered →) Ja → Nej → Ej aktuellt → Ja, where Ej aktuellt is offered only when `allowNa`
 * (handskar and plastförkläde, docs/domain.md §2.1). Each answer has its own symbol and word,
 * so the state is never carried by colour alone.
 */
import { For, type JSX } from 'solid-js';
import type { StepAnswer } from '../../shared/schema/bhk-observation';
import { t } from '../kit/i18n';

/** The answer a tap moves to. Pure, so the cycling rule is tested without a DOM. */
export function nextAnswer(current: StepAnswer | null, allowNa: boolean): StepAnswer {
  if (current === 'ja') return 'nej';
  if (current === 'nej') return allowNa ? 'ej_aktuellt' : 'ja';
  return 'ja';
}

const SYMBOL: Record<StepAnswer, string> = { ja: '✓', nej: '✗', ej_aktuellt: '–' };

export interface StepToggleProps {
  label: string;
  value: StepAnswer | null;
  allowNa: boolean;
  onChange: (next: StepAnswer) => void;
}

export function StepToggle(props: StepToggleProps): JSX.Element {
  const answerText = () => t(props.value === null ? 'answer.unset' : `answer.${props.value}`);
  return (
    <button
      type="button"
      class={`step step-${props.value ?? 'unset'}`}
      aria-label={`${props.label}: ${answerText()}. ${t('answer.tapHint')}`}
      onClick={() => props.onChange(nextAnswer(props.value, props.allowNa))}
    >
      {/* A break opportunity (<wbr>) after "/" in "Plastförkläde/skyddsrock": a long label wraps between words. */}
      <span class="step-label">
        <For each={props.label.split('/')}>
          {(part, i) => (
            <>
              {i() > 0 ? '/' : ''}
              {i() > 0 ? <wbr /> : null}
              {part}
            </>
          )}
        </For>
      </span>
      <span class="step-answer">
        <span class="step-symbol" aria-hidden="true">
          {props.value === null ? '?' : SYMBOL[props.value]}
        </span>
        {answerText()}
      </span>
    </button>
  );
}
