/**
 * One indicator at one level over time (#/mal/trend?unit=…&key=…&period=…): the run chart
 * (uPlot, lazily loaded) with target and median, the run-rule signals in words, a table of the
 * points, and the level's children with the same indicator to drill into.
 */
import { Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { pageNow } from '../../kit/clock';
import { useApp } from '../../kit/context';
import { askServerAgain, createAnswer, settled } from '../../primitives';
import { errorOf, language, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Breadcrumbs } from './Breadcrumbs';
import { ChildList } from './ChildList';
import { IndicatorAnalyses } from './IndicatorAnalyses';
import type { Links, ScreenState } from './links';
import { loadSeries } from './load';
import { DataFrom, StatusMark, TrendMark } from './Marks';
import { cellIndex } from './model';
import { kindOf } from '../../kit/period';
import { SERIES_COUNT } from './period';
import { PeriodPicker } from './PeriodPicker';
import { PointTable, SignalList } from './SeriesDetails';
import { formatTarget, formatValue, tx } from './texts';
import { TrendChart } from './TrendChart';
import { useReport } from './use-report';

export function TrendView(props: { units: readonly TreeUnit[]; state: ScreenState; indicatorKey: string; links: Links }): JSX.Element {
  const { api, db, sync } = useApp();
  const [series, { refetch }] = createAnswer(
    () => ({ unitId: props.state.unitId, key: props.indicatorKey, to: props.state.period }),
    ({ unitId, key, to }) => loadSeries(api, db, props.units, unitId, key, to, SERIES_COUNT[kindOf(to)], pageNow()),
  );
  askServerAgain(sync, series, refetch);
  const report = useReport(() => ({ units: props.units, rootId: props.state.unitId, period: props.state.period }));
  const cell = () => {
    const r = settled(report);
    return r === undefined ? null : cellIndex(r.res)(props.state.unitId, props.indicatorKey);
  };
  const name = () => {
    const s = settled(series)?.res.def.name;
    return s === undefined ? '' : language() === 'en' ? s.en : s.sv;
  };
  const link = (unit: string) => props.links.trend(props.indicatorKey, { unit });

  return (
    <div class="ind-trendview">
      <a class="btn btn-link" href={props.links.list()}>
        {tx('trend.back')}
      </a>
      <PeriodPicker period={props.state.period} today={props.state.today} link={(p) => props.links.trend(props.indicatorKey, { period: p })} />
      <Breadcrumbs units={props.units} scopeId={props.state.scopeId} unitId={props.state.unitId} link={link} />
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={series.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={settled(series)}>
          {(s) => (
            <>
              <h2 class="ind-trend-title">{name()}</h2>
              <div class="ind-headline">
                <span class="ind-value">{formatValue(cell()?.value ?? s().res.points.at(-1)?.value ?? null, s().res.def.unit)}</span>
                <Show when={cell()}>
                  {(c) => (
                    <>
                      <StatusMark status={c().status} />
                      <Show when={c().trend !== 'none'}>
                        <TrendMark trend={c().trend} improving={c().improving} />
                      </Show>
                    </>
                  )}
                </Show>
                <span class="ind-sub">{formatTarget(cell()?.target ?? s().res.def.target, s().res.def.unit)}</span>
              </div>
              <DataFrom source={s().source} computedAt={s().res.computedAt} />
              <Show when={s().source === 'device'}>
                <Banner tone="warning">{tx('deviceComputedLong')}</Banner>
              </Show>
              <section class="ind-chart" aria-labelledby="ind-chart-title">
                <h3 id="ind-chart-title">{tx('trend.periods', { n: s().res.points.length })}</h3>
                <TrendChart series={s().res} name={name()} />
                <SignalList series={s().res} />
              </section>
              <IndicatorAnalyses units={props.units} unitId={props.state.unitId} indicatorKey={props.indicatorKey} />
              <Show when={settled(report)}>
                {(r) => <ChildList report={r().res} unitId={props.state.unitId} def={s().res.def} link={link} />}
              </Show>
              <PointTable series={s().res} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
