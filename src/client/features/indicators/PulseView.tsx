/** The division pulse view (#/mal/puls): every unit under the level × every indicator, worst first. */
import { Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { errorOf, t } from '../../kit/i18n';
import { settled } from '../../primitives/ask-again';
import { Banner } from '../../ui/Banner';
import { Breadcrumbs } from './Breadcrumbs';
import { ExportBar } from './ExportBar';
import type { Links, ScreenState } from './links';
import { DataFrom, Legend } from './Marks';
import { PeriodPicker } from './PeriodPicker';
import { PulseTable } from './PulseTable';
import { tx } from './texts';
import { useReport } from './use-report';

export function PulseView(props: { units: readonly TreeUnit[]; state: ScreenState; links: Links }): JSX.Element {
  const res = useReport(() => ({ units: props.units, rootId: props.state.unitId, period: props.state.period }));
  return (
    <div class="ind-pulseview">
      <h2>{tx('pulse.title')}</h2>
      <PeriodPicker period={props.state.period} today={props.state.today} link={(p) => props.links.pulse({ period: p })} />
      <Breadcrumbs units={props.units} scopeId={props.state.scopeId} unitId={props.state.unitId} link={(id) => props.links.pulse({ unit: id })} />
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={settled(res)}>
          {(r) => (
            <>
              <DataFrom source={r().source} computedAt={r().res.computedAt} />
              <Show when={r().source === 'device'}>
                <Banner tone="warning">{tx('deviceComputedLong')}</Banner>
              </Show>
              <PulseTable report={r().res} link={(unit, key) => props.links.trend(key, { unit })} />
              <ExportBar report={r().res} printHref={props.links.print()} />
              <Legend />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
