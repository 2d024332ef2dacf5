/**
 * One day of the cross, opened by tapping its cell: its status in words, its events (the detail
 * list), and what may be done: confirm green, register an event, void an event. Outside the
 * back-dating window it says why nothing can be changed from here.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import type { SafetyEvent } from '../../../shared/schema/safety-event';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { categoryLabel, formatDay, STATUS_SYMBOL, statusText, tx } from './texts';
import { txCause, safetyActionHref } from './action-hook';

export interface DayPanelProps {
  date: string;
  status: DayStatus;
  levels: 3 | 4;
  events: readonly SafetyEvent[];
  confirmed: boolean;
  writable: boolean;
  backdateDays: number;
  busy: boolean;
  newEventHref: string;
  onConfirm: (confirmed: boolean) => void;
  onVoid: (event: SafetyEvent) => void;
  onClose: () => void;
}

export function DayPanel(props: DayPanelProps): JSX.Element {
  // Voiding asks once more: a stray tap must not withdraw a registered harm.
  const [voiding, setVoiding] = createSignal<string | null>(null);
  return (
    <section class="day-panel card" aria-label={tx('eventsOfDay', { date: formatDay(props.date, true) })}>
      <header class="day-panel-head">
        <h2>
          <span class={`cell swatch st-${props.status}`} aria-hidden="true">
            <span class="cell-sym">{STATUS_SYMBOL[props.status]}</span>
          </span>
          {formatDay(props.date, true)}: {statusText(props.status, props.levels)}
        </h2>
        <Button variant="link" onClick={() => props.onClose()}>
          {tx('closeDay')}
        </Button>
      </header>
      <Show when={props.confirmed && props.events.length > 0}>
        <Banner tone="info">{tx('confirmedButEvent')}</Banner>
      </Show>
      <Show when={!props.writable && props.status !== 'framtid'}>
        <Banner tone="warning">{tx('tooOld', { n: props.backdateDays })}</Banner>
      </Show>
      <Show when={props.events.length > 0} fallback={<p class="muted">{tx('noEvents')}</p>}>
        <ul class="event-list">
          <For each={props.events}>
            {(e) => (
              <li class={`event st-line-${e.severity}`}>
                <div class="event-head">
                  <span class={`cell swatch st-${e.severity}`} aria-hidden="true">
                    <span class="cell-sym">{STATUS_SYMBOL[e.severity]}</span>
                  </span>
                  <strong>{categoryLabel(e.category)}</strong> · {statusText(e.severity, props.levels)}
                </div>
                <Show when={e.description}>
                  <p>{e.description}</p>
                </Show>
                <p class="muted">
                  {e.reportedInDeviationSystem
                    ? e.caseNumber
                      ? tx('reportedCase', { caseNumber: e.caseNumber })
                      : tx('reported')
                    : tx('notReported')}
                </p>
                <Show when={e.improvement}>{(text) => <p>{tx('improvementLabel', { text: text() })}</p>}</Show>
                <Show when={props.writable}>
                  <Show
                    when={voiding() === e.id}
                    fallback={
                      <Button variant="danger" disabled={props.busy} onClick={() => setVoiding(e.id)}>
                        {tx('voidEvent')}
                      </Button>
                    }
                  >
                    <div class="button-row">
                      <Button variant="danger" disabled={props.busy} onClick={() => (setVoiding(null), props.onVoid(e))}>
                        {tx('voidConfirm')}
                      </Button>
                      <Button onClick={() => setVoiding(null)}>{tx('voidCancel')}</Button>
                    </div>
                  </Show>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.writable}>
        <div class="button-row">
          <Show
            when={props.confirmed}
            fallback={
              <Show when={props.events.length === 0}>
                <Button variant="primary" disabled={props.busy} onClick={() => props.onConfirm(true)}>
                  <span aria-hidden="true">✓ </span>
                  {tx('confirmGreen')}
                </Button>
              </Show>
            }
          >
            <Button disabled={props.busy} onClick={() => props.onConfirm(false)}>
              {tx('undo')}: {tx('confirmedGreen').toLocaleLowerCase()}
            </Button>
          </Show>
          <a class="btn btn-secondary" href={props.newEventHref}>
            <span aria-hidden="true">+ </span>
            {tx('newEventFor', { date: formatDay(props.date) })}
          </a>
        </div>
      </Show>
      <Show when={safetyActionHref(props.date, props.status)}>
        {(link) => (
          <a class="btn btn-secondary" href={link()}>
            <span aria-hidden="true">+ </span>
            {txCause('create')}
          </a>
        )}
      </Show>
    </section>
  );
}
