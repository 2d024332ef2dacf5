/**
 * Gröna korset's rules on a push, beyond schema and scope (sync/README.md rule 5: a failing
 * change is rejected alone, with a code and a field path, and the queue moves on):
 *  - back-dating: staff and tablets may write a day at most `backdateDays` back (the unit's
 *    safety settings, default 7); managers and admins any past day; nobody a future day;
 *  - a correction keeps its original's unit and date, so a month's rows hold every correction
 *    that matters for that month, and correcting an old event is itself back-dating;
 *  - a day is only ever patched (its confirmation), never inserted whole or deleted: see
 *    schema/safety-day.ts;
 *  - only managers and admins change a unit's safety settings (the window among them).
 */
import { backdateVerdict, writeDay } from '../../shared/domain/safety-backdate';
import type { Change } from '../../shared/protocol';
import { safetyDayDate } from '../../shared/schema/safety-day';
import { DEFAULT_SAFETY_SETTINGS } from '../../shared/domain/safety-defaults';
import { safetySettingsIdFor } from '../../shared/schema/safety-settings';
import { parseHlc } from '../../shared/sync/hlc';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { StoreTx } from '../store/store';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

async function windowDays(tx: StoreTx, unitId: string): Promise<number> {
  const row = await tx.getRow('safetySettings', safetySettingsIdFor(unitId));
  const value = row && !row.deleted ? row.data.backdateDays : undefined;
  return typeof value === 'number' ? value : DEFAULT_SAFETY_SETTINGS.backdateDays;
}

async function checkDate(tx: StoreTx, p: Principal, change: Change, date: string, now: number): Promise<RuleRejection | null> {
  const written = writeDay(parseHlc(change.hlc).millis, now);
  const verdict = backdateVerdict(date, written, await windowDays(tx, change.unitId), p.role);
  if (verdict === 'future') return { code: 'validation', path: ['fields', 'date'] };
  if (verdict === 'too-old') return { code: 'backdate-window', path: ['fields', 'date'] };
  return null;
}

/** `change.fields` have passed validateChange; returns null when the change may be applied. */
export async function safetyWriteRule(ctx: RuleContext, p: Principal, change: Change, now: number): Promise<RuleRejection | null> {
  const { tx } = ctx;
  switch (change.entity) {
    case 'safetySettings':
      return may(p, 'manage-settings', ctx.unit) ? null : { code: 'forbidden', path: ['entity'] };
    case 'safetyDay':
      if (change.op !== 'patch') return { code: 'validation', path: ['op'] };
      return checkDate(tx, p, change, safetyDayDate(change.id), now);
    case 'safetyEvent': {
      // A replay of a stored record changes nothing (rule 10), so no rule needs to pass again.
      if (ctx.existing) return null;
      const date = change.fields.date as string;
      const replaces = change.fields.replaces;
      if (typeof replaces === 'string') {
        const original = await tx.getRow('safetyEvent', replaces);
        if (!original) return { code: 'not-found', path: ['fields', 'replaces'] };
        if (original.unitId !== change.unitId) return { code: 'scope-denied', path: ['fields', 'replaces'] };
        if (original.data.date !== date) return { code: 'validation', path: ['fields', 'date'] };
      }
      return checkDate(tx, p, change, date, now);
    }
    default:
      return null;
  }
}
