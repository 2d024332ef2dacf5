/**
 * Today's meeting of one unit on this device: the start form, the running meeting, or "ended".
 * The state machine's state is kept per unit and day (meeting-store) so a reload resumes; the
 * log (facilitator, present, decisions, start, end, time per step) is written to the replica.
 */
import { createEffect, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import type { Role } from '../../../shared/api';
import { initialMeeting, meetingReducer, stepSeconds, type MeetingEvent } from '../../../shared/domain/meeting/timer';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { useApp } from '../../kit/context';
import { href } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { getMeetingConfig, saveMeetingLog } from '../../storage/meeting-repo';
import { Banner } from '../../ui/Banner';
import { useWrite } from '../improvements/use-write';
import { loadMeeting, saveMeeting, type StoredMeeting } from './meeting-store';
import { RunView } from './RunView';
import { EscalateStep } from './EscalateStep';
import { StartForm } from './StartForm';
import { tx } from '../improvements/texts';

export interface MeetingRoomProps {
  unit: TreeUnit;
  units: readonly TreeUnit[];
  isLevel: boolean;
  today: string;
  role: Role;
}

export function MeetingRoom(props: MeetingRoomProps): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  // The parent remounts this for another unit or day.
  const { unit, today } = props;
  const config = createLiveQuery(() => getMeetingConfig(db, unit.id));
  const [stored, setStored] = createSignal<StoredMeeting | null>(loadMeeting(unit.id, today));
  createEffect(() => {
    const s = stored();
    if (s !== null) saveMeeting(unit.id, today, s);
  });
  const iso = (ms: number) => new Date(ms).toISOString();

  const start = (facilitator: string, present: number | null) => {
    const c = config();
    if (c === undefined) return;
    const at = Date.now();
    const state = meetingReducer(initialMeeting(c.agenda, c.timeboxMinutes), { type: 'start', at });
    setStored({ state, facilitator, present, decisions: stored()?.decisions ?? '' });
    void w.run(() => saveMeetingLog(db, unit.id, today, { facilitator, present, startedAt: iso(at) }));
  };
  const onEvent = (e: MeetingEvent) => setStored((s) => (s === null ? s : { ...s, state: meetingReducer(s.state, e) }));
  const onDecisions = (text: string, commit: boolean) => {
    setStored((s) => (s === null ? s : { ...s, decisions: text }));
    if (commit) void w.run(() => saveMeetingLog(db, unit.id, today, { decisions: text.trim() === '' ? null : text.trim() }));
  };
  const end = () => {
    const s = stored();
    if (s === null) return;
    const at = Date.now();
    const state = meetingReducer(s.state, { type: 'end', at });
    setStored({ ...s, state });
    void w.run(() =>
      saveMeetingLog(db, unit.id, today, {
        facilitator: s.facilitator,
        present: s.present,
        decisions: s.decisions.trim() === '' ? null : s.decisions.trim(),
        startedAt: state.startedAt === null ? null : iso(state.startedAt),
        endedAt: iso(at),
        stepSeconds: stepSeconds(state, at),
      }),
    );
  };
  const phase = () => stored()?.state.phase ?? 'idle';

  return (
    <div class="meeting-room">
      <Show when={w.error()}>{(e) => <Banner tone="error">{e()}</Banner>}</Show>
      <Switch>
        <Match when={phase() === 'ended'}>
          <Banner tone="success">{tx('meeting.ended')}</Banner>
          <a class="btn btn-secondary" href={href(['mote', 'logg'], { unit: unit.id })}>
            {tx('meeting.logs')}
          </a>
        </Match>
        <Match when={phase() !== 'idle' && stored()}>
          {(s) => (
            <RunView
              state={s().state}
              decisions={s().decisions}
              unit={unit}
              units={props.units}
              isLevel={props.isLevel}
              today={today}
              role={props.role}
              onEvent={onEvent}
              onDecisions={onDecisions}
              onEnd={end}
            />
          )}
        </Match>
        <Match when={config()}>
          <StartForm date={today} facilitator={stored()?.facilitator ?? ''} present={stored()?.present ?? null} onStart={start} />
          {/* A VO or division answers what the units sent up between meetings too, not only on the Eskalera step. */}
          <Show when={props.isLevel}>
            <section class="meeting-between" aria-label={tx('meeting.between')}>
              <h2>{tx('meeting.between')}</h2>
              <EscalateStep unitId={unit.id} unitName={unit.name} units={props.units} isLevel={true} />
            </section>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
