/**
 * The unit's hygiene board, computed on the device (works offline): "Ny observation" first, the
 * month's count against the quota (with a reminder in the month's last week), the period's
 * compliance with n, grey below the minimum n, per step with the weakest marked, per profession,
 * a prompt for an action below target, the observations to correct, the CSV and the settings.
 */
import { Show, type JSX } from 'solid-js';
import type { BhkSource } from '../../../shared/domain/bhk-period';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import type { BhkProfession } from '../../../shared/schema/bhk-config';
import { useApp } from '../../kit/context';
import { formatMonth, formatPct } from '../../kit/format';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getUnitSettings, listUnitObservations, saveUnitSettings, voidObservation } from '../../storage/bhk-repo';
import { saveIndicator } from '../../storage/indicator-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Figure } from '../../ui/Figure';
import { WeakestStep } from '../../ui/WeakestStep';
import { actionListHref } from './action-hook';
import { downloadWorkbook } from '../../kit/xlsx';
import { downloadCsv, unitCsv, unitWorkbook } from './csv-export';
import { NLine } from './NLine';
import { ObservationList } from './ObservationList';
import { kindOf } from '../../kit/period';
import { periodLabel } from './period-model';
import { PeriodPicker } from './PeriodPicker';
import { ProfessionTable } from './ProfessionTable';
import { professionLabeler } from './professions';
import { SourceFilter } from './SourceFilter';
import { StepTable } from './StepTable';
import { totalFigure, unitBoard } from './unit-figures';
import { createBoardGoal, deviceTree } from '../indicators/board-goal';
import { BOARD_INDICATORS } from '../../../shared/domain/indicators/board-goal';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { keepFirstPaint } from '../../kit/first-paint';
import { boardGoalFor } from '../../storage/indicator-repo';
import { formatTarget } from '../indicators/texts';
import { UnitSettingsForm } from './UnitSettingsForm';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

export interface UnitHomeProps {
  unitId: string;
  unitName: string;
  period: string;
  source: BhkSource;
  today: string;
  professions: readonly BhkProfession[] | null;
  canEdit: boolean;
  flash: { tone: 'success' | 'error'; text: string } | null;
  onFlash: (flash: { tone: 'success' | 'error'; text: string }) => void;
  link: (q: { period?: string; source?: BhkSource }) => string;
  entryHref: string;
  amendHref: (id: string) => string;
  /** The org tree the screen names the unit from (the first paint compares it too). */
  tree?: readonly TreeUnit[] | undefined;
}

export function UnitHome(props: UnitHomeProps): JSX.Element {
  const { db } = useApp();
  const raw = createLiveQuery(() => listUnitObservations(db, props.unitId));
  const settings = createLiveQuery(() => getUnitSettings(db, props.unitId));
  // The target and minimum n are the catalogue's for this unit (Mål och resultat), never the board's own.
  const goal = createBoardGoal(() => props.unitId, 'hygiene');
  const board = () => {
    const r = raw();
    const s = settings();
    const g = goal();
    return r === undefined || s === undefined || g === undefined ? undefined : unitBoard(r, s, g, { period: props.period, source: props.source, today: props.today });
  };
  // The next open draws this board's first screen at once (kit/first-paint.ts).
  keepFirstPaint({
    screen: 'hygiene',
    unitId: () => props.unitId,
    shown: () => {
      const r = raw();
      const s = settings();
      const g = goal();
      const tree = props.tree;
      return r === undefined || s === undefined || g === undefined || tree === undefined ? undefined : [r, s, g, tree];
    },
    reread: async () => {
      const tree = await deviceTree(db);
      return [await listUnitObservations(db, props.unitId), await getUnitSettings(db, props.unitId), await boardGoalFor(db, tree, props.unitId, BOARD_INDICATORS.hygiene), tree];
    },
    // The message after a save is not part of the board a fresh open shows.
    skip: '.board > .banner-success, .board > .banner-error',
  });
  const targetText = () => {
    const g = goal();
    return g === undefined ? '' : formatTarget(g.target, g.def?.unit ?? 'pct');
  };
  const label = () => professionLabeler(props.professions);
  const isThisMonth = () => props.period === props.today.slice(0, 7);
  const exportXlsx = (figures: Parameters<typeof unitWorkbook>[1]) =>
    void downloadWorkbook(unitWorkbook({ raw: raw() ?? [], unitName: props.unitName, period: props.period, source: props.source, professions: props.professions }, figures)).then(
      () => props.onFlash({ tone: 'success', text: tx('export.done') }),
      (err: unknown) => props.onFlash({ tone: 'error', text: errorOf(err) }),
    );
  const exportCsv = () => {
    downloadCsv(unitCsv({ raw: raw() ?? [], unitName: props.unitName, period: props.period, source: props.source, professions: props.professions }));
    props.onFlash({ tone: 'success', text: tx('export.done') });
  };

  return (
    <div class="board">
      <Show when={props.flash}>{(f) => <Banner tone={f().tone}>{f().text}</Banner>}</Show>
      <a class="btn btn-primary btn-big board-new" href={props.entryHref}>
        <span aria-hidden="true">+ </span>
        {t('hygiene.newObservation')}
      </a>
      <Show when={board()} fallback={<p class="muted">{t('app.loading')}</p>}>
        {(b) => (
          <>
            <Show when={b().quota.remind}>
              <Banner tone="warning">
                {tx('quota.reminder', { month: formatMonth(b().quota.month, false), left: b().quota.quota - b().quota.n, quota: b().quota.quota })}
              </Banner>
            </Show>
            <Show when={!isThisMonth()}>
              <p class="quota-line">
                {tx('quota.month', { month: formatMonth(b().quota.month), n: b().quota.n, quota: b().quota.quota })}
              </p>
            </Show>
            <div class="board-controls">
              <PeriodPicker period={props.period} today={props.today} link={(period) => props.link({ period })} />
              <SourceFilter source={props.source} link={(source) => props.link({ source })} />
            </div>
            <Show when={b().belowTarget}>
              <Banner
                tone="warning"
                actions={
                  <Show when={actionListHref(props.unitId, { period: props.period, pct: b().figures.total.pct })}>
                    {(href) => (
                      <a class="btn btn-secondary" href={href()}>
                        {tx('belowTarget.actions')}
                      </a>
                    )}
                  </Show>
                }
              >
                <strong>{tx('belowTarget.title')}</strong>
                <br />
                {tx('belowTarget.detail', { pct: formatPct(b().figures.total.pct), target: targetText() })}
                <Show when={b().figures.weakestStep}>{(s) => <> {tx('belowTarget.weakest', { step: t(`step.${s()}`) })}</>}</Show>
              </Banner>
            </Show>
            <div class="board-grid">
              <div class="board-main">
                <Figure
                  label={tx('figure.total', { period: periodLabel(props.period) })}
                  {...totalFigure(b())}
                  detail={
                    <>
                      <NLine n={b().figures.n} selfAssessmentN={b().figures.selfAssessmentN} quota={kindOf(props.period) === 'month' ? b().quota.quota : undefined} />
                      <br />
                      <span class="figure-target" data-testid="board-target">{targetText()}</span>
                    </>
                  }
                />
                <div class="figure-row">
                  <Figure label={t('hygiene.hygieneAll')} size="small" pct={b().figures.hygieneAll.pct} n={b().figures.n} tooFew={b().figures.tooFew} minN={b().goal.minN} detail={<NLine n={b().figures.n} selfAssessmentN={b().figures.selfAssessmentN} />} />
                  <Figure label={t('hygiene.dressAll')} size="small" pct={b().figures.dressAll.pct} n={b().figures.n} tooFew={b().figures.tooFew} minN={b().goal.minN} detail={<NLine n={b().figures.n} selfAssessmentN={b().figures.selfAssessmentN} />} />
                </div>
                <WeakestStep figures={b().figures} />
                <StepTable figures={b().figures} counts={b().counts} />
              </div>
              <div class="board-side">
                <ProfessionTable rows={b().professions} label={label()} />
                <ObservationList
                  observations={b().observations}
                  voided={b().voided}
                  label={label()}
                  amendHref={props.amendHref}
                  onVoid={(o) =>
                    voidObservation(db, o).then(
                      () => props.onFlash({ tone: 'success', text: tx('list.voidDone') }),
                      (err: unknown) => props.onFlash({ tone: 'error', text: errorOf(err) }),
                    )
                  }
                />
              </div>
            </div>
            <div class="board-foot">
              <div>
                <Button variant="secondary" onClick={exportCsv}>
                  <span aria-hidden="true">⤓ </span>
                  {tx('export.csv')}
                </Button>{' '}
                <Button variant="secondary" onClick={() => exportXlsx(b().figures)}>
                  <span aria-hidden="true">⤓ </span>
                  {tx('export.xlsx')}
                </Button>
                <p class="muted">{tx('export.help')}</p>
              </div>
              <Show when={settings()}>
                {(s) => (
                  <UnitSettingsForm
                    unitId={props.unitId}
                    settings={s()}
                    goal={b().goal}
                    targetText={targetText()}
                    canEdit={props.canEdit}
                    onSaveQuota={(bhkMonthlyQuota) => saveUnitSettings(db, props.unitId, { bhkMonthlyQuota })}
                    onSaveGoal={(patch) => saveIndicator(db, props.unitId, b().goal.key, patch)}
                  />
                )}
              </Show>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
