/** A choice chip: one of a set (aria-pressed), marked by a tick as well as by colour. */
import type { JSX } from 'solid-js';

export interface ChipProps {
  selected: boolean;
  onSelect: () => void;
  children: JSX.Element;
}

export function Chip(props: ChipProps): JSX.Element {
  return (
    <button type="button" class="chip" classList={{ 'chip-on': props.selected }} aria-pressed={props.selected} onClick={() => props.onSelect()}>
      <span class="chip-mark" aria-hidden="true">
        {props.selected ? '✓' : ''}
      </span>
      {props.children}
    </button>
  );
}
