/**
 * Who may do what to which unit: the one place that answers it. A right has two halves:
 *  - the caller's kind of principal may take the action at all (WHO below: a role, or a ward
 *    tablet), and
 *  - the unit lies in the caller's scope: it is the scope unit or below it, i.e. its materialised
 *    path starts with the scope root's path. Closed units stay in scope (history stays readable;
 *    push refuses writes to them with its own code, sync/README.md rule 14).
 * Routes declare the action they need (http/route.ts) and are checked before their handler runs;
 * services, push and its write rules ask here for every unit or row they touch. Nothing else
 * compares a path with a scope.
 */
import { mayAnswer } from '../../shared/domain/meeting/escalation';
import type { Escalatable } from '../../shared/domain/meeting/escalation';
import { AppError } from '../../shared/errors';
import type { OrgView } from '../org/view';
import type { UnitRow } from '../store/store';
import type { Principal } from './principal';

export const ACTIONS = [
  /** Figures, rows and settings of a unit (roll-ups, reports, pull, the org tree). */
  'read',
  /** A unit's data as a file (CSV). */
  'export',
  /** Changes to a unit's boards through push (observations, crosses, shifts, actions, …). */
  'write',
  /** The pulse meeting's agenda and time box: the ward's own tablet edits it at the meeting. */
  'edit-agenda',
  /** A board's settings, the HR month, an indicator's targets for the level. */
  'manage-settings',
  /** Enrolment codes for ward tablets, the tablet list, revoking a tablet. */
  'manage-devices',
  /** Answering or forwarding an escalation held by a unit in scope (never by the raising unit). */
  'answer-escalation',
  /** The org tree, accounts, the indicator catalogue's definitions. */
  'administer',
  /** The change log and security events of a subtree (the audit log, issue 12). */
  'read-audit',
  /**
   * A unit's synced rows as stored, free text included (pull, the device fact feed, a unit's
   * snapshot): what a device keeps offline. People and tablets; never a machine's API key.
   */
  'read-rows',
] as const;
export type Action = (typeof ACTIONS)[number];

type Who = (p: Principal) => boolean;
const anyone: Who = () => true;
const managers: Who = (p) => p.role === 'manager' || p.role === 'admin';
const admins: Who = (p) => p.role === 'admin';

/** Which principals may take each action at all, wherever it is. */
const WHO: Record<Action, Who> = {
  read: anyone,
  export: anyone,
  write: anyone,
  // Staff accounts are refused: at the meeting it is the ward's tablet that holds the agenda.
  'edit-agenda': (p) => p.kind === 'tablet' || managers(p),
  'manage-settings': managers,
  'manage-devices': managers,
  'answer-escalation': anyone,
  administer: admins,
  'read-audit': managers,
  'read-rows': anyone,
};

/**
 * A machine's API key (issue 16) reads figures and files and nothing else: never a write, never
 * the synced rows with their free text, never an admin screen, never its "self" routes.
 */
const KEY_ACTIONS: ReadonlySet<Action> = new Set<Action>(['read', 'export']);

/** May `p` take `action` at all (before any unit is named)? */
export const roleMay = (p: Principal, action: Action): boolean => (p.kind === 'api-key' ? KEY_ACTIONS.has(action) : WHO[action](p));

/**
 * May `p` read free text in the feed (action titles, owners, notes, replies)? People and tablets
 * read it in the app anyway; a machine's key only when an admin allowed it.
 */
export const mayReadFreeText = (p: Principal): boolean => p.kind !== 'api-key' || p.freeText === true;

/** May `p` use the routes about its own device (identity, logout)? Devices yes, machine keys no. */
export const maySelf = (p: Principal): boolean => p.kind !== 'api-key';

/** Throws AppError('forbidden') unless `p` may use its "self" routes. */
export function requireSelf(p: Principal): void {
  if (!maySelf(p)) throw new AppError('forbidden', { action: 'self' });
}

/** Does the unit lie in the caller's scope (the scope unit or below it)? */
export const inScope = (p: Principal, unit: Pick<UnitRow, 'path'>): boolean => unit.path.startsWith(p.scopePath);

/** The materialised path under which `p` reads: pull filters the change log by it in SQL (rule 14). */
export const readScopePath = (p: Principal): string => p.scopePath;

/** May `p` take `action` on `unit`? */
export const may = (p: Principal, action: Action, unit: Pick<UnitRow, 'path'>): boolean => roleMay(p, action) && inScope(p, unit);

/** Throws AppError('forbidden') unless `p` may take `action` somewhere. */
export function requireAction(p: Principal, action: Action): void {
  if (!roleMay(p, action)) throw new AppError('forbidden', { action });
}

/**
 * The unit, if `p` may take `action` on it; else throws forbidden (the action is not theirs),
 * not-found (no such unit) or scope-denied (outside their scope), with `field` as the error path
 * when the unit was named by a request field.
 */
export function authorize(p: Principal, action: Action, unit: UnitRow | undefined, unitId: string, field?: string): UnitRow {
  requireAction(p, action);
  const path = field === undefined ? undefined : [field];
  if (!unit) throw new AppError('not-found', { unitId }, path);
  if (!inScope(p, unit)) throw new AppError('scope-denied', { unitId }, path);
  return unit;
}

/** Units `p` reads, plus the levels above their scope (named so a client can show the path). */
export function visibleUnits(p: Principal, org: OrgView): UnitRow[] {
  const above = new Set(p.scopePath.split('/').filter(Boolean));
  return org.units.filter((u) => may(p, 'read', u) || above.has(u.id));
}

/**
 * May `p` answer or forward the escalated item (the level holding it lies in their scope and they
 * are not scoped to the raising unit)? The rule itself is the shared one the device shows its
 * buttons by (shared/domain/meeting/escalation.ts mayAnswer).
 */
export const mayAnswerEscalation = (p: Principal, org: OrgView, item: Escalatable): boolean =>
  roleMay(p, 'answer-escalation') && mayAnswer(org.tree, p.scopeUnitId, item);
