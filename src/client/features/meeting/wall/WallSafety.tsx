/** Wall screen: this month's Gröna korset, its counters and summary, read-only (lazy chunk). */
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../../kit/context';
import { createLiveQuery } from '../../../primitives';
import { getSafetySettings, listSafetyDays, listSafetyEvents } from '../../../storage/safety-repo';
import { buildBoard } from '../../safety-cross/board-model';
import { Counters } from '../../safety-cross/Counters';
import { Crosses } from '../../safety-cross/Crosses';
import '../../safety-cross/safety.css';

export default function WallSafety(props: { unitId: string; today: string }): JSX.Element {
  const { db } = useApp();
  const month = () => props.today.slice(0, 7);
  const board = createLiveQuery(async () => {
    const input = { month: month(), today: props.today };
    const events = await listSafetyEvents(db, props.unitId);
    const days = await listSafetyDays(db, props.unitId);
    const settings = await getSafetySettings(db, props.unitId);
    return buildBoard({ ...input, events, days, settings });
  });
  return (
    <Show when={board()}>
      {(b) => (
        <div class="wall-safety">
          <Crosses board={b()} month={month()} />
          <Counters counters={b().counters} />
        </div>
      )}
    </Show>
  );
}
