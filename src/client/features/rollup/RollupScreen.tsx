/**
 * BHK for a manager's subtree (#/oversikt?unit=…&month=YYYY-MM): total, hygiene-all, dress-all
 * with n and completeness for the selected level, its child units to drill into, a breadcrumb
 * back up, and month stepping. One request per month fetches the whole subtree; drilling down
 * is local. Server data: this screen needs the network.
 */
import { createMemo, createResource, For, Match, Show, Switch, type JSX } from 'solid-js';
import { BhkRollupResponse } from '../../../shared/api';
import { localDate } from '../../../shared/domain';
import { pageNow } from '../../app/clock';
import { useApp, useSession } from '../../app/context';
import { formatMonth } from '../../app/format';
import { errorOf, t } from '../../app/i18n';
import { href, route } from '../../app/router';
import { Banner } from '../../ui/Banner';
import { Figure } from '../../ui/Figure';
import { WeakestStep } from '../../ui/WeakestStep';
import { FigureRow } from '../../ui/FigureRow';
import { nextMonth, previousMonth, rollupView } from './rollup-model';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export default function RollupScreen(): JSX.Element {
  const { api } = useApp();
  const session = useSession();
  const thisMonth = () => localDate(pageNow()).slice(0, 7);
  const month = createMemo(() => {
    const q = route().query.month;
    return q !== undefined && MONTH_RE.test(q) && q <= thisMonth() ? q : thisMonth();
  });
  const rootId = () => session().identity.scopeUnitId;
  const [res] = createResource(
    () => ({ root: rootId(), month: month() }),
    ({ root, month: m }) =>
      api.get(`/api/rollup/bhk?rootId=${encodeURIComponent(root)}&month=${m}`, BhkRollupResponse),
  );
  const view = () => (res.state === 'ready' ? rollupView(res(), route().query.unit) : null);
  const link = (unit: string | undefined, m: string) =>
    href(['oversikt'], { unit, month: m === thisMonth() ? undefined : m });

  return (
    <div class="screen rollup">
      <header class="screen-head">
        <h1>{t('rollup.title')}</h1>
        <nav class="month-picker" aria-label={t('rollup.title')}>
          <a class="btn btn-secondary" href={link(route().query.unit, previousMonth(month()))} aria-label={t('rollup.prevMonth')}>
            ‹
          </a>
          <span class="month-label">{formatMonth(month())}</span>
          <Show when={month() < thisMonth()} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
            <a class="btn btn-secondary" href={link(route().query.unit, nextMonth(month()))} aria-label={t('rollup.nextMonth')}>
              ›
            </a>
          </Show>
        </nav>
      </header>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>
          {(err) => (
            <Banner tone="error">
              {errorOf(err())} {t('rollup.needsNetwork')}
            </Banner>
          )}
        </Match>
        <Match when={view()}>
          {(v) => (
            <>
              <nav class="breadcrumb" aria-label={t('rollup.breadcrumb')}>
                <For each={v().trail}>
                  {(n, i) => (
                    <>
                      {i() > 0 && <span aria-hidden="true"> › </span>}
                      <Show when={i() < v().trail.length - 1} fallback={<strong aria-current="page">{n.name}</strong>}>
                        <a href={link(n.unitId, month())}>{n.name}</a>
                      </Show>
                    </>
                  )}
                </For>
              </nav>
              <Figure label={`${t('rollup.total')} – ${v().node.name}`} pct={v().figures.total.pct} n={v().figures.n} tooFew={v().figures.tooFew} />
              <div class="figure-row">
                <Figure label={t('hygiene.hygieneAll')} size="small" pct={v().figures.hygieneAll.pct} n={v().figures.n} tooFew={v().figures.tooFew} />
                <Figure label={t('hygiene.dressAll')} size="small" pct={v().figures.dressAll.pct} n={v().figures.n} tooFew={v().figures.tooFew} />
              </div>
              <p class="completeness">
                {t('rollup.completeness', {
                  reporting: v().node.reporting,
                  expected: v().node.expected,
                  month: formatMonth(month(), false),
                })}
              </p>
              <WeakestStep figures={v().figures} />
              <h2>{t('rollup.children', { name: v().node.name })}</h2>
              <Show when={v().children.length > 0} fallback={<p class="muted">{t('rollup.noChildren')}</p>}>
                <div class="figrows">
                  <For each={v().children}>
                    {(c) => (
                      <FigureRow
                        href={link(c.node.unitId, month())}
                        label={c.node.name}
                        sublabel={`${t(`kind.${c.node.kind}`)}${c.node.closed ? ` · ${t('rollup.closed')}` : ''}`}
                        pct={c.figures.total.pct}
                        n={c.figures.n}
                        tooFew={c.figures.tooFew}
                      />
                    )}
                  </For>
                </div>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
