/**
 * Observation entry and amendment wired to storage: saves through the outbox (offline is fine),
 * (the sync engine pushes it when online), and hands the round's result back to the board.
 */
import { Show, type JSX } from 'solid-js';
import { localDate } from '../../../shared/domain';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import type { BhkProfession } from '../../../shared/schema/bhk-config';
import type { BhkObservation } from '../../../shared/schema/bhk-observation';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../kit/context';
import { createTexts } from '../../kit/i18n';
import { addObservation, amendObservation } from '../../storage/bhk-repo';
import { Banner } from '../../ui/Banner';
import { draftFrom } from './observation-draft';
import { ObservationForm, type RoundResult } from './ObservationForm';
import { entryProfessions } from './professions';

const tx = createTexts(hygieneTexts);

export interface ObservationEntryProps {
  unitId: UnitId;
  professions: readonly BhkProfession[];
  /** Amending: the observation as it counts now; null = not found (e.g. voided meanwhile). */
  amend?: BhkObservation | null;
  onFinish: (round: RoundResult | null, amended: boolean) => void;
}

export function ObservationEntry(props: ObservationEntryProps): JSX.Element {
  const { db } = useApp();
  const today = () => localDate(Date.now());
  return (
    <Show
      when={props.amend !== null}
      fallback={<Banner tone="error">{tx('entry.notFound')}</Banner>}
    >
      <Show when={props.amend} fallback={
        <ObservationForm
          unitId={props.unitId}
          date={today}
          professions={entryProfessions(props.professions)}
          onSave={(obs) => addObservation(db, obs).then(() => undefined)}
          onFinish={(round) => props.onFinish(round, false)}
        />
      }>
        {(current) => (
          <>
            <p class="muted">{tx('entry.amendHelp')}</p>
            <ObservationForm
              unitId={props.unitId}
              date={today}
              professions={entryProfessions(props.professions, current().profession)}
              initial={draftFrom(current())}
              onSave={(obs) => amendObservation(db, current(), obs).then(() => undefined)}
              onFinish={() => props.onFinish(null, true)}
            />
          </>
        )}
      </Show>
    </Show>
  );
}
