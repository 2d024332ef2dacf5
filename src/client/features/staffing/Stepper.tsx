/**
 * A count with − and + (48 px targets, gloved fingers) and the number itself as a field that can
 * be typed into. An empty field is "not given" (null), shown as –.
 */
import { createUniqueId, type JSX } from 'solid-js';
import { tx } from './texts';

export interface StepperProps {
  label: string;
  value: number | null;
  invalid?: boolean;
  onStep: (delta: 1 | -1) => void;
  onValue: (value: number | null) => void;
}

export function Stepper(props: StepperProps): JSX.Element {
  const id = createUniqueId();
  return (
    <div class="stepper" classList={{ 'stepper-invalid': props.invalid === true }}>
      <span class="stepper-label" id={`${id}-l`}>
        {props.label}
      </span>
      <div class="stepper-controls">
        <button
          type="button"
          class="stepper-btn"
          aria-label={tx('decrease', { what: props.label })}
          disabled={props.value === null || props.value <= 0}
          onClick={() => props.onStep(-1)}
        >
          −
        </button>
        <input
          class="stepper-input"
          inputmode="numeric"
          autocomplete="off"
          aria-labelledby={`${id}-l`}
          aria-invalid={props.invalid === true}
          placeholder="–"
          value={props.value ?? ''}
          onFocus={(e) => e.currentTarget.select()}
          onInput={(e) => {
            const digits = e.currentTarget.value.replace(/\D/g, '');
            props.onValue(digits === '' ? null : Number(digits));
          }}
        />
        <button type="button" class="stepper-btn" aria-label={tx('increase', { what: props.label })} onClick={() => props.onStep(1)}>
          +
        </button>
      </div>
    </div>
  );
}
