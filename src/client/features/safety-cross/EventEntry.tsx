/**
 * Event registration wired to storage (#/korset/handelse?unit=…&date=…): saves through the outbox,
 * nudges a sync when online, and returns to the board with the event's day opened, so the nurse
 * sees the day take its colour.
 */
import { Show, type JSX } from 'solid-js';
import type { Role } from '../../../shared/api';
import { addDays, localDate } from '../../../shared/domain/periods';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../kit/context';
import { navigate } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { addSafetyEvent, getSafetySettings } from '../../storage/safety-repo';
import { EventForm } from './EventForm';

export function EventEntry(props: { unitId: UnitId; date: string | undefined; role: Role }): JSX.Element {
  const { db } = useApp();
  const settings = createLiveQuery(() => getSafetySettings(db, props.unitId));
  const today = localDate(Date.now());
  const isLead = props.role === 'manager' || props.role === 'admin';
  const date = props.date !== undefined && props.date <= today ? props.date : today;
  return (
    <Show when={settings()}>
      {(s) => (
        <EventForm
          unitId={props.unitId}
          categories={s().categories}
          levels={s().levels}
          date={date}
          minDate={isLead ? null : addDays(today, -s().backdateDays)}
          maxDate={today}
          backdateDays={isLead ? null : s().backdateDays}
          onSave={async (ev) => {
            await addSafetyEvent(db, ev, props.role);
            const month = ev.date.slice(0, 7);
            navigate(['korset'], { unit: props.unitId, month: month === today.slice(0, 7) ? undefined : month, date: ev.date });
          }}
        />
      )}
    </Show>
  );
}
