/**
 * Units × indicators, worst first: a sticky first column with the unit and its counts, one
 * column per indicator with the status symbol and value (↕ when women and men moved apart, and
 * K's and M's own status where the target is per sex). Scrolls sideways on a phone. Used by
 * the pulse view and the printable page.
 */
import { For, Show, type JSX } from 'solid-js';
import type { IndicatorReport } from '../../../shared/indicators-api';
import { language } from '../../kit/i18n';
import { pulseRows } from './model';
import { STATUS_SYMBOL, TREND_SYMBOL, cellSexStatuses, formatValue, statusText, trendText, tx } from './texts';

export function PulseTable(props: { report: IndicatorReport; link?: (unitId: string, key: string) => string }): JSX.Element {
  const table = () => pulseRows(props.report);
  const name = (d: { name: { sv: string; en: string } }) => (language() === 'en' ? d.name.en : d.name.sv);
  return (
    <Show when={table().rows.length > 0} fallback={<p class="muted">{tx('pulse.noUnits')}</p>}>
      <div class="ind-pulse-wrap" tabindex="0" role="region" aria-label={tx('pulse.title')}>
        <table class="ind-pulse" data-testid="pulse-table">
          <caption>{tx('pulse.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="ind-sticky">
                {tx('table.unit')}
              </th>
              <For each={table().defs}>{(d) => <th scope="col">{name(d)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={table().rows}>
              {(row) => (
                <tr>
                  <th scope="row" class="ind-sticky">
                    <span class="ind-pulse-unit">{row.node.name}</span>
                    <span class="ind-sub">{tx('pulse.summary', { notMet: row.counts.notMet, partial: row.counts.partial, unmeasurable: row.counts.unmeasurable })}</span>
                  </th>
                  <For each={row.cells}>
                    {(c, i) => {
                      const def = () => table().defs[i()];
                      const status = () => c?.status ?? 'unmeasurable';
                      const body = () => (
                        <>
                          <span class="ind-symbol" aria-hidden="true">
                            {STATUS_SYMBOL[status()]}
                          </span>{' '}
                          <span class="ind-cellvalue">{formatValue(c?.value ?? null, def()?.unit ?? 'count')}</span>
                          <span class="sr-only"> {statusText(status())}</span>
                          <Show when={c?.trend === 'diverging'}>
                            {' '}
                            <span aria-hidden="true">{TREND_SYMBOL.diverging}</span>
                            <span class="sr-only">{trendText('diverging', null)}</span>
                          </Show>
                          <Show when={c && def() ? cellSexStatuses(def() as NonNullable<ReturnType<typeof def>>, c) : null}>
                            {(s) => (
                              <span class="ind-sub" data-testid="pulse-km">
                                K {STATUS_SYMBOL[s().k]}<span class="sr-only"> {statusText(s().k)}</span> M {STATUS_SYMBOL[s().m]}<span class="sr-only"> {statusText(s().m)}</span>
                              </span>
                            )}
                          </Show>
                        </>
                      );
                      return (
                        <td class={`ind-${status()}`}>
                          <Show when={props.link && def()} fallback={body()}>
                            {(d) => <a href={props.link?.(row.node.id, d().key)}>{body()}</a>}
                          </Show>
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
