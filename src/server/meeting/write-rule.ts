/**
 * The pulse meeting's rules on a push, beyond schema and scope (sync/README.md rule 5: a failing
 * change is rejected alone, with a code and a field path, and the queue moves on).
 *
 * Actions and ideas (escalation, schema/escalation.ts):
 *  - `escalatedTo` may be set to null (withdrawn), to the raising unit's parent (escalate, or
 *    send again after "tillbaka"), or to the parent of the level holding it now (forward), the
 *    last only by a principal whose scope covers that holder. Anything else: validation.
 *    Someone who does not cover the holder may withdraw, send again or delete only while the
 *    holder has not taken it on (mayTakeBack): else forbidden at ['fields', 'escalatedTo'] or,
 *    for a delete, ['op'].
 *  - The answer fields (ANSWER_FIELDS) may be written only by a principal whose scope covers the
 *    level holding the row (the change's own escalatedTo if it sets one, else the stored row's)
 *    and who is not scoped only to the raising unit: else forbidden at ['fields', field]. The one
 *    exception is the "sent" state a send writes with its escalatedTo (status 'skickad', the
 *    other answer fields null; all null when withdrawing): whoever may move escalatedTo may
 *    write that. 'skickad' is never written without an escalatedTo.
 *  - escalationAnsweredBy must name a unit in the writer's scope at or above the holder.
 *  - A patch needs the row to exist (an insert the server refused leaves nothing to patch), and so
 *    does a delete (not-found at ['id']): no tombstone for an id that never existed.
 * Who covers the holder, who may take an item back and who the parent level is are decided by the
 * same shared functions the device shows its buttons by (shared/domain/meeting/escalation.ts),
 * over the org tree the push has loaded, through the policy (auth/policy.ts).
 * meetingSettings: the policy's edit-agenda (managers, admins and unit tablets: a unit edits its
 * own agenda at the board, the tablet's scope is its unit); staff accounts are refused.
 * meetingLog: anyone in scope.
 */
import { covers, type Escalatable, mayTakeBack, parentLevel } from '../../shared/domain/meeting/escalation';
import type { ErrorCode } from '../../shared/errors';
import type { Change } from '../../shared/protocol';
import { ANSWER_FIELDS, type EscalationStatus } from '../../shared/schema/escalation';
import { may, mayAnswerEscalation } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

const reject = (code: ErrorCode, field: string): RuleRejection => ({ code, path: ['fields', field] });

/** The answer fields a send (to !== null) or a withdrawal (to === null) writes itself. */
function isSentState(field: string, value: unknown, to: string | null): boolean {
  if (field === 'escalationStatus' && to !== null) return value === 'skickad';
  return value === null;
}

function escalationRule({ org, existing }: RuleContext, p: Principal, change: Change): RuleRejection | null {
  if (change.op === 'patch' && existing === undefined) return { code: 'validation', path: ['op'] };
  // Ids are client-made UUIDs the server can check: a delete of one it never stored would write a
  // tombstone under an id nobody had (issue 18).
  if (change.op === 'delete' && existing === undefined) return { code: 'not-found', path: ['id'] };
  const live = existing && !existing.deleted ? existing.data : undefined;
  // The item as stored (validated on its way in): who holds it now and what they answered.
  const storedHolder = typeof live?.escalatedTo === 'string' ? live.escalatedTo : null;
  const stored: Escalatable = {
    id: change.id,
    unitId: change.unitId,
    escalatedTo: storedHolder,
    escalationStatus: (live?.escalationStatus ?? null) as EscalationStatus | null,
  };
  const parentOf = (unitId: string) => parentLevel(org.tree, unitId)?.id ?? null;
  const holds = mayAnswerEscalation(p, org, stored);
  const takesBack = (deleting: boolean) => holds || mayTakeBack(org.tree, stored, deleting);
  if (change.op === 'delete') return takesBack(true) ? null : { code: 'forbidden', path: ['op'] };
  const fields = change.fields;
  const moves = Object.hasOwn(fields, 'escalatedTo');
  const to = moves ? ((fields.escalatedTo as string | null | undefined) ?? null) : null;

  if (moves && to !== null && to !== parentOf(change.unitId)) {
    if (storedHolder === null || to !== parentOf(storedHolder)) return reject('validation', 'escalatedTo');
    if (!holds) return reject('forbidden', 'escalatedTo');
  } else if (moves && !takesBack(false)) {
    return reject('forbidden', 'escalatedTo');
  }

  const holder = moves ? to : storedHolder;
  for (const field of ANSWER_FIELDS) {
    if (!Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    if (moves && isSentState(field, value, to)) continue;
    if (field === 'escalationStatus' && value === 'skickad') return reject('validation', field);
    if (!mayAnswerEscalation(p, org, { ...stored, escalatedTo: holder })) return reject('forbidden', field);
  }
  const by = fields.escalationAnsweredBy;
  if (typeof by === 'string') {
    // The level that signs must be the writer's and hold the item or lie above the level that does.
    const signer = org.get(by);
    if (signer === undefined || !may(p, 'answer-escalation', signer) || holder === null || !covers(org.tree, by, holder)) {
      return reject('forbidden', 'escalationAnsweredBy');
    }
  }
  return null;
}

/** `change.fields` have passed validateChange; returns null when the change may be applied. */
export async function meetingWriteRule(ctx: RuleContext, p: Principal, change: Change, _now: number): Promise<RuleRejection | null> {
  switch (change.entity) {
    case 'action':
    case 'idea':
      return escalationRule(ctx, p, change);
    case 'meetingSettings':
      return may(p, 'edit-agenda', ctx.unit) ? null : { code: 'forbidden', path: ['entity'] };
    default:
      return null;
  }
}
