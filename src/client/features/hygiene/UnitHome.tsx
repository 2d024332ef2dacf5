/**
 * The unit's hygiene board: this month's BHK compliance computed on the device (works offline),
 * "n = 7 av 10" against the unit's monthly quota, grey below the minimum n, the weakest step,
 * and the way into observation entry.
 */
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../app/context';
import { formatMonth, formatPct } from '../../app/format';
import { t } from '../../app/i18n';
import { href } from '../../app/router';
import { createLiveQuery } from '../../primitives';
import { getUnitSettings, listObservations } from '../../storage/bhk-repo';
import { Figure } from '../../ui/Figure';
import { WeakestStep } from '../../ui/WeakestStep';
import { unitMonth } from './unit-figures';

export function UnitHome(props: { unitId: string; month: string }): JSX.Element {
  const { db } = useApp();
  // The parent remounts this component when unit or month change, so reading props once is right.
  const { unitId, month } = props;
  const data = createLiveQuery(async () =>
    unitMonth(await listObservations(db, unitId, month), await getUnitSettings(db, unitId)),
  );

  return (
    <div class="unit-home">
      <Show when={data()} fallback={<p class="muted">{t('app.loading')}</p>}>
        {(d) => (
          <>
            <Figure
              label={t('hygiene.thisMonth', { month: formatMonth(month, false) })}
              pct={d().figures.total.pct}
              n={d().figures.n}
              tooFew={d().figures.tooFew}
              status={d().status}
              detail={
                <>
                  {t('hygiene.quota', { n: d().figures.n, quota: d().quota })}
                  <Show when={d().figures.selfAssessmentN > 0}>
                    {' '}
                    {t('hygiene.selfAssessed', { n: d().figures.selfAssessmentN })}
                  </Show>
                  <br />
                  {t('hygiene.target', { pct: formatPct(d().targetPct) })}
                </>
              }
            />
            <div class="figure-row">
              <Figure label={t('hygiene.hygieneAll')} size="small" pct={d().figures.hygieneAll.pct} n={d().figures.n} tooFew={d().figures.tooFew} />
              <Figure label={t('hygiene.dressAll')} size="small" pct={d().figures.dressAll.pct} n={d().figures.n} tooFew={d().figures.tooFew} />
            </div>
            <WeakestStep figures={d().figures} />
          </>
        )}
      </Show>
      <a class="btn btn-primary btn-big" href={href(['hygien', 'observation'], { unit: unitId })}>
        <span aria-hidden="true">+ </span>
        {t('hygiene.newObservation')}
      </a>
    </div>
  );
}
