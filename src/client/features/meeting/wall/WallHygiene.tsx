/** Wall screen: this month's BHK compliance figure with n, read-only (lazy chunk). */
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../../kit/context';
import { createLiveQuery } from '../../../primitives';
import { getUnitSettings, listUnitObservations } from '../../../storage/bhk-repo';
import { Figure } from '../../../ui/Figure';
import { WeakestStep } from '../../../ui/WeakestStep';
import { unitBoard } from '../../hygiene/unit-figures';
import '../../hygiene/hygiene.css';

export default function WallHygiene(props: { unitId: string; today: string; label: string }): JSX.Element {
  const { db } = useApp();
  const board = createLiveQuery(async () => {
    const raw = await listUnitObservations(db, props.unitId);
    const settings = await getUnitSettings(db, props.unitId);
    return unitBoard(raw, settings, { period: props.today.slice(0, 7), source: 'all', today: props.today });
  });
  return (
    <Show when={board()}>
      {(b) => (
        <div class="wall-hygiene">
          <Figure label={props.label} pct={b().figures.total.pct} n={b().figures.n} tooFew={b().figures.tooFew} status={b().status} />
          <WeakestStep figures={b().figures} />
        </div>
      )}
    </Show>
  );
}
