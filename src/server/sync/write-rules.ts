/**
 * Per-entity business rules that a pushed change must pass after validation, scope and clock
 * checks (sync/README.md rule 5: a change that fails is rejected alone, with its code and path).
 * Each board with such rules registers them here; entities without an entry have none.
 */
import type { Change } from '../../shared/protocol';
import type { EntityName } from '../../shared/schema/registry';
import type { Principal } from '../auth/principal';
import { type RuleRejection, safetyWriteRule } from '../safety/write-rule';
import { staffingWriteRule } from '../staffing/write-rule';
import { indicatorWriteRule } from '../indicators/write-rule';
import { meetingWriteRule } from '../meeting/write-rule';
import { bhkWriteRule } from '../bhk/write-rule';
import type { StoreTx } from '../store/store';

export type WriteRule = (tx: StoreTx, p: Principal, change: Change, now: number) => Promise<RuleRejection | null>;

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
};

/** `change.fields` must already be the validated fields. Null: the change may be applied. */
export function checkWriteRules(tx: StoreTx, p: Principal, change: Change, now: number): Promise<RuleRejection | null> {
  const rule = RULES[change.entity];
  return rule ? rule(tx, p, change, now) : Promise.resolve(null);
}
