/**
 * The period's observations as they count now, newest first, each with Ändra and Makulera. A
 * correction is a new record that references the old one, so "ändrad" marks a record with
 * history, and voided observations stay listed (collapsed) for the audit trail.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ResolvedObservation } from '../../../shared/domain/bhk';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { BHK_STEPS, type BhkObservation } from '../../../shared/schema/bhk-observation';
import { createTexts, locale, t } from '../../kit/i18n';
import { Button } from '../../ui/Button';

const tx = createTexts(hygieneTexts);
/** A month is about 10 rows; a year is 120. Show a screenful, the rest on request. */
const FIRST_ROWS = 15;

/** "22 nov." for a calendar date, read at noon UTC so no time zone moves the day. */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

const failedSteps = (o: BhkObservation): string[] => BHK_STEPS.filter((s) => o.steps[s] === 'nej').map((s) => t(`step.${s}`));

export interface ObservationListProps {
  observations: readonly ResolvedObservation[];
  voided: readonly ResolvedObservation[];
  label: (code: string) => string;
  amendHref: (id: string) => string;
  onVoid: (current: BhkObservation) => void;
}

function Row(props: { r: ResolvedObservation; label: (code: string) => string; actions?: JSX.Element }): JSX.Element {
  const o = () => props.r.current;
  const failed = () => failedSteps(o());
  return (
    <li class="obsrow">
      <span class="obsrow-main">
        <strong>{formatDay(o().date)}</strong> {props.label(o().profession)}
        <Show when={o().task}>{(task) => <span class="muted"> · {task()}</span>}</Show>
        <Show when={o().selfAssessment}>
          <span class="tag">{tx('list.self')}</span>
        </Show>
        <Show when={props.r.versions > 1 && o().voided !== true}>
          <span class="tag">{tx('list.amended')}</span>
        </Show>
      </span>
      <span class="obsrow-result" classList={{ 'obsrow-bad': failed().length > 0 }}>
        <Show when={failed().length > 0} fallback={<><span aria-hidden="true">✓ </span>{tx('list.allOk')}</>}>
          <span aria-hidden="true">✗ </span>
          {tx('list.failed', { steps: failed().join(', ') })}
        </Show>
      </span>
      <Show when={props.actions}>
        <span class="obsrow-actions">{props.actions}</span>
      </Show>
    </li>
  );
}

export function ObservationList(props: ObservationListProps): JSX.Element {
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.observations : props.observations.slice(0, FIRST_ROWS));
  const confirmVoid = (o: BhkObservation) => {
    if (window.confirm(tx('list.voidConfirm', { date: formatDay(o.date), profession: props.label(o.profession) }))) props.onVoid(o);
  };
  return (
    <section class="card obslist">
      <h2>{tx('list.title')}</h2>
      <Show when={props.observations.length > 0} fallback={<p class="muted">{tx('list.empty')}</p>}>
        <ul class="obsrows">
          <For each={shown()}>
            {(r) => (
              <Row
                r={r}
                label={props.label}
                actions={
                  <>
                    <a class="btn btn-secondary" href={props.amendHref(r.current.id)}>
                      {tx('list.amend')}
                    </a>
                    <Button variant="danger" onClick={() => confirmVoid(r.current)}>
                      {tx('list.void')}
                    </Button>
                  </>
                }
              />
            )}
          </For>
        </ul>
        <Show when={!all() && props.observations.length > FIRST_ROWS}>
          <Button variant="link" onClick={() => setAll(true)}>
            {tx('list.more', { n: props.observations.length })}
          </Button>
        </Show>
      </Show>
      <Show when={props.voided.length > 0}>
        <details class="more">
          <summary>{tx('list.voided', { n: props.voided.length })}</summary>
          <ul class="obsrows obsrows-voided">
            <For each={props.voided}>{(r) => <Row r={r} label={props.label} />}</For>
          </ul>
        </details>
      </Show>
    </section>
  );
}
