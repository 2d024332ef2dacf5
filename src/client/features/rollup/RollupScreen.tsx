/**
 * BHK for a manager's subtree (#/oversikt?unit=…&period=…&source=…): for the selected level its
 * total, hygiene and dress figures with n and självskattning, completeness for the period, the
 * child units to drill into, per step and per profession, a breadcrumb back up, the CSV, and the
 * level's profession list. One request per period fetches the whole subtree; drilling down is
 * local. Without the network the same answer is computed on the device from its facts
 * (storage/device-facts.ts) with the shared roll-up, marked "beräknat på enheten".
 */
import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { XlsxExportResponse } from '../../../shared/export/api';
import { BhkExportResponse, BhkPeriodRollupResponse } from '../../../shared/bhk-api';
import { downloadBase64 } from '../../kit/xlsx';
import { BHK_SOURCES, type BhkSource } from '../../../shared/domain/bhk-period';
import { localDate } from '../../../shared/domain';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { pageNow } from '../../kit/clock';
import { serverElseDevice } from '../../api/fallback';
import { useApp, useSession } from '../../kit/context';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { href, route } from '../../kit/router';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Figure } from '../../ui/Figure';
import { FigureRow } from '../../ui/FigureRow';
import { WeakestStep } from '../../ui/WeakestStep';
import { downloadCsv } from '../hygiene/csv-export';
import { NLine } from '../hygiene/NLine';
import { parsePeriod } from '../../kit/period';
import { periodWhen } from '../hygiene/period-model';
import { PeriodPicker } from '../hygiene/PeriodPicker';
import { ProfessionTable } from '../hygiene/ProfessionTable';
import { professionLabeler } from '../hygiene/professions';
import { SourceFilter } from '../hygiene/SourceFilter';
import { StepTable } from '../hygiene/StepTable';
import { professionRows } from '../hygiene/unit-figures';
import { ProfessionEditor } from './ProfessionEditor';
import { deviceBhkRollup } from './device-rollup';
import { ROLLUP_MIN_N, rollupView } from './rollup-model';
import { boardGoals } from '../../../shared/domain/indicators/board-goal';
import { askServerAgain, createAnswer, createLiveQuery, settled } from '../../primitives';
import { indicatorRowsFor } from '../../storage/indicator-repo';
import { deviceTree, refreshGoalsOf } from '../indicators/board-goal';

const tx = createTexts(hygieneTexts);

export default function RollupScreen(): JSX.Element {
  const { api, db, sync } = useApp();
  const session = useSession();
  const today = () => localDate(pageNow());
  // `month` is the foundation's parameter; old links keep working.
  const period = createMemo(() => parsePeriod(route().query.period ?? route().query.month, today()));
  const source = (): BhkSource => {
    const q = route().query.source;
    return (BHK_SOURCES as readonly string[]).includes(q ?? '') ? (q as BhkSource) : 'all';
  };
  const rootId = () => session().identity.scopeUnitId;
  const [loaded, { refetch }] = createAnswer(
    () => ({ root: rootId(), period: period(), source: source() }),
    ({ root, period: p, source: s }) =>
      serverElseDevice(
        () => api.get(`/api/bhk/rollup?rootId=${encodeURIComponent(root)}&period=${p}${s === 'all' ? '' : `&source=${s}`}`, BhkPeriodRollupResponse),
        () => deviceBhkRollup(db, root, p, s, today()),
      ),
  );
  askServerAgain(sync, loaded, refetch);
  const res = () => settled(loaded)?.res;
  // Each node is greyed on its catalogue minimum n (bhkTotal), as in Mål och resultat.
  refreshGoalsOf(rootId);
  const goals = createLiveQuery(async () => {
    const root = rootId();
    const units = await deviceTree(db);
    return { units, rows: await indicatorRowsFor(db, units, root) };
  });
  // One resolver per load of the rows: each node's goal without a walk of the tree per node.
  const goalOf = createMemo(() => {
    const g = goals();
    return g === undefined ? null : boardGoals(g.rows, g.units);
  });
  const minNOf = (unitId: string): number => goalOf()?.(unitId, 'bhkTotal').minN ?? ROLLUP_MIN_N;
  const view = () => {
    const r = res();
    return r === undefined ? null : rollupView(r, route().query.unit, minNOf);
  };
  const link = (q: { unit?: string | undefined; period?: string; source?: BhkSource }) => {
    const p = q.period ?? period();
    const s = q.source ?? source();
    const unit = 'unit' in q ? q.unit : route().query.unit;
    return href(['oversikt'], { unit, period: p === today().slice(0, 7) ? undefined : p, source: s === 'all' ? undefined : s });
  };
  const label = () => {
    const list = res()?.professions ?? [];
    return professionLabeler(list.length > 0 ? list : null);
  };
  const canEdit = () => session().identity.role === 'manager' || session().identity.role === 'admin';
  const [exportMsg, setExportMsg] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const exportXlsx = async (unitId: string) => {
    setExportMsg(null);
    try {
      const s = source();
      downloadBase64(await api.get(`/api/export/bhk.xlsx?rootId=${encodeURIComponent(unitId)}&period=${period()}${s === 'all' ? '' : `&source=${s}`}`, XlsxExportResponse));
      setExportMsg({ tone: 'success', text: tx('export.done') });
    } catch (err) {
      setExportMsg({ tone: 'error', text: errorOf(err) });
    }
  };
  const exportCsv = async (unitId: string) => {
    setExportMsg(null);
    try {
      const s = source();
      downloadCsv(
        await api.get(`/api/export/bhk.csv?rootId=${encodeURIComponent(unitId)}&period=${period()}${s === 'all' ? '' : `&source=${s}`}`, BhkExportResponse),
      );
      setExportMsg({ tone: 'success', text: tx('export.done') });
    } catch (err) {
      setExportMsg({ tone: 'error', text: errorOf(err) });
    }
  };

  return (
    <div class="screen rollup">
      <header class="screen-head">
        <h1>{t('rollup.title')}</h1>
      </header>
      <div class="board-controls">
        <PeriodPicker period={period()} today={today()} link={(p) => link({ period: p })} />
        <SourceFilter source={source()} link={(s) => link({ source: s })} />
      </div>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={loaded.error as unknown}>
          {(err) => (
            <Banner tone="error">
              {errorOf(err())} {t('rollup.needsNetwork')}
            </Banner>
          )}
        </Match>
        <Match when={view()}>
          {(v) => (
            <div class="board">
              <Show when={settled(loaded)?.source === 'device'}>
                <Banner tone="warning">{t('rollup.deviceComputed')}</Banner>
              </Show>
              <nav class="breadcrumb" aria-label={t('rollup.breadcrumb')}>
                <For each={v().trail}>
                  {(n, i) => (
                    <>
                      {i() > 0 && <span aria-hidden="true"> › </span>}
                      <Show when={i() < v().trail.length - 1} fallback={<strong aria-current="page">{n.name}</strong>}>
                        <a href={link({ unit: n.unitId })}>{n.name}</a>
                      </Show>
                    </>
                  )}
                </For>
              </nav>
              <div class="board-grid">
                <div class="board-main">
                  <Figure
                    label={tx('figure.totalLevel', { name: v().node.name })}
                    pct={v().figures.total.pct}
                    n={v().figures.n}
                    tooFew={v().figures.tooFew}
                    minN={minNOf(v().node.unitId)}
                    detail={<NLine n={v().figures.n} selfAssessmentN={v().figures.selfAssessmentN} />}
                  />
                  <div class="figure-row">
                    <Figure label={t('hygiene.hygieneAll')} size="small" pct={v().figures.hygieneAll.pct} n={v().figures.n} tooFew={v().figures.tooFew} minN={minNOf(v().node.unitId)} detail={<NLine n={v().figures.n} selfAssessmentN={v().figures.selfAssessmentN} />} />
                    <Figure label={t('hygiene.dressAll')} size="small" pct={v().figures.dressAll.pct} n={v().figures.n} tooFew={v().figures.tooFew} minN={minNOf(v().node.unitId)} detail={<NLine n={v().figures.n} selfAssessmentN={v().figures.selfAssessmentN} />} />
                  </div>
                  <WeakestStep figures={v().figures} />
                  <p class="completeness">
                    {tx('completeness', { reporting: v().node.reporting, expected: v().node.expected, when: periodWhen(period(), today()) })}
                  </p>
                  <Show
                    when={v().children.length > 0 || v().node.kind !== 'enhet'}
                    fallback={
                      <a class="btn btn-secondary" href={href(['hygien'], { unit: v().node.unitId })}>
                        {tx('rollup.openBoard')}
                      </a>
                    }
                  >
                    <h2>{t('rollup.children', { name: v().node.name })}</h2>
                    <Show when={v().children.length > 0} fallback={<p class="muted">{t('rollup.noChildren')}</p>}>
                      <div class="figrows">
                        <For each={v().children}>
                          {(c) => (
                            <FigureRow
                              href={link({ unit: c.node.unitId })}
                              label={c.node.name}
                              sublabel={[
                                t(`kind.${c.node.kind}`),
                                ...(c.node.closed ? [t('rollup.closed')] : []),
                                ...(c.node.kind !== 'enhet' ? [tx('completenessShort', { reporting: c.node.reporting, expected: c.node.expected })] : []),
                                ...(c.figures.selfAssessmentN > 0 ? [tx('figure.nSelf', { n: c.figures.selfAssessmentN })] : []),
                              ].join(' · ')}
                              pct={c.figures.total.pct}
                              n={c.figures.n}
                              tooFew={c.figures.tooFew}
                            />
                          )}
                        </For>
                      </div>
                    </Show>
                  </Show>
                </div>
                <div class="board-side">
                  <StepTable figures={v().figures} counts={v().node.counts} />
                  <ProfessionTable rows={professionRows(v().node.professions, minNOf(v().node.unitId))} label={label()} />
                </div>
              </div>
              <div class="board-foot">
                <div>
                  <Button variant="secondary" onClick={() => void exportCsv(v().node.unitId)}>
                    <span aria-hidden="true">⤓ </span>
                    {tx('export.csv')}
                  </Button>{' '}
                  <Button variant="secondary" onClick={() => void exportXlsx(v().node.unitId)}>
                    <span aria-hidden="true">⤓ </span>
                    {tx('export.xlsx')}
                  </Button>
                  <p class="muted">{tx('export.help')}</p>
                  <Show when={exportMsg()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
                </div>
                <Show when={canEdit()}>
                  <ProfessionEditor unitId={rootId()} unitName={v().trail[0]?.name ?? rootId()} />
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
