/**
 * The meeting's Hygien step: the unit's BHK board for this month (its own lazy chunk). Its links
 * (new observation, periods) open the hygiene screen; the meeting resumes when coming back.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { useApp } from '../../../kit/context';
import { href } from '../../../kit/router';
import { createLiveQuery } from '../../../primitives';
import { getBhkProfessions } from '../../../storage/bhk-repo';
import { UnitHome } from '../../hygiene/UnitHome';

export default function HygieneStep(props: { unitId: string; unitName: string; today: string; canEdit: boolean }): JSX.Element {
  const { db } = useApp();
  const professions = createLiveQuery(async () => ({ list: await getBhkProfessions(db, props.unitId) }));
  const [flash, setFlash] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const unit = () => props.unitId;
  return (
    <Show when={professions()}>
      {(p) => (
        <UnitHome
          unitId={props.unitId}
          unitName={props.unitName}
          period={props.today.slice(0, 7)}
          source="all"
          today={props.today}
          professions={p().list}
          canEdit={props.canEdit}
          flash={flash()}
          onFlash={setFlash}
          link={(q) => href(['hygien'], { unit: unit(), period: q.period, source: q.source })}
          entryHref={href(['hygien', 'observation'], { unit: unit() })}
          amendHref={(id) => href(['hygien', 'andra'], { unit: unit(), id })}
        />
      )}
    </Show>
  );
}
