/**
 * The analyses written at this level for the styrmått that read this indicator (issue 13), beside
 * its figure on Mål och resultat: newest report period first, with who wrote it and when. Read
 * from the device's replica, so they show offline too.
 */
import { For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { REPORT_PERIOD, REPORT_PERIOD_LABEL, type ReportPeriodKind } from '../../../shared/schema/goal';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
import { analysesOfIndicator } from '../../storage/goal-repo';
import { tx } from './texts';

const label = (period: string) => {
  const m = REPORT_PERIOD.exec(period);
  return m === null ? period : `${REPORT_PERIOD_LABEL[m[2] as ReportPeriodKind]} ${m[1]}`;
};

export function IndicatorAnalyses(props: { units: readonly TreeUnit[]; unitId: string; indicatorKey: string }): JSX.Element {
  const { db } = useApp();
  const list = createLiveQuery(() => analysesOfIndicator(db, props.units, props.unitId, props.indicatorKey));
  return (
    <Show when={(list() ?? []).length > 0}>
      <section class="ind-analyses" data-testid="indicator-analyses">
        <h3>{tx('an.title')}</h3>
        <For each={list()}>
          {(a) => (
            <article class="goal-analysis">
              <p class="goal-analysis-title">
                <strong>
                  {a.styrmatt} · {label(a.period)}
                </strong>
              </p>
              <For each={a.text.split('\n')}>{(line) => <p>{line}</p>}</For>
              <p class="muted goal-analysis-by">
                {a.author}, {a.writtenAt.slice(0, 10)}
              </p>
            </article>
          )}
        </For>
      </section>
    </Show>
  );
}
