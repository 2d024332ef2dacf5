/** ‹ november 2026 › with links; no stepping past the current month (the cross has no future). */
import { Show, type JSX } from 'solid-js';
import { addDays, periodRange, previousPeriod } from '../../../shared/domain/periods';
import { formatMonth } from '../../kit/format';
import { tx } from './texts';

export const previousMonth = (month: string): string => previousPeriod(month);
export const nextMonth = (month: string): string => addDays(periodRange(month).to, 1).slice(0, 7);

export function MonthPicker(props: { month: string; thisMonth: string; href: (month: string) => string }): JSX.Element {
  return (
    <nav class="month-picker" aria-label={tx('title')}>
      <a class="btn btn-secondary" href={props.href(previousMonth(props.month))} aria-label={tx('prevMonth')}>
        ‹
      </a>
      <span class="month-label">{formatMonth(props.month)}</span>
      <Show when={props.month < props.thisMonth} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
        <a class="btn btn-secondary" href={props.href(nextMonth(props.month))} aria-label={tx('nextMonth')}>
          ›
        </a>
      </Show>
    </nav>
  );
}
