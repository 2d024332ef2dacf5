/** An enrolment code shown large and spaced in two groups of four, easy to read across a room. */
import type { JSX } from 'solid-js';

export function BigCode(props: { code: string; caption: string; expired: boolean }): JSX.Element {
  const grouped = () => `${props.code.slice(0, 4)} ${props.code.slice(4)}`;
  return (
    <div class="bigcode" classList={{ 'bigcode-expired': props.expired }}>
      <div class="bigcode-code" aria-label={props.code.split('').join(' ')}>
        {grouped()}
      </div>
      <div class="bigcode-caption">{props.caption}</div>
    </div>
  );
}
