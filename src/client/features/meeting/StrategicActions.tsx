/**
 * A level's strategic actions (issue 13) in its pulse meeting, next to the escalations: number,
 * title, the latest follow-up of this year (status and comment) and how many actions at the
 * units below carry it out (actions whose cause is the strategic action). From the replica.
 */
import { For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { FollowUp, StrategicAction } from '../../../shared/schema/goal';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
import { strategicOverview } from '../../storage/goal-repo';
import { tx } from '../improvements/texts';

const LABEL = { ejPaborjad: 'Ej påbörjad', pagar: 'Pågår', klar: 'Klar', omtag: 'Omtag behövs' } as const;
const latest = (a: StrategicAction): FollowUp => a.followAR ?? a.followDA08 ?? a.followDA04 ?? null;

export function StrategicActions(props: { unitId: string; units: readonly TreeUnit[]; year: number }): JSX.Element {
  const { db } = useApp();
  const data = createLiveQuery(() => strategicOverview(db, props.units, props.unitId, props.year));
  return (
    <Show when={(data()?.own ?? []).length > 0}>
      <section class="strategic" aria-label={tx('strat.title', { year: props.year })} data-testid="strategic-actions">
        <h3>{tx('strat.title', { year: props.year })}</h3>
        <ul class="plain-cards">
          <For each={data()?.own}>
            {(a) => (
              <li class="card">
                <strong>
                  {a.nr}. {a.title}
                </strong>
                <p>
                  {latest(a) ? `${LABEL[(latest(a) as NonNullable<FollowUp>).status]}${latest(a)?.comment ? ` – ${latest(a)?.comment}` : ''}` : tx('strat.noStatus')}
                </p>
                <p class="muted">{tx('strat.linked', { n: data()?.linked.get(a.id) ?? 0 })}</p>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
