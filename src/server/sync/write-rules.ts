/**
 * Per-entity business rules that a pushed change must pass after validation, scope and clock
 * checks (sync/README.md rule 5: a change that fails is rejected alone, with its code and path).
 * Each board with such rules registers them here; entities without an entry have none. A rule
 * gets what push has already loaded (the org tree, the change's unit, the stored row) so it can
 * call the shared pure functions and the policy (auth/policy.ts) instead of reading them again.
 */
import type { ErrorCode } from '../../shared/errors';
import type { Change } from '../../shared/protocol';
import type { EntityName } from '../../shared/schema/registry';
import type { RowState } from '../../shared/sync/merge';
import type { Principal } from '../auth/principal';
import { indicatorWriteRule } from '../indicators/write-rule';
import { reportedWriteRule } from '../indicators/reported-write-rule';
import { meetingWriteRule } from '../meeting/write-rule';
import { bhkWriteRule } from '../bhk/write-rule';
import type { OrgView } from '../org/view';
import { safetyWriteRule } from '../safety/write-rule';
import { staffingWriteRule } from '../staffing/write-rule';
import type { StoreTx, UnitRow } from '../store/store';

export type RuleRejection = { code: ErrorCode; path: (string | number)[] };

export interface RuleContext {
  /** The push's transaction (reads see the push's own earlier writes, push-buffer.ts). */
  readonly tx: StoreTx;
  /** The org tree as the push loaded it. */
  readonly org: OrgView;
  /** The change's unit: it exists, lies in the writer's scope and is open. */
  readonly unit: UnitRow;
  /** The row as stored before this change (undefined: none). */
  readonly existing: RowState | undefined;
}

export type WriteRule = (ctx: RuleContext, p: Principal, change: Change, now: number) => Promise<RuleRejection | null>;

const RULES: Partial<Record<EntityName, WriteRule>> = {
  bhkObservation: bhkWriteRule,
  safetyEvent: safetyWriteRule,
  safetyDay: safetyWriteRule,
  safetySettings: safetyWriteRule,
  staffingShift: staffingWriteRule,
  hrMonth: staffingWriteRule,
  bedsDay: staffingWriteRule,
  staffingSettings: staffingWriteRule,
  indicator: indicatorWriteRule,
  action: meetingWriteRule,
  idea: meetingWriteRule,
  meetingSettings: meetingWriteRule,
  reportedValue: reportedWriteRule,
  goalItem: reportedWriteRule,
  goalAnalysis: reportedWriteRule,
  strategicAction: reportedWriteRule,
};

/** `change.fields` must already be the validated fields. Null: the change may be applied. */
export function checkWriteRules(ctx: RuleContext, p: Principal, change: Change, now: number): Promise<RuleRejection | null> {
  const rule = RULES[change.entity];
  return rule ? rule(ctx, p, change, now) : Promise.resolve(null);
}
