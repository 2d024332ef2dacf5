/**
 * Vecka / Månad / Tertial / År as pills, then ‹ period › to step. Links, not buttons: the period
 * is in the address, so reload and "back" keep it.
 */
import { For, Show, type JSX } from 'solid-js';
import { BOARD_PERIOD_KINDS as INDICATOR_PERIODS, currentPeriod, kindOf, nextPeriod, stepPeriod } from '../../kit/period';
import { periodLabel, tx } from './texts';

export function PeriodPicker(props: { period: string; today: string; link: (period: string) => string }): JSX.Element {
  const next = () => nextPeriod(props.period, props.today);
  return (
    <div class="ind-period">
      <nav class="ind-kinds" aria-label={tx('period.kind')}>
        <For each={INDICATOR_PERIODS}>
          {(kind) => (
            <a class="ind-kind" href={props.link(currentPeriod(kind, props.today))} aria-current={kindOf(props.period) === kind ? 'page' : undefined}>
              {tx(`period.${kind}`)}
            </a>
          )}
        </For>
      </nav>
      <div class="month-picker">
        <a class="btn btn-secondary" href={props.link(stepPeriod(props.period, -1))} aria-label={tx('period.prev')}>
          ‹
        </a>
        <span class="month-label" aria-live="polite">
          {periodLabel(props.period)}
        </span>
        <Show when={next()} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
          {(n) => (
            <a class="btn btn-secondary" href={props.link(n())} aria-label={tx('period.next')}>
              ›
            </a>
          )}
        </Show>
      </div>
    </div>
  );
}
