/** The key beside the cross (NHS: "to the left of the cross is a key"): swatch, symbol and words. */
import { For, type JSX } from 'solid-js';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { STATUS_SYMBOL, statusText, tx } from './texts';

export function Legend(props: { levels: 3 | 4 }): JSX.Element {
  const statuses = (): DayStatus[] =>
    props.levels === 3 ? ['gron', 'gul', 'rod', 'ej_ifylld', 'idag'] : ['gron', 'gul', 'orange', 'rod', 'ej_ifylld', 'idag'];
  return (
    <div class="legend">
      <h2 class="legend-title">{tx('legend')}</h2>
      <ul>
        <For each={statuses()}>
          {(s) => (
            <li>
              <span class={`cell swatch st-${s}`} aria-hidden="true">
                <span class="cell-sym">{STATUS_SYMBOL[s]}</span>
              </span>
              {statusText(s, props.levels)}
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
