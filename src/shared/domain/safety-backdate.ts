/**
 * The back-dating rule (issue 4): staff and ward tablets may enter or change a day at most
 * `windowDays` days back (default 7); older days need a manager. Nobody enters a day that has not
 * begun. The server enforces this on every push (code 'backdate-window'); the UI asks the same
 * question first, so a nurse is told at once instead of by a rejection after the next sync.
 *
 * "When" a change was made is the wall time in its HLC, not the time it reached the server: a
 * tablet offline for three days may still file yesterday's fall when it comes back. The server
 * caps that time at its own clock, and HLCs ahead of the server are refused anyway (rule 15).
 */
import type { Role } from '../api';
import { localDate } from './periods';
import { daysBetween } from './safety-counters';

export type BackdateVerdict = 'ok' | 'future' | 'too-old';

/** The calendar day (Europe/Stockholm) a change was written, from its HLC wall time. */
export function writeDay(hlcMillis: number, serverNow: number): string {
  return localDate(Math.min(hlcMillis, serverNow));
}

export function backdateVerdict(date: string, writtenOn: string, windowDays: number, role: Role): BackdateVerdict {
  if (date > writtenOn) return 'future';
  if (role === 'manager' || role === 'admin') return 'ok';
  return daysBetween(date, writtenOn) > windowDays ? 'too-old' : 'ok';
}
