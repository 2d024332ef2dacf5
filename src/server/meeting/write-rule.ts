/**
 * The pulse meeting's rules on a push, beyond schema and scope (sync/README.md rule 5: a failing
 * change is rejected alone, with a code and a field path, and the queue moves on).
 *
 * Actions and ideas (escalation, schema/escalation.ts):
 *  - `escalatedTo` may be set to null (withdrawn), to the raising unit's parent (escalate, or
 *    send again after "tillbaka"), or to the parent of the level holding it now (forward), the
 *    last only by a principal whose scope covers that holder. Anything else: validation.
 *  - The answer fields (ANSWER_FIELDS) may be written only by a principal whose scope covers the
 *    level holding the row (the change's own escalatedTo if it sets one, else the stored row's)
 *    and who is not scoped only to the raising unit: else forbidden at ['fields', field]. The one
 *    exception is the "sent" state a send writes with its escalatedTo (status 'skickad', the
 *    other answer fields null; all null when withdrawing): whoever may move escalatedTo may
 *    write that. 'skickad' is never written without an escalatedTo.
 *  - escalationAnsweredBy must name a unit in the writer's scope.
 *  - A patch needs the row to exist (an insert the server refused leaves nothing to patch).
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

async function escalationRule(tx: StoreTx, p: Principal, change: Change): Promise<Rejection | null> {
  const existing = await tx.getRow(change.entity, change.id);
  if (change.op === 'patch' && existing === undefined) return { code: 'validation', path: ['op'] };
  if (change.op === 'delete') return null;
  const fields = change.fields;
  const stored = existing && !existing.deleted ? existing.data.escalatedTo : undefined;
  const storedHolder = typeof stored === 'string' ? stored : null;
  const moves = 'escalatedTo' in fields;
  const to = moves ? ((fields.escalatedTo as string | null | undefined) ?? null) : null;

  if (moves && to !== null && to !== (await parentOf(tx, change.unitId))) {
    if (storedHolder === null || to !== (await parentOf(tx, storedHolder))) return reject('validation', 'escalatedTo');
    if (!(await covers(tx, p, storedHolder))) return reject('forbidden', 'escalatedTo');
  }

  const holder = moves ? to : storedHolder;
  for (const field of ANSWER_FIELDS) {
    if (!(field in fields)) continue;
    const value = fields[field];
    if (moves && isSentState(field, value, to)) continue;
    if (field === 'escalationStatus' && value === 'skickad') return reject('validation', field);
    if (holder === null || holder === change.unitId || !(await covers(tx, p, holder))) return reject('forbidden', field);
  }
  const by = fields.escalationAnsweredBy;
  if (typeof by === 'string' && !(await covers(tx, p, by))) return reject('forbidden', 'escalationAnsweredBy');
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
