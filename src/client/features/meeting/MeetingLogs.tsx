/** Past meetings of the unit (#/mote/logg), newest first; tap one for its decisions and times. */
import { For, Show, type JSX } from 'solid-js';
import type { AgendaStep } from '../../../shared/schema/meeting';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
import { listMeetingLogs } from '../../storage/meeting-repo';
import { tx, stepLabel } from '../improvements/texts';
import { clock } from './timer-view';

export function MeetingLogs(props: { unitId: string }): JSX.Element {
  const { db } = useApp();
  const logs = createLiveQuery(() => listMeetingLogs(db, props.unitId, 60));
  const length = (a?: string | null, b?: string | null) => (a && b ? clock(Date.parse(b) - Date.parse(a)) : null);
  return (
    <Show when={logs()} fallback={<p class="muted">…</p>}>
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted">{tx('meeting.noLogs')}</p>}>
          <ul class="meeting-logs">
            <For each={list()}>
              {(log) => (
                <li>
                  <details class="more log-entry">
                    <summary>
                      {tx('meeting.logLine', { date: log.date, facilitator: log.facilitator ?? tx('meeting.unknown'), present: log.present ?? tx('meeting.unknown') })}
                    </summary>
                    <div class="log-body">
                      <Show when={length(log.startedAt, log.endedAt)}>{(t) => <p>{tx('meeting.logDuration', { time: t() })}</p>}</Show>
                      <h3>{tx('meeting.decisions')}</h3>
                      <p class="log-decisions">{log.decisions ?? tx('meeting.logNoDecisions')}</p>
                      <Show when={log.stepSeconds && Object.keys(log.stepSeconds).length > 0}>
                        <h3>{tx('meeting.logSteps')}</h3>
                        <ul class="log-steps">
                          <For each={Object.entries(log.stepSeconds ?? {}) as [AgendaStep, number][]}>
                            {([step, s]) => (
                              <li>
                                {stepLabel(step)}: {clock(s * 1000)}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </div>
                  </details>
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  );
}
