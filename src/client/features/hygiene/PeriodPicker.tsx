/**
 * Period choice for a board: kind (Vecka, Månad, Tertial, År) as tabs, then ‹ label › to step.
 * Links, not buttons: a chosen period is in the address, so reload and "back" keep it.
 */
import { For, Show, type JSX } from 'solid-js';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { createTexts } from '../../kit/i18n';
import { BOARD_PERIOD_KINDS as BHK_PERIOD_KINDS, currentPeriod, hasBegun, kindOf, stepPeriod } from '../../kit/period';
import { periodLabel } from './period-model';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

export interface PeriodPickerProps {
  period: string;
  today: string;
  /** The address of another period. */
  link: (period: string) => string;
}

export function PeriodPicker(props: PeriodPickerProps): JSX.Element {
  const next = () => stepPeriod(props.period, 1);
  return (
    <div class="period-picker">
      <nav class="period-kinds" aria-label={tx('period.kind')}>
        <For each={BHK_PERIOD_KINDS}>
          {(kind) => (
            <a
              class="period-kind"
              href={props.link(currentPeriod(kind, props.today))}
              aria-current={kindOf(props.period) === kind ? 'page' : undefined}
            >
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
        <Show when={hasBegun(next(), props.today)} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
          <a class="btn btn-secondary" href={props.link(next())} aria-label={tx('period.next')}>
            ›
          </a>
        </Show>
      </div>
    </div>
  );
}
