/**
 * The printable page (#/mal/utskrift?unit=…&period=…): the level's indicator table and the
 * units × indicators table, on A4 landscape, readable in black and white (symbols and words,
 * never colour alone). "Skriv ut" opens the browser's print dialog.
 */
import { For, Match, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { errorOf, language, t } from '../../kit/i18n';
import { settled } from '../../primitives/ask-again';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import type { Links, ScreenState } from './links';
import { DataFrom, StatusMark, TrendMark } from './Marks';
import { listGroups } from './model';
import { PulseTable } from './PulseTable';
import { formatTarget, formatValue, periodLabel, reportingText, tx } from './texts';
import { useReport } from './use-report';

export function PrintView(props: { units: readonly TreeUnit[]; state: ScreenState; links: Links; unitName: string }): JSX.Element {
  const res = useReport(() => ({ units: props.units, rootId: props.state.unitId, period: props.state.period }));
  return (
    <div class="ind-print">
      <div class="button-row no-print">
        <a class="btn btn-link" href={props.links.list()}>
          {tx('trend.back')}
        </a>
        <Button variant="primary" onClick={() => window.print()}>
          {tx('printNow')}
        </Button>
      </div>
      <h2>{tx('print.title', { name: props.unitName, period: periodLabel(props.state.period) })}</h2>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={settled(res)}>
          {(r) => (
            <>
              <DataFrom source={r().source} computedAt={r().res.computedAt} />
              {/* On screen a narrow phone scrolls the table in its own box (reflow); paper shows it whole. */}
              <div class="ind-table-wrap" tabindex="0" role="region" aria-label={tx('print.title', { name: props.unitName, period: periodLabel(props.state.period) })}>
              <table class="ind-table ind-print-table">
                <thead>
                  <tr>
                    <th scope="col">{tx('table.indicator')}</th>
                    <th scope="col">{tx('table.value')}</th>
                    <th scope="col">{tx('table.target')}</th>
                    <th scope="col">{tx('table.status')}</th>
                    <th scope="col">{tx('table.trend')}</th>
                    <th scope="col">{tx('table.n')}</th>
                    <th scope="col">{tx('table.reporting')}</th>
                  </tr>
                </thead>
                <For each={listGroups(r().res, props.state.unitId)}>
                  {(g) => (
                    <tbody>
                      <tr>
                        <th colSpan={7} scope="colgroup" class="ind-group-row">
                          {tx(`perspective.${g.perspective}`)}
                        </th>
                      </tr>
                      <For each={g.rows}>
                        {(row) => (
                          <tr>
                            <th scope="row">{language() === 'en' ? row.def.name.en : row.def.name.sv}</th>
                            <td>{formatValue(row.cell?.value ?? null, row.def.unit)}</td>
                            <td>{formatTarget(row.cell?.target ?? row.def.target, row.def.unit)}</td>
                            <td>
                              <StatusMark status={row.cell?.status ?? 'unmeasurable'} />
                            </td>
                            <td>
                              <TrendMark trend={row.cell?.trend ?? 'none'} improving={row.cell?.improving ?? null} />
                            </td>
                            <td>{row.cell?.n ?? 0}</td>
                            <td>{row.cell ? reportingText(row.cell.reporting, row.cell.expected) : '–'}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  )}
                </For>
              </table>
              </div>
              <h3>{tx('pulse.title')}</h3>
              <PulseTable report={r().res} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
