/**
 * The indicator list of one level: per indicator the value with its unit, the target, status,
 * trend, n and completeness, grouped by perspective (filterable); then the levels or units
 * below with their status counts, to drill into; export and the legend.
 */
import { createMemo, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { PERSPECTIVES } from '../../../shared/schema/indicator';
import { localDate } from '../../../shared/domain/periods';
import { indicatorReport } from '../../../shared/domain/indicators';
import type { IndicatorReport } from '../../../shared/indicators-api';
import { pageNow } from '../../kit/clock';
import { settled } from '../../primitives/ask-again';
import { useApp } from '../../kit/context';
import { keepFirstPaint } from '../../kit/first-paint';
import { errorOf, t } from '../../kit/i18n';
import { indicatorContext } from '../../storage/indicator-repo';
import { getMeta } from '../../storage/meta';
import { deviceTree } from './board-goal';
import { Banner } from '../../ui/Banner';
import { Breadcrumbs } from './Breadcrumbs';
import { ExportBar } from './ExportBar';
import { IndicatorGroups } from './IndicatorGroups';
import type { Links, ScreenState } from './links';
import { DataFrom, Legend } from './Marks';
import { cellIndex, statusCounts } from './model';
import { PeriodPicker } from './PeriodPicker';
import { tx } from './texts';
import { useReport } from './use-report';

export function ListView(props: { units: readonly TreeUnit[]; state: ScreenState; links: Links }): JSX.Element {
  const res = useReport(() => ({ units: props.units, rootId: props.state.unitId, period: props.state.period }));
  const only = () => (PERSPECTIVES as readonly string[]).includes(props.state.perspective ?? '') ? (props.state.perspective as (typeof PERSPECTIVES)[number]) : undefined;
  const report = () => settled(res);
  // The next open draws the list down to its first rows at once (kit/first-paint.ts): only a
  // report computed on this device, which is what the token keeps honest; the server's answer
  // online is not kept.
  const { db, sync } = useApp();
  // "Data från <last sync>" is on the list's first screen; the sync's other state changes often.
  const lastSyncAt = createMemo(() => sync()?.lastSyncAt ?? null);
  keepFirstPaint({
    screen: 'indicators',
    unitId: () => props.state.unitId,
    shown: () => {
      const r = report();
      return r === undefined || r.source !== 'device' ? undefined : [props.units, withoutTime(r.res), lastSyncAt()];
    },
    reread: async () => {
      const now = pageNow();
      const tree = await deviceTree(db);
      const ctx = await indicatorContext(db, tree, props.state.unitId, localDate(now));
      return [tree, withoutTime(await indicatorReport(ctx, props.state.period, now)), (await getMeta(db, 'lastSyncAt')) ?? null];
    },
  });
  const children = () => {
    const r = report()?.res;
    if (r === undefined) return [];
    const cell = cellIndex(r);
    return r.nodes.filter((n) => n.parentId === r.rootId).map((node) => ({ node, counts: statusCounts(r.defs.map((d) => cell(node.id, d.key))) }));
  };

  return (
    <div class="ind-list">
      <PeriodPicker period={props.state.period} today={props.state.today} link={(p) => props.links.list({ period: p })} />
      <Breadcrumbs units={props.units} scopeId={props.state.scopeId} unitId={props.state.unitId} link={(id) => props.links.list({ unit: id })} />
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={report()}>
          {(r) => (
            <>
              <DataFrom source={r().source} computedAt={r().res.computedAt} />
              <Show when={r().source === 'device'}>
                <Banner tone="warning">{tx('deviceComputedLong')}</Banner>
              </Show>
              {/* The way down the tree comes first: a manager on a phone finds the units under this level at once (issue 14). */}
              <Show when={children().length > 0}>
                <h2>{tx('children', { name: r().res.nodes[0]?.name ?? '' })}</h2>
                <ul class="ind-rows">
                  <For each={children()}>
                    {(c) => (
                      <li>
                        <a class="ind-row ind-child" href={props.links.list({ unit: c.node.id })}>
                          <span class="ind-name">
                            {c.node.name}
                            <span class="ind-sub">{t(`kind.${c.node.kind}`)}</span>
                          </span>
                          <span class="ind-counts" aria-label={`${c.counts.notMet} ${tx('status.notMet')}, ${c.counts.partial} ${tx('status.partial')}, ${c.counts.unmeasurable} ${tx('status.unmeasurable')}, ${c.counts.met} ${tx('status.met')}`}>
                            <span class="ind-notMet">◆ {c.counts.notMet}</span> <span class="ind-partial">▲ {c.counts.partial}</span> <span class="ind-unmeasurable">□ {c.counts.unmeasurable}</span>{' '}
                            <span class="ind-met">● {c.counts.met}</span>
                          </span>
                          <span class="ind-chevron" aria-hidden="true">›</span>
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <nav class="ind-filter" aria-label={tx('perspective.filter')}>
                <a class="ind-kind" href={props.links.list({ p: null })} aria-current={only() === undefined ? 'page' : undefined}>
                  {tx('perspective.all')}
                </a>
                <For each={PERSPECTIVES.filter((p) => r().res.defs.some((d) => d.perspective === p))}>
                  {(p) => (
                    <a class="ind-kind" href={props.links.list({ p })} aria-current={only() === p ? 'page' : undefined}>
                      {tx(`perspective.${p}`)}
                    </a>
                  )}
                </For>
              </nav>
              <Show when={r().res.defs.length > 0} fallback={<p class="muted">{tx('noIndicators')}</p>}>
                <IndicatorGroups report={r().res} unitId={props.state.unitId} only={only()} trendHref={(key) => props.links.trend(key)} />
              </Show>
              <ExportBar report={r().res} printHref={props.links.print()} />
              <Legend />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

/** A report without the moment it was computed (two reads of the same data differ only there). */
const withoutTime = (res: IndicatorReport): IndicatorReport => ({ ...res, computedAt: '' });
