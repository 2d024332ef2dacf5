/**
 * Who may write a reported measure's values and the goal document (goal items, analyses,
 * strategic actions; issue 13), beyond schema and scope (sync/README.md rule 5: a failing change
 * is rejected alone): the managers (and admins) of the unit the row belongs to, as for HR months;
 * staff and ward tablets write nothing of the goal document.
 * Rejection: {code: 'forbidden', path: ['entity']}.
 */
import type { Change } from '../../shared/protocol';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

export async function reportedWriteRule(ctx: RuleContext, p: Principal, _change: Change, _now: number): Promise<RuleRejection | null> {
  return may(p, 'manage-settings', ctx.unit) ? null : { code: 'forbidden', path: ['entity'] };
}
