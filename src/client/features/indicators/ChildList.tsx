/** The drill-down: the level's children with one indicator's value and status each; tap to go down. */
import { For, Show, type JSX } from 'solid-js';
import type { IndicatorDef, IndicatorReport } from '../../../shared/indicators-api';
import { t } from '../../kit/i18n';
import { StatusMark, TrendMark } from './Marks';
import { childRows } from './model';
import { formatValue, tx } from './texts';

export function ChildList(props: { report: IndicatorReport; unitId: string; def: IndicatorDef; link: (unitId: string) => string }): JSX.Element {
  const rows = () => childRows(props.report, props.unitId, props.def.key);
  const here = () => props.report.nodes.find((n) => n.id === props.unitId)?.name ?? '';
  return (
    <Show when={rows().length > 0}>
      <section class="ind-children" aria-labelledby="ind-children-title">
        <h3 id="ind-children-title">{tx('children', { name: here() })}</h3>
        <ul class="ind-rows">
          <For each={rows()}>
            {(r) => (
              <li>
                <a class={`ind-row ind-row-${r.cell?.status ?? 'unmeasurable'}`} href={props.link(r.node.id)} data-testid="child-row">
                  <span class="ind-name">
                    {r.node.name}
                    <span class="ind-sub">
                      {t(`kind.${r.node.kind}`)}
                      <Show when={r.cell}>{(c) => <> · {tx('row.n', { n: c().n })}</>}</Show>
                    </span>
                  </span>
                  <span class="ind-fig">
                    <span class="ind-value">{formatValue(r.cell?.value ?? null, props.def.unit)}</span>
                    <StatusMark status={r.cell?.status ?? 'unmeasurable'} />
                    <TrendMark trend={r.cell?.trend ?? 'none'} improving={r.cell?.improving ?? null} compact />
                  </span>
                  <span class="ind-chevron" aria-hidden="true">
                    ›
                  </span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
