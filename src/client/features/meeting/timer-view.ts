/**
 * What the meeting's timer shows: the time left as "12:34 kvar", over the time box as
 * "Över tiden: +1:05" (words and a sign, not colour alone), and the current item's own time.
 */
import { isOvertime, remainingMs, stepElapsedMs, type MeetingState } from '../../../shared/domain/meeting/timer';
import { tx } from '../improvements/texts';

/** m:ss for a duration (whole seconds, rounded towards the display's next tick). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface TimerView {
  text: string;
  overtime: boolean;
  symbol: string;
  stepText: string;
  paused: boolean;
}

export function timerView(state: MeetingState, now: number): TimerView {
  const left = remainingMs(state, now);
  const overtime = isOvertime(state, now);
  return {
    // Left: ceil so "0:01" shows until the box is really used up; over: floor from zero.
    text: overtime ? tx('meeting.over', { time: clock(-left) }) : tx('meeting.left', { time: clock(Math.ceil(left / 1000) * 1000) }),
    overtime,
    symbol: overtime ? '⚠' : '◔',
    stepText: tx('meeting.stepTime', { time: clock(stepElapsedMs(state, now)) }),
    paused: state.phase === 'paused',
  };
}
