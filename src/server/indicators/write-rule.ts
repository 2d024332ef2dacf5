/**
 * Who may change the indicator catalogue (issue 6 §1), beyond schema and scope (sync/README.md
 * rule 5: a failing change is rejected alone, with its code and field path):
 *  - staff and ward tablets: nothing;
 *  - managers: rows of units in their scope (the push checks scope), but only the target-ish
 *    fields: target, long-term target, tolerance, minimum n, period, compare, order and hidden.
 *    Names, sources, units and directions are the catalogue's, an admin's. A manager may delete
 *    (revert to inherited) only a row that holds nothing but such fields;
 *  - admins: anything.
 * In policy terms (auth/policy.ts): administer the unit, or manage its settings (targets only).
 * Rejections: {code: 'forbidden', path: ['fields', <field>]} (['entity'] for staff and tablets).
 */
import type { Change } from '../../shared/protocol';
import { publicData } from '../../shared/sync/merge';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

export const MANAGER_FIELDS: ReadonlySet<string> = new Set(['target', 'longTermTarget', 'tolerance', 'minN', 'period', 'compare', 'order', 'hidden']);
/** Fields that name the row (an insert carries them) or revive it; not settings. */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['id', 'unitId', 'key', '_deleted']);

const firstForeign = (fields: Readonly<Record<string, unknown>>): string | undefined =>
  Object.keys(fields)
    .sort()
    .find((f) => !IDENTITY_FIELDS.has(f) && !MANAGER_FIELDS.has(f));

export async function indicatorWriteRule(ctx: RuleContext, p: Principal, change: Change, _now: number): Promise<RuleRejection | null> {
  if (may(p, 'administer', ctx.unit)) return null;
  if (!may(p, 'manage-settings', ctx.unit)) return { code: 'forbidden', path: ['entity'] };
  if (change.op === 'delete') {
    const { existing } = ctx;
    const foreign = existing === undefined ? undefined : firstForeign(publicData(existing));
    return foreign === undefined ? null : { code: 'forbidden', path: ['fields', foreign] };
  }
  const foreign = firstForeign(change.fields);
  return foreign === undefined ? null : { code: 'forbidden', path: ['fields', foreign] };
}
