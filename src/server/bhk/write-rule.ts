/**
 * BHK's rules on a push, beyond schema and scope (sync/README.md rule 5: a failing change is
 * rejected alone, with a code and a field path):
 *  - an observation is not dated after today (Europe/Stockholm) plus a day of clock skew;
 *  - a correction names a stored original of the same unit and carries that original's period
 *    date as `originalDate`: it is filed and counted there (bhk-period.ts), and the facts of a
 *    correction tree then lie in one (unit, date) bucket (server/facts/maintain.ts).
 */
import { addDays, localDate } from '../../shared/domain/periods';
import type { Change } from '../../shared/protocol';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

/** Days a device's calendar may run ahead of the server's. */
const SKEW_DAYS = 1;

export async function bhkWriteRule(ctx: RuleContext, _p: Principal, change: Change, now: number): Promise<RuleRejection | null> {
  if (change.entity !== 'bhkObservation') return null;
  // A replay of a stored record changes nothing (rule 10), so no rule needs to pass again.
  if (ctx.existing) return null;
  const f = change.fields;
  if (typeof f.date === 'string' && f.date > addDays(localDate(now), SKEW_DAYS)) return { code: 'validation', path: ['fields', 'date'] };
  if (typeof f.replaces !== 'string') return null;
  const original = await ctx.tx.getRow('bhkObservation', f.replaces);
  if (!original) return { code: 'not-found', path: ['fields', 'replaces'] };
  if (original.unitId !== change.unitId) return { code: 'scope-denied', path: ['fields', 'replaces'] };
  const filed = typeof original.data.originalDate === 'string' ? original.data.originalDate : original.data.date;
  if (f.originalDate !== filed) return { code: 'validation', path: ['fields', 'originalDate'] };
  return null;
}
