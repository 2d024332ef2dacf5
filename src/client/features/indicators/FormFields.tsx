/**
 * Labelled inputs with the field's error right under them (role=alert, tied by aria-describedby).
 * The error sits outside the label, so it does not become part of the field's name.
 */
import { For, Show, type JSX } from 'solid-js';

let seq = 0;

export function Text(props: { label: string; value: string; error?: string; disabled?: boolean; inputmode?: 'decimal' | 'numeric' | 'text'; onValue: (v: string) => void }): JSX.Element {
  const id = `indf-${++seq}`;
  return (
    <div class="ind-field">
      <label class="field">
        <span class="field-label">{props.label}</span>
        <input
          class="input"
          value={props.value}
          disabled={props.disabled}
          inputmode={props.inputmode ?? 'text'}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? id : undefined}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      </label>
      <Show when={props.error}>
        <span id={id} class="field-error" role="alert">
          {props.error}
        </span>
      </Show>
    </div>
  );
}

export function Select(props: { label: string; value: string; options: readonly { value: string; label: string }[]; error?: string; disabled?: boolean; onValue: (v: string) => void }): JSX.Element {
  const id = `indf-${++seq}`;
  return (
    <div class="ind-field">
      <label class="field">
        <span class="field-label">{props.label}</span>
        <select
          class="input"
          value={props.value}
          disabled={props.disabled}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? id : undefined}
          onChange={(e) => props.onValue(e.currentTarget.value)}
        >
        <For each={props.options}>{(o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>}</For>
        </select>
      </label>
      <Show when={props.error}>
        <span id={id} class="field-error" role="alert">
          {props.error}
        </span>
      </Show>
    </div>
  );
}
