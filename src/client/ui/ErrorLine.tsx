/**
 * An error message in plain words, announced when it appears (role alert); nothing when there is
 * none. `inline` renders it as a span, for a message under a control inside its label.
 */
import { Show, type JSX } from 'solid-js';

export function ErrorLine(props: { message: string | null | undefined; inline?: boolean }): JSX.Element {
  return (
    <Show when={props.message}>
      {(m) =>
        props.inline ? (
          <span class="field-error" role="alert">
            {m()}
          </span>
        ) : (
          <p class="field-error" role="alert">
            {m()}
          </p>
        )
      }
    </Show>
  );
}
