/** Labelled form controls. The label wraps the control, so no ids need to be invented. */
import { For, splitProps, type JSX } from 'solid-js';

export interface TextFieldProps extends JSX.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  onValue: (value: string) => void;
}

export function TextField(props: TextFieldProps): JSX.Element {
  const [own, rest] = splitProps(props, ['label', 'onValue', 'class']);
  return (
    <label class={`field${own.class ? ` ${own.class}` : ''}`}>
      <span class="field-label">{own.label}</span>
      <input class="input" onInput={(e) => own.onValue(e.currentTarget.value)} {...rest} />
    </label>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly SelectOption[];
  /** Shown first with an empty value, when nothing is chosen yet. */
  placeholder?: string;
  onValue: (value: string) => void;
}

export function SelectField(props: SelectFieldProps): JSX.Element {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <select class="input" value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        <For each={props.options}>{(o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>}</For>
      </select>
    </label>
  );
}
