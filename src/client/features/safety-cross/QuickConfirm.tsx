/**
 * The pulse meeting's one tap: "Bekräfta grönt" for yesterday and for today. A confirmed day says
 * so with an "Ångra"; a day with events shows its colour and how many, so nobody confirms green
 * over a registered fall without seeing it.
 */
import { For, Match, Switch, type JSX } from 'solid-js';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { Button } from '../../ui/Button';
import { eventCount, formatDay, STATUS_SYMBOL, statusText, tx } from './texts';

export interface QuickDay {
  date: string;
  /** "Igår" / "Idag". */
  label: string;
  status: DayStatus;
  events: number;
  confirmed: boolean;
  /** False when the day is outside the caller's back-dating window. */
  writable: boolean;
}

export interface QuickConfirmProps {
  days: readonly QuickDay[];
  levels: 3 | 4;
  busy: boolean;
  onConfirm: (date: string, confirmed: boolean) => void;
}

export function QuickConfirm(props: QuickConfirmProps): JSX.Element {
  return (
    <div class="quick">
      <For each={props.days}>
        {(d) => (
          <div class={`quick-day st-line-${d.status}`}>
            <Switch>
              <Match when={d.events > 0}>
                <p class="quick-state">
                  <span class={`cell swatch st-${d.status}`} aria-hidden="true">
                    <span class="cell-sym">{STATUS_SYMBOL[d.status]}</span>
                  </span>
                  {tx('dayHasEvents', { day: `${d.label} ${formatDay(d.date)}`, status: statusText(d.status, props.levels) })}
                  {' · '}
                  {eventCount(d.events)}
                </p>
              </Match>
              <Match when={d.confirmed}>
                <p class="quick-state">
                  <span class="cell swatch st-gron" aria-hidden="true">
                    <span class="cell-sym">{STATUS_SYMBOL.gron}</span>
                  </span>
                  {`${d.label} ${formatDay(d.date)}: ${tx('confirmedGreen')}`}
                </p>
                <Button variant="link" disabled={props.busy || !d.writable} onClick={() => props.onConfirm(d.date, false)}>
                  {tx('undo')}
                </Button>
              </Match>
              <Match when={true}>
                <Button
                  variant="primary"
                  size="big"
                  class="confirm-green"
                  disabled={props.busy || !d.writable}
                  onClick={() => props.onConfirm(d.date, true)}
                >
                  <span aria-hidden="true">✓ </span>
                  {tx('confirmGreenDay', { day: d.label.toLocaleLowerCase(), date: formatDay(d.date) })}
                </Button>
              </Match>
            </Switch>
          </div>
        )}
      </For>
    </div>
  );
}
