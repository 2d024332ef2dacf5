/** The series in words and as a table: run-rule signals as sentences, then one row per period (readable without the chart). */
import { For, Show, type JSX } from 'solid-js';
import type { IndicatorSeries } from '../../../shared/indicators-api';
import { StatusMark } from './Marks';
import { pointSignals, signalLines } from './chart-data';
import { formatValue, periodLabel, shortPeriod, tx } from './texts';

export function SignalList(props: { series: IndicatorSeries }): JSX.Element {
  const lines = () => signalLines(props.series);
  return (
    <div class="ind-signals" data-testid="signals">
      <h3>{tx('signals.title')}</h3>
      <Show when={lines().length > 0} fallback={<p class="muted">{tx('signals.none')}</p>}>
        <ul>
          <For each={lines()}>
            {(l) => (
              <li class={`ind-signal-${l.kind}`}>
                {tx(`signal.${l.kind}.${l.side}` as 'signal.shift.above', { n: l.n, from: periodLabel(l.fromPeriod), to: periodLabel(l.toPeriod) })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

export function PointTable(props: { series: IndicatorSeries }): JSX.Element {
  const marks = () => pointSignals(props.series);
  const unit = () => props.series.def.unit;
  return (
    // A box that scrolls sideways is reachable by keyboard (tab stop + name), WCAG 2.1.1.
    <div class="ind-table-wrap" tabindex="0" role="region" aria-label={tx('table.caption')}>
      <table class="ind-table">
        <caption>{tx('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{tx('table.period')}</th>
            <th scope="col">{tx('table.value')}</th>
            <th scope="col">{tx('table.n')}</th>
            <th scope="col">{tx('table.status')}</th>
            <th scope="col">{tx('table.target')}</th>
            <th scope="col">{tx('table.signal')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={[...props.series.points.keys()].reverse()}>
            {(i) => {
              const p = props.series.points[i];
              return (
                <Show when={p}>
                  {(pt) => (
                    <tr>
                      <th scope="row">{shortPeriod(pt().period)}</th>
                      <td>{formatValue(pt().value, unit())}</td>
                      <td>{pt().n}</td>
                      <td>
                        <StatusMark status={pt().status} compact />
                      </td>
                      <td>{formatValue(pt().targetValue, unit())}</td>
                      <td>{(marks()[i] ?? []).map((k) => (k === 'shift' ? tx('chart.shift') : tx('chart.trendPoints'))).join(', ')}</td>
                    </tr>
                  )}
                </Show>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
