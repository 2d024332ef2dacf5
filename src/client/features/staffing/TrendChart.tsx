/**
 * The trend chart, hosted by ui/UPlotChart (uPlot lifecycle; uPlot and its CSS load with this
 * component's chunk, not with the app shell). The series differ by line style and width as well
 * as colour, the legend names them, and a sentence under the chart says the same in words.
 */
import type { JSX } from 'solid-js';
import type uPlot from 'uplot';
import { UPlotChart } from '../../ui/UPlotChart';
import type { StaffingTrend } from '../../../shared/domain/staffing-trend';
import { poolDays } from '../../../shared/domain/staffing';
import { locale } from '../../kit/i18n';
import { trendColumns, yCeiling } from './chart-data';
import { pct1, shortDay, tx } from './texts';

const HEIGHT = 240;

function options(u: typeof uPlot, width: number): uPlot.Options {
  const day = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const pctValue = (_: uPlot, v: number | null) => (v === null ? '–' : pct1(v));
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, yCeiling(max)] } },
    axes: [
      { values: (_, splits) => splits.map((s) => day.format(new Date(s * 1000))) },
      { values: (_, splits) => splits.map((v) => `${v} %`), size: 56 },
    ],
    legend: { live: true },
    series: [
      { label: tx('chart.date'), value: (_, ts) => (ts === null ? '' : day.format(new Date(ts * 1000))) },
      { label: tx('chart.daily'), stroke: '#64748b', width: 0, paths: () => null, points: { show: true, size: 6, fill: '#64748b' }, value: pctValue },
      { label: tx('chart.r7'), stroke: '#1d4ed8', width: 1.5, value: pctValue },
      { label: tx('chart.r30'), stroke: '#0f172a', width: 3, value: pctValue },
      { label: tx('chart.hr'), stroke: '#b45309', width: 2, dash: [8, 4], paths: u.paths.stepped?.({ align: 1 }), value: pctValue },
      { label: tx('chart.target'), stroke: '#166534', width: 2, dash: [2, 4], value: pctValue },
    ],
  };
}

export function TrendChart(props: { trend: StaffingTrend }): JSX.Element {
  const summary = () => {
    const days = props.trend.days;
    const last30 = poolDays(days.slice(-30));
    return tx('chart.summary', {
      from: shortDay(props.trend.range.shownFrom),
      to: shortDay(props.trend.range.to),
      pct: pct1(last30.share.pct),
      filled: last30.filledDays,
      days: last30.windowDays,
    });
  };

  return (
    <figure class="trend-chart">
      <UPlotChart
        options={options}
        data={trendColumns(props.trend)}
        height={HEIGHT}
        label={summary()}
        testid="trend-chart"
        loadingText={tx('chart.loading')}
        failedText={tx('chart.failed')}
      />
      <figcaption class="sfig-note">{summary()}</figcaption>
    </figure>
  );
}
