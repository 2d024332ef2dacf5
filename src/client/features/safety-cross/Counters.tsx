/** "32 dagar utan fall": the big all-events counter, then one line per category. */
import { For, Show, type JSX } from 'solid-js';
import type { Counter } from '../../../shared/domain/safety-counters';
import { categoryLabel, counterNoun, formatDay, tx } from './texts';

/** The words after the number: "dagar utan fall"; the whole line when there is no number. */
function counterWords(c: Counter): string {
  const one = c.days === 1;
  if (c.category === null) {
    if (c.days === null) return tx('counter.allNone');
    return one ? tx('counter.allWords.one') : tx('counter.allWords');
  }
  if (c.days === null) return tx('counter.categoryNone', { category: categoryLabel(c.category) });
  if (c.days === 0) return tx('counter.today', { category: categoryLabel(c.category) });
  const category = counterNoun(c.category);
  return one ? tx('counter.categoryWords.one', { category }) : tx('counter.categoryWords', { category });
}

export function Counters(props: { counters: readonly Counter[] }): JSX.Element {
  const first = () => props.counters[0];
  return (
    <section class="counters" aria-label={tx('countersTitle')}>
      <Show when={first()}>
        {(c) => (
          <p class="counter-big">
            <Show when={c().days !== null}>
              <span class="counter-n">{c().days}</span>
            </Show>
            <span>{counterWords(c())}</span>
          </p>
        )}
      </Show>
      <ul class="counter-list">
        <For each={props.counters.slice(1)}>
          {(c) => (
            <li>
              <span class="counter-n-small">{c.days !== null && c.days > 0 ? c.days : ''}</span>
              <span>
                {counterWords(c)}
                <Show when={c.lastDate !== null && c.days !== 0}>
                  <span class="muted"> ({tx('counter.last', { date: formatDay(c.lastDate as string) })})</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
