/**
 * Small pieces every indicator view shares: the status mark (symbol + word, colour only
 * reinforcing), the trend arrow with its word, "Data från …" with the device mark, and the legend.
 */
import { For, Show, type JSX } from 'solid-js';
import { INDICATOR_STATUSES, type IndicatorStatus, type TrendArrow } from '../../../shared/indicators-api';
import { pageNow } from '../../kit/clock';
import { useApp } from '../../kit/context';
import { formatTime } from '../../kit/format';
import { STATUS_SYMBOL, TREND_SYMBOL, statusText, trendClass, trendText, tx } from './texts';

export function StatusMark(props: { status: IndicatorStatus; compact?: boolean }): JSX.Element {
  return (
    <span class={`ind-status ind-${props.status}`} title={statusText(props.status)}>
      <span class="ind-symbol" aria-hidden="true">
        {STATUS_SYMBOL[props.status]}
      </span>
      <span class={props.compact ? 'sr-only' : 'ind-status-text'}>{statusText(props.status)}</span>
    </span>
  );
}

export function TrendMark(props: { trend: TrendArrow; improving: boolean | null; compact?: boolean }): JSX.Element {
  const text = () => trendText(props.trend, props.improving);
  return (
    <Show when={props.trend !== 'none'} fallback={<span class="ind-trend trend-neutral">–<span class="sr-only">{text()}</span></span>}>
      {/* The word is the name (aria-label is not allowed on a plain span: axe aria-prohibited-attr). */}
      <span class={`ind-trend ${trendClass(props.trend, props.improving)}`} title={text()}>
        <span aria-hidden="true">{TREND_SYMBOL[props.trend]}</span>
        <span class={props.compact ? 'sr-only' : 'ind-trend-text'}>{text()}</span>
      </span>
    </Show>
  );
}

/** "Data från 14:32" (server) or "Data från <last sync> · beräknat på enheten" (device). */
export function DataFrom(props: { source: 'server' | 'device'; computedAt: string }): JSX.Element {
  const { sync } = useApp();
  const time = () => {
    if (props.source === 'server') return formatTime(Date.parse(props.computedAt), pageNow());
    const last = sync()?.lastSyncAt ?? null;
    return last === null ? null : formatTime(last, pageNow());
  };
  return (
    <p class="ind-datafrom" data-testid="data-from">
      {time() === null ? tx('dataFromUnknown') : tx('dataFrom', { time: time() ?? '' })}
      <Show when={props.source === 'device'}>
        <span class="tag ind-device">{tx('deviceComputed')}</span>
      </Show>
    </p>
  );
}

export function Legend(): JSX.Element {
  return (
    <details class="ind-legend">
      <summary>{tx('status.legend')}</summary>
      <ul class="plain-list">
        <For each={INDICATOR_STATUSES}>
          {(s) => (
            <li>
              <StatusMark status={s} />
            </li>
          )}
        </For>
        <li>
          <span class="ind-trend trend-good">↑ {tx('trend.better')}</span> · <span class="ind-trend trend-bad">↓ {tx('trend.worse')}</span> ·{' '}
          <span class="ind-trend trend-neutral">→ {tx('trend.flat')}</span> · <span class="ind-trend trend-neutral">↕ {tx('trend.diverging')}</span>
        </li>
      </ul>
    </details>
  );
}
