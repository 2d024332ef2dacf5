/**
 * The running meeting kept on this device per unit and day (localStorage: it is one tablet's
 * meeting, not shared data), so a reload or a trip to another screen mid-meeting resumes it.
 * What others should see (facilitator, present, decisions, times) goes to the meeting log.
 */
import { parseMeetingState, type MeetingState } from '../../../shared/domain/meeting/timer';

export interface StoredMeeting {
  state: MeetingState;
  facilitator: string;
  present: number | null;
  decisions: string;
}

const PREFIX = 'pulstavlan.meeting.';
const keyFor = (unitId: string, date: string) => `${PREFIX}${unitId}.${date}`;

export function loadMeeting(unitId: string, date: string): StoredMeeting | null {
  try {
    const raw = localStorage.getItem(keyFor(unitId, date));
    if (raw === null) return null;
    const v = JSON.parse(raw) as Partial<StoredMeeting>;
    const state = parseMeetingState(v.state);
    if (state === null) return null;
    return {
      state,
      facilitator: typeof v.facilitator === 'string' ? v.facilitator.slice(0, 4) : '',
      present: typeof v.present === 'number' && Number.isInteger(v.present) && v.present >= 0 ? v.present : null,
      decisions: typeof v.decisions === 'string' ? v.decisions.slice(0, 1500) : '',
    };
  } catch {
    return null;
  }
}

/** Saves today's meeting and forgets the unit's earlier days (they are in the log). */
export function saveMeeting(unitId: string, date: string, m: StoredMeeting): void {
  try {
    const mine = `${PREFIX}${unitId}.`;
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k !== null && k.startsWith(mine) && k !== keyFor(unitId, date)) localStorage.removeItem(k);
    }
    localStorage.setItem(keyFor(unitId, date), JSON.stringify(m));
  } catch {
    // Storage refused (private mode, full): the meeting still runs, it just won't survive a reload.
  }
}
