/**
 * The staffing board's rules on a push, beyond schema and scope (sync/README.md rule 5: a failing
 * change is rejected alone, with a code and a field path, and the queue moves on):
 *  - the HR figure and the board's settings are a manager's (or admin's): staff and ward tablets
 *    enter shifts and beds only;
 *  - a patch of a cell must leave a whole valid cell. validateChange checks a patch field by
 *    field, so the cross-field rules (absences ≤ planned, korttid ≤ kvot) are checked here on the
 *    cell as it would be after the merge; and a cell starts with an insert, which names its day.
 */
import type { Change } from '../../shared/protocol';
import { BedsDay } from '../../shared/schema/beds-day';
import { HrMonth } from '../../shared/schema/hr-month';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { mergeChange, publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

const CELLS = { staffingShift: StaffingShift, hrMonth: HrMonth, bedsDay: BedsDay } as const;

export async function staffingWriteRule(ctx: RuleContext, p: Principal, change: Change, _now: number): Promise<RuleRejection | null> {
  if ((change.entity === 'hrMonth' || change.entity === 'staffingSettings') && !may(p, 'manage-settings', ctx.unit)) {
    return { code: 'forbidden', path: ['entity'] };
  }
  if (change.op !== 'patch' || !(change.entity in CELLS)) return null;
  const { existing } = ctx;
  if (existing === undefined) return { code: 'validation', path: ['op'] };
  const { row } = mergeChange(existing, change);
  if (row.deleted) return null;
  const parsed = CELLS[change.entity as keyof typeof CELLS].safeParse(publicData(row));
  return parsed.success ? null : issueToError(parsed.error, ['fields']);
}
