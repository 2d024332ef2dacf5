/**
 * The month's summary (månadssammanställning): events by category and severity, the share of
 * confirmed green days (Σ green / Σ due days), days left unfilled, harm and risk days. Used for a
 * unit and, with pooled counts, for a VO or division.
 */
import { For, Show, type JSX } from 'solid-js';
import type { SafetyFigures } from '../../../shared/domain/safety-month';
import { formatPct } from '../../kit/format';
import { categoryLabel, STATUS_SYMBOL, statusShort, tx } from './texts';

export function MonthSummary(props: { figures: SafetyFigures; levels: 3 | 4; title: string }): JSX.Element {
  const severities = () => (props.levels === 3 && props.figures.events.orange === 0 ? (['gul', 'rod'] as const) : (['gul', 'orange', 'rod'] as const));
  return (
    <section class="summary">
      <h2>{props.title}</h2>
      <ul class="summary-figures">
        <li>
          {tx('greenShare', {
            green: props.figures.greenDays,
            due: props.figures.dueDays,
            pct: formatPct(props.figures.greenShare.pct),
          })}
        </li>
        <li>{tx('unfilled', { n: props.figures.unfilledDays })}</li>
        <li>{tx('harmDays', { n: props.figures.harmDays })}</li>
        <li>{tx('riskDays', { n: props.figures.riskDays })}</li>
      </ul>
      <Show when={props.figures.byCategory.length > 0} fallback={<p class="muted">{tx('summaryNone')}</p>}>
        <table class="summary-table">
          <thead>
            <tr>
              <th scope="col">{tx('summaryCategory')}</th>
              <For each={severities()}>
                {(s) => (
                  <th scope="col">
                    <span class="summary-sym" aria-hidden="true">{STATUS_SYMBOL[s]} </span>
                    {statusShort(s)}
                  </th>
                )}
              </For>
              <th scope="col">{tx('summaryTotal')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.figures.byCategory}>
              {(row) => (
                <tr>
                  <th scope="row">{categoryLabel(row.category)}</th>
                  <For each={severities()}>{(s) => <td>{row.counts[s]}</td>}</For>
                  <td>{row.total}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{tx('summaryTotal')}</th>
              <For each={severities()}>{(s) => <td>{props.figures.events[s]}</td>}</For>
              <td>{props.figures.events.total}</td>
            </tr>
          </tfoot>
        </table>
      </Show>
    </section>
  );
}
