/**
 * Staffing for a level (VO, division, region) on a phone: the board's pooled sick share with
 * completeness, the HR kvot with its source, beds, the trend, and one row per unit below to
 * drill into. Month stepping; a breadcrumb back up.
 */
import { createMemo, For, Match, Show, Switch, type JSX } from 'solid-js';
import { ancestorsOf, type TreeUnit } from '../../../shared/domain/rollup';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { errorOf, t } from '../../kit/i18n';
import { href } from '../../kit/router';
import { Banner } from '../../ui/Banner';
import { loadRollup } from './load-rollup';
import { atMostValue, boardGoals } from '../../../shared/domain/indicators/board-goal';
import { askServerAgain, createAnswer, createLiveQuery, settled } from '../../primitives';
import { indicatorRowsFor } from '../../storage/indicator-repo';
import { refreshGoalsOf } from '../indicators/board-goal';
import { NodeSummary } from './NodeSummary';
import { rollupView } from './rollup-model';
import { TrendChart } from './TrendChart';
import { pct1, tx } from './texts';

export function RollupView(props: { units: readonly TreeUnit[]; rootId: string; month: string; thisMonth: string; next: string | null; prev: string }): JSX.Element {
  const { api, db, sync } = useApp();
  const session = useSession();
  const [res, { refetch }] = createAnswer(
    () => ({ root: props.rootId, month: props.month }),
    ({ root, month }) => loadRollup(api, db, props.units, root, month, pageNow()),
  );
  askServerAgain(sync, res, refetch);
  // The HR kvot is judged against its own catalogue target (hrKvot) at each node, resolved here.
  refreshGoalsOf(() => props.rootId);
  const goalRows = createLiveQuery(() => indicatorRowsFor(db, props.units, props.rootId));
  const goalOf = createMemo(() => {
    const rows = goalRows();
    return rows === undefined ? null : boardGoals(rows, props.units);
  });
  const view = () => {
    const goals = goalOf();
    const r = settled(res);
    return r !== undefined && goals !== null ? rollupView(r.res, (id) => atMostValue(goals(id, 'hrKvot'))) : null;
  };
  const link = (unit: string, month: string) => href(['bemanning'], { unit, month: month === props.thisMonth ? undefined : month });
  /** Levels from the caller's own scope down to here. */
  const trail = () => {
    const scope = session().identity.scopeUnitId;
    const up = ancestorsOf(props.units, props.rootId);
    const cut = up.indexOf(scope);
    const ids = [...(cut >= 0 ? up.slice(0, cut + 1) : props.rootId === scope ? [] : up)].reverse();
    return ids.map((id) => props.units.find((u) => u.id === id)).filter((u): u is TreeUnit => u !== undefined);
  };

  return (
    <div class="staffing-rollup">
      <nav class="month-picker" aria-label={tx('rollupTitle')}>
        <a class="btn btn-secondary" href={link(props.rootId, props.prev)} aria-label={tx('prevMonth')}>
          ‹
        </a>
        <span class="month-label">{formatMonth(props.month)}</span>
        <Show when={props.next} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
          {(n) => (
            <a class="btn btn-secondary" href={link(props.rootId, n())} aria-label={tx('nextMonth')}>
              ›
            </a>
          )}
        </Show>
      </nav>
      <Show when={trail().length > 0}>
        <nav class="breadcrumb" aria-label={tx('rollup.breadcrumb')}>
          <For each={trail()}>
            {(u) => (
              <>
                <a href={link(u.id, props.month)}>{u.name}</a>
                <span aria-hidden="true"> › </span>
              </>
            )}
          </For>
        </nav>
      </Show>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={view()}>
          {(v) => (
            <>
              <Show when={settled(res)?.source === 'device'}>
                <Banner tone="warning">{tx('rollup.offline')}</Banner>
              </Show>
              <Show when={props.month === props.thisMonth && v().root.hrSource === 'none'}>
                <Banner tone="info" actions={<a class="btn btn-secondary" href={link(props.rootId, props.prev)}>{tx('rollup.showMonth', { month: formatMonth(props.prev, false) })}</a>}>
                  {tx('rollup.hrLater', { month: formatMonth(props.month, false) })}
                </Banner>
              </Show>
              <NodeSummary view={v().root} month={props.month} />
              <section class="board-chart" aria-labelledby="chart-title">
                <h2 id="chart-title">{tx('chart.title')}</h2>
                <Show when={settled(res)}>{(r) => <TrendChart trend={r().res.trend} />}</Show>
              </section>
              <h2>{tx('rollup.children', { name: v().root.node.name })}</h2>
              <Show when={v().children.length > 0} fallback={<p class="muted">{tx('rollup.noChildren')}</p>}>
                <ul class="srows">
                  <For each={v().children}>
                    {(c) => (
                      <li>
                        <a class="srow" href={link(c.node.unitId, props.month)}>
                          <span class="srow-name">
                            {c.node.name}
                            <span class="srow-sub">
                              {t(`kind.${c.node.kind}`)}
                              {c.node.closed ? ` · ${tx('rollup.closed')}` : ''}
                            </span>
                          </span>
                          <span class="srow-fig">
                            <span class="srow-label">{tx('rollup.rowBoard')}</span>
                            <span class="srow-value">{c.node.board.filledDays === 0 ? '–' : pct1(c.board.pct)}</span>
                            <span class="srow-n">{tx('rollup.days', { filled: c.node.board.filledDays, expected: c.node.board.expectedDays })}</span>
                          </span>
                          <span class="srow-fig">
                            <span class="srow-label">{tx('rollup.rowHr')}</span>
                            <span class="srow-value">{pct1(c.hrPct)}</span>
                            <span class="srow-n">{c.hrSource === 'weighted' ? tx('rollup.hrWeighted', { n: c.hr.weightedUnits, m: c.hr.units }) : c.hrSource === 'perUnit' ? tx('rollup.hrPerUnit') : ''}</span>
                          </span>
                          <span class="srow-chevron" aria-hidden="true">
                            ›
                          </span>
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
