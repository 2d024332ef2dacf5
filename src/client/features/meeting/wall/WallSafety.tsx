/** Wall screen: this month's Gröna korset, its counters and summary, read-only (lazy chunk). */
import { For, Show, type JSX } from 'solid-js';
import { useApp } from '../../../app/context';
import { formatMonth } from '../../../app/format';
import { createLiveQuery } from '../../../primitives';
import { getSafetySettings, listSafetyDays, listSafetyEvents } from '../../../storage/safety-repo';
import { buildBoard } from '../../safety-cross/board-model';
import { Counters } from '../../safety-cross/Counters';
import { Cross } from '../../safety-cross/Cross';
import { Legend } from '../../safety-cross/Legend';
import { categoryLabel, st } from '../../safety-cross/texts';
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
          <div class="crosses" classList={{ 'crosses-many': b().crosses.length > 1 }}>
            <For each={b().crosses}>
              {(c) => {
                const title = c.category === null ? st('title') : st('crossOf', { category: categoryLabel(c.category) });
                return (
                  <figure class="cross-figure">
                    <figcaption>{title}</figcaption>
                    <Cross month={month()} statuses={c.statuses} levels={b().levels} title={st('crossLabel', { title, month: formatMonth(month()) })} />
                  </figure>
                );
              }}
            </For>
            <Legend levels={b().levels} />
          </div>
          <Counters counters={b().counters} />
        </div>
      )}
    </Show>
  );
}
