/**
 * Wall screen: this month's BHK compliance figure with n, read-only (lazy chunk). Its target,
 * minimum n and status are the catalogue's for the unit, as on the board and in Mål och resultat.
 */
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../../kit/context';
import { t } from '../../../kit/i18n';
import { createLiveQuery } from '../../../primitives';
import { getUnitSettings, listUnitObservations } from '../../../storage/bhk-repo';
import { Figure } from '../../../ui/Figure';
import { WeakestStep } from '../../../ui/WeakestStep';
import { totalFigure, unitBoard } from '../../hygiene/unit-figures';
import { createBoardGoal } from '../../indicators/board-goal';
import { formatTarget } from '../../indicators/texts';
import '../../hygiene/hygiene.css';

export default function WallHygiene(props: { unitId: string; today: string; label: string }): JSX.Element {
  const { db } = useApp();
  const goal = createBoardGoal(() => props.unitId, 'hygiene');
  const data = createLiveQuery(async () => {
    const unitId = props.unitId;
    return { raw: await listUnitObservations(db, unitId), settings: await getUnitSettings(db, unitId) };
  });
  const board = () => {
    const d = data();
    const g = goal();
    return d === undefined || g === undefined ? undefined : unitBoard(d.raw, d.settings, g, { period: props.today.slice(0, 7), source: 'all', today: props.today });
  };
  return (
    <Show when={board()}>
      {(b) => (
        <div class="wall-hygiene">
          <Figure
            label={props.label}
            {...totalFigure(b())}
            detail={
              <>
                {t('figure.n', { n: b().figures.n })} · <span class="figure-target">{formatTarget(b().goal.target, b().goal.def?.unit ?? 'pct')}</span>
              </>
            }
          />
          <WeakestStep figures={b().figures} />
        </div>
      )}
    </Show>
  );
}
