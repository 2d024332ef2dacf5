/**
 * One indicator at one node as a tappable row: name, target, n and completeness, K and M (each
 * with its own status where the target is per sex); value, status and trend (↕ when women and men
 * moved apart).
 */
import { Show, type JSX } from 'solid-js';
import type { IndicatorCell, IndicatorDef } from '../../../shared/indicators-api';
import { belowMinN, CountLead } from '../../ui/CountLead';
import { StatusMark, TrendMark } from './Marks';
import { formatTarget, formatValue, kAndMText, reportingText, tx } from './texts';

export function IndicatorRow(props: { def: IndicatorDef; cell: IndicatorCell | null; href: string; name: string }): JSX.Element {
  const status = () => props.cell?.status ?? 'unmeasurable';
  // Below the minimum n the count leads and the value follows small and grey, as on the boards (ui/CountLead).
  const fewN = () => {
    const c = props.cell;
    return c !== null && c.value !== null && belowMinN(c.n, props.def.minN) ? c.n : null;
  };
  return (
    <a class={`ind-row ind-row-${status()}`} href={props.href} data-testid="indicator-row" data-key={props.def.key}>
      <span class="ind-name">
        {props.name}
        <span class="ind-sub">{formatTarget(props.cell?.target ?? props.def.target, props.def.unit)}</span>
        <Show when={props.cell}>
          {(c) => (
            <span class="ind-sub">
              {tx('row.n', { n: c().n })} · {reportingText(c().reporting, c().expected)}
              <Show when={c().valueK !== null || c().valueM !== null}>
                {' · '}
                <span data-testid="indicator-km">{kAndMText(props.def, c())}</span>
              </Show>
            </span>
          )}
        </Show>
      </span>
      <span class="ind-fig">
        <Show when={fewN() !== null}>
          <CountLead n={fewN() ?? 0} minN={props.def.minN} class="ind-count-lead" />
        </Show>
        <span class="ind-value">{formatValue(props.cell?.value ?? null, props.def.unit)}</span>
        <StatusMark status={status()} />
        <TrendMark trend={props.cell?.trend ?? 'none'} improving={props.cell?.improving ?? null} />
      </span>
      <span class="ind-chevron" aria-hidden="true">
        ›
      </span>
    </a>
  );
}
