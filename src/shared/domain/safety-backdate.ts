/**
 * The back-dating rule (issue 4): staff and ward tablets may enter or change a day at most
 * `windowDays` days back (default 7); older days need a manager. Nobody enters a day that has not
 * begun. The server enforces this on every push (code 'backdate-window'); the UI asks the same
 * question first, so a nurse is told at once instead of by a rejection after the next sync.
 *
 * "When" a change was made is the wall time in its HLC, not the time it reached the server: a
 * tablet offline for three days may still file yesterday's fall when it comes back. The server
 * caps that time at its own clock (HLCs ahead of it are refused anyway, rule 15) and, since an
 * HLC is whatever the client says, bounds it from below too: never earlier than the receipt time
 * minus MAX_OFFLINE_DAYS (sync/README.md rule 19, issue 18).
 */
import type { Role } from '../api';
import { localDate } from './periods';
import { daysBetween } from './safety-counters';

export type BackdateVerdict = 'ok' | 'future' | 'too-old';

/**
 * The longest offline period whose writes the window dates by their HLC. Setting a change's HLC
 * back with its date buys at most this many days beyond the window; a device offline for longer
 * has its oldest back-dated entries refused and files them through a manager.
 */
export const MAX_OFFLINE_DAYS = 14;

/** The calendar day (Europe/Stockholm) a change was written: its HLC wall time, within rule 19's bounds. */
export function writeDay(hlcMillis: number, serverNow: number): string {
  const earliest = serverNow - MAX_OFFLINE_DAYS * 86_400_000;
  return localDate(Math.min(Math.max(hlcMillis, earliest), serverNow));
}

export function backdateVerdict(date: string, writtenOn: string, windowDays: number, role: Role): BackdateVerdict {
  if (date > writtenOn) return 'future';
  if (role === 'manager' || role === 'admin') return 'ok';
  return daysBetween(date, writtenOn) > windowDays ? 'too-old' : 'ok';
}
