/** Observation entry wired to storage: saves through the outbox, then nudges a sync when online. */
import type { JSX } from 'solid-js';
import { localDate } from '../../../shared/domain';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../app/context';
import { addObservation } from '../../storage/bhk-repo';
import { ObservationForm } from './ObservationForm';

export function ObservationEntry(props: { unitId: UnitId }): JSX.Element {
  const { db, engine, online } = useApp();
  return (
    <ObservationForm
      unitId={props.unitId}
      date={() => localDate(Date.now())}
      onSave={async (obs) => {
        await addObservation(db, obs);
        // Push promptly so the unit's other tablets see it; failures are the sync bar's to show.
        if (online()) engine.syncNow().catch(() => undefined);
      }}
    />
  );
}
