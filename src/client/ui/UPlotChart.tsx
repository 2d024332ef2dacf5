/**
 * The uPlot host shared by the charts: owns the uPlot lifecycle (created on mount, data replaced
 * when it changes, resized with its box, destroyed on unmount). uPlot and its CSS are imported
 * dynamically here, so they load with the lazy chunk that shows a chart, never with the app shell.
 * Renders the canvas box (role img, labelled) and a "loading"/"failed" line until the chart stands.
 */
import { createEffect, createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';

const MIN_WIDTH = 280;

export interface UPlotChartProps {
  /** Builds the options for the given uPlot constructor and starting width. */
  options: (U: typeof uPlot, width: number) => uPlot.Options;
  /** The columns; read reactively, so a change replaces the chart's data. */
  data: uPlot.AlignedData;
  height: number;
  label: string;
  testid: string;
  loadingText: string;
  failedText: string;
}

export function UPlotChart(props: UPlotChartProps): JSX.Element {
  let host: HTMLDivElement | undefined;
  let chart: uPlot | undefined;
  const [state, setState] = createSignal<'loading' | 'ready' | 'failed'>('loading');

  onMount(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    onCleanup(() => {
      disposed = true;
      observer?.disconnect();
      chart?.destroy();
    });
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([mod]) => {
        if (disposed || host === undefined) return;
        const U = mod.default;
        chart = new U(props.options(U, Math.max(MIN_WIDTH, host.clientWidth)), props.data, host);
        observer = new ResizeObserver(() => chart?.setSize({ width: Math.max(MIN_WIDTH, host?.clientWidth ?? MIN_WIDTH), height: props.height }));
        observer.observe(host);
        setState('ready');
      })
      .catch(() => setState('failed'));
  });

  createEffect(() => {
    const cols = props.data;
    if (state() !== 'ready' || chart === undefined) return;
    chart.setData(cols);
  });

  return (
    <>
      <div ref={host} class="trend-canvas" role="img" aria-label={props.label} data-testid={props.testid} />
      <Show when={state() !== 'ready'}>
        <p class="muted">{state() === 'failed' ? props.failedText : props.loadingText}</p>
      </Show>
    </>
  );
}
