/**
 * Failed logins per account (issue 18): the per-address limit alone let one address guess
 * about 1,500 passwords a minute, and many addresses can share out the guesses of one account.
 * After LOCK_AFTER_FAILURES failures in a row (since the last success, within WINDOW_MS) the
 * account refuses every attempt, even the right password, for a time that doubles with each
 * further failure, up to MAX_LOCK_S. The failures are read from the security log in the
 * database, so the lock holds on every server process (sync rule 18), and a username that does
 * not exist locks the same way (the answer never tells which accounts exist).
 */
import type { SecurityEvent } from '../store/store';

export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_S = 30;
const MAX_LOCK_S = 15 * 60;
/** Failures older than this are forgotten. */
export const WINDOW_MS = 60 * 60 * 1000;

/** How long an account with `failures` failures in a row stays locked after the last of them. */
export function lockSeconds(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(FIRST_LOCK_S * 2 ** (failures - LOCK_AFTER_FAILURES), MAX_LOCK_S);
}

/**
 * Milliseconds left of the lock, 0 when a login may be tried. `events` are the account's login
 * events of the window, oldest first; a refusal while locked ('locked') neither counts nor
 * lengthens the lock, so nobody can keep an account locked for ever without guessing.
 */
export function lockRemainingMs(events: readonly Pick<SecurityEvent, 'at' | 'outcome'>[], now: number): number {
  let failures = 0;
  let last = 0;
  for (const e of events) {
    if (e.outcome === 'ok') failures = 0;
    else if (e.outcome === 'failed') {
      failures++;
      last = Date.parse(e.at);
    }
  }
  return Math.max(0, last + lockSeconds(failures) * 1000 - now);
}
