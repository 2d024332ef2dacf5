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
 * meetingSettings: managers, admins and unit tablets (a unit edits its own agenda at the board,
 * the tablet's scope is its unit); staff accounts are refused. meetingLog: anyone in scope.
 */
import type { ErrorCode } from '../../shared/errors';
import type { Change } from '../../shared/protocol';
import { ANSWER_FIELDS } from '../../shared/schema/escalation';
import type { Principal } from '../auth/principal';
import type { StoreTx } from '../store/store';

type Rejection = { code: ErrorCode; path: (string | number)[] };
const reject = (code: ErrorCode, field: string): Rejection => ({ code, path: ['fields', field] });

async function parentOf(tx: StoreTx, unitId: string | null): Promise<string | null> {
  if (unitId === null) return null;
  return (await tx.getUnit(unitId))?.parentId ?? null;
}

async function covers(tx: StoreTx, p: Principal, unitId: string): Promise<boolean> {
  const unit = await tx.getUnit(unitId);
  return unit !== undefined && unit.path.startsWith(p.scopePath);
}

/** The answer fields a send (to !== null) or a withdrawal (to === null) writes itself. */
function isSentState(field: string, value: unknown, to: string | null): boolean {
  if (field === 'escalationStatus' && to !== null) return value === 'skickad';
  return value === null;
}

/** True if `ancestorId` is `unitId` or one of its ancestors. */
async function isAtOrAbove(tx: StoreTx, ancestorId: string, unitId: string): Promise<boolean> {
  const [above, unit] = [await tx.getUnit(ancestorId), await tx.getUnit(unitId)];
  return above !== undefined && unit !== undefined && unit.path.startsWith(above.path);
}

/**
 * May a principal who does not cover the holder take the item away from it (send it again to the
 * unit's parent, withdraw it, delete it)? Only while the holder has not taken it on: never sent,
 * sent back ("tillbaka"), or still waiting unanswered at the parent it was sent to (a second
 * tablet sending it again). Not once it is received, being handled, solved or forwarded: that
 * would erase the answer and take it off the holder's agenda. A delete may also clear a solved one.
 */
async function mayTakeBack(tx: StoreTx, unitId: string, holder: string | null, status: unknown, deleting: boolean): Promise<boolean> {
  if (holder === null || status === 'tillbaka' || (deleting && status === 'lost')) return true;
  return status === 'skickad' && holder === (await parentOf(tx, unitId));
}

async function escalationRule(tx: StoreTx, p: Principal, change: Change): Promise<Rejection | null> {
  const existing = await tx.getRow(change.entity, change.id);
  if (change.op === 'patch' && existing === undefined) return { code: 'validation', path: ['op'] };
  // Ids are client-made UUIDs the server can check: a delete of one it never stored would write a
  // tombstone under an id nobody had (issue 18).
  if (change.op === 'delete' && existing === undefined) return { code: 'not-found', path: ['id'] };
  const live = existing && !existing.deleted ? existing.data : undefined;
  const storedHolder = typeof live?.escalatedTo === 'string' ? live.escalatedTo : null;
  const holds = storedHolder !== null && (await covers(tx, p, storedHolder));
  const takesBack = async (deleting: boolean) => holds || (await mayTakeBack(tx, change.unitId, storedHolder, live?.escalationStatus, deleting));
  if (change.op === 'delete') return (await takesBack(true)) ? null : { code: 'forbidden', path: ['op'] };
  const fields = change.fields;
  const moves = Object.hasOwn(fields, 'escalatedTo');
  const to = moves ? ((fields.escalatedTo as string | null | undefined) ?? null) : null;

  if (moves && to !== null && to !== (await parentOf(tx, change.unitId))) {
    if (storedHolder === null || to !== (await parentOf(tx, storedHolder))) return reject('validation', 'escalatedTo');
    if (!holds) return reject('forbidden', 'escalatedTo');
  } else if (moves && !(await takesBack(false))) {
    return reject('forbidden', 'escalatedTo');
  }

  const holder = moves ? to : storedHolder;
  for (const field of ANSWER_FIELDS) {
    if (!Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    if (moves && isSentState(field, value, to)) continue;
    if (field === 'escalationStatus' && value === 'skickad') return reject('validation', field);
    if (holder === null || holder === change.unitId || !(await covers(tx, p, holder))) return reject('forbidden', field);
  }
  const by = fields.escalationAnsweredBy;
  if (typeof by === 'string' && (!(await covers(tx, p, by)) || holder === null || !(await isAtOrAbove(tx, by, holder)))) {
    return reject('forbidden', 'escalationAnsweredBy');
  }
  return null;
}

/** `change.fields` have passed validateChange; returns null when the change may be applied. */
export async function meetingWriteRule(tx: StoreTx, p: Principal, change: Change, _now: number): Promise<Rejection | null> {
  switch (change.entity) {
    case 'action':
    case 'idea':
      return escalationRule(tx, p, change);
    case 'meetingSettings':
      return p.kind === 'account' && p.role === 'staff' ? { code: 'forbidden', path: ['entity'] } : null;
    default:
      return null;
  }
}
