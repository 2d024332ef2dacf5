/**
 * The run chart, hosted by ui/UPlotChart (uPlot lifecycle; uPlot and its CSS load with this
 * component's chunk only). Lines differ by style and width as well as colour (value solid, target
 * dashed, median dotted); signal points are drawn larger over the line and listed in words beside
 * the chart.
 */
import type { JSX } from 'solid-js';
import type uPlot from 'uplot';
import { UPlotChart } from '../../ui/UPlotChart';
import type { IndicatorSeries } from '../../../shared/indicators-api';
import { seriesColumns, yRange } from './chart-data';
import { formatValue, shortPeriod, tx } from './texts';

const HEIGHT = 240;

function options(series: IndicatorSeries, width: number): uPlot.Options {
  const unit = series.def.unit;
  const label = (i: number) => {
    const p = series.points[Math.round(i)];
    return p === undefined || Math.abs(i - Math.round(i)) > 0.01 ? '' : shortPeriod(p.period);
  };
  const fmt = (_: uPlot, v: number | null) => (v === null ? '–' : formatValue(v, unit));
  const marks = (size: number, fill: string, stroke: string) => ({ stroke, width: 0, paths: () => null, points: { show: true, size, fill, stroke, width: 3 }, value: fmt });
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: false }, y: { range: (u) => yRange(u.data as never, unit) } },
    axes: [
      { values: (_, splits) => splits.map(label), space: 48 },
      { values: (_, splits) => splits.map((v) => formatValue(v, unit === 'days' ? 'count' : unit)), size: 56 },
    ],
    legend: { live: true },
    series: [
      { label: tx('chart.period'), value: (_, i) => (i === null ? '' : label(i)) },
      { label: tx('chart.value'), stroke: '#0f172a', width: 2.5, points: { show: true, size: 6, fill: '#0f172a' }, spanGaps: false, value: fmt },
      { label: tx('chart.target'), stroke: '#166534', width: 2, dash: [10, 5], points: { show: false }, value: fmt },
      { label: tx('chart.median'), stroke: '#1d4ed8', width: 1.5, dash: [2, 4], points: { show: false }, value: fmt },
      { label: tx('chart.shift'), ...marks(14, '#ffffff', '#b45309') },
      { label: tx('chart.trendPoints'), ...marks(10, '#7c3aed', '#7c3aed') },
    ],
  };
}

export function TrendChart(props: { series: IndicatorSeries; name: string }): JSX.Element {
  const summary = () => {
    const pts = props.series.points;
    const last = [...pts].reverse().find((p) => p.value !== null);
    return tx('chart.summary', {
      name: props.name,
      from: shortPeriod(pts[0]?.period ?? ''),
      to: shortPeriod(pts.at(-1)?.period ?? ''),
      last: formatValue(last?.value ?? null, props.series.def.unit),
      median: formatValue(props.series.median, props.series.def.unit),
    });
  };

  return (
    <figure class="trend-chart ind-figure">
      <UPlotChart
        options={(_U, width) => options(props.series, width)}
        data={seriesColumns(props.series)}
        height={HEIGHT}
        label={summary()}
        testid="indicator-chart"
        loadingText={tx('chart.loading')}
        failedText={tx('chart.failed')}
      />
      <figcaption class="ind-sub">{summary()}</figcaption>
    </figure>
  );
}
