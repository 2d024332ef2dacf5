/**
 * Editing and deleting the level's goal document (issue 13), as pure functions the forms call:
 * a goal item or a strategic action is shown as a draft of strings, and the draft turns back into
 * the fields that changed (a patch; nothing when nothing changed) or the fields' error keys.
 *
 * Deleting a goal item that has items under it (a mål's framgångsfaktorer and styrmått, a
 * faktor's styrmått) is refused: the report would lose them without a word, and they may be
 * another level's work (a VO's styrmått under the division's faktor). The manager deletes or
 * moves them first; the server refuses the same (server/indicators/reported-write-rule.ts).
 * Strategic actions that serve a deleted mål stay, without a goal; the confirmation says so.
 */
import { targetText } from '../../../shared/domain/goals/format';
import { parseTargetText } from '../../../shared/domain/goals/target-text';
import { ACTION_FOLLOW_STATUSES, type FollowUp, FOLLOW_FIELD, type GoalItem, REPORT_PERIODS, type ReportPeriodKind, type StrategicAction } from '../../../shared/schema/goal';
import type { Direction, IndicatorUnit, Perspective } from '../../../shared/schema/indicator';

/** What the form needs of a measure. */
export interface MeasureDef {
  key: string;
  direction: Direction;
  unit: IndicatorUnit;
}

export interface ItemDraft {
  title: string;
  /** '' for a mål. */
  parentId: string;
  perspective: Perspective;
  /** '' = no measure. */
  indicatorKey: string;
  target: string;
  periods: ReportPeriodKind[];
  /** Place among its siblings (lower first), as typed. */
  order: string;
}

/** Error keys of the feature's texts, per field. */
export type DraftErrors = Partial<Record<'title' | 'parent' | 'target' | 'nr' | 'order', 'err.required' | 'goal.err.target' | 'goal.err.parent' | 'goal.err.nr' | 'goal.err.order'>>;
export type EditResult<T> = { ok: true; fields: Partial<T> } | { ok: false; errors: DraftErrors };

export function itemDraftOf(item: GoalItem, defs: readonly MeasureDef[]): ItemDraft {
  const def = defs.find((d) => d.key === item.indicatorKey);
  return {
    title: item.title,
    parentId: item.parentId ?? '',
    perspective: item.perspective,
    indicatorKey: item.indicatorKey ?? '',
    target: targetText(item.target ?? null, def?.unit ?? 'pct'),
    periods: item.periods ?? [...REPORT_PERIODS],
    order: String(item.order),
  };
}

/** The items a goal item of `kind` may stand under: a faktor under a mål, a styrmått under a mål or a faktor. */
export function parentsFor(kind: GoalItem['kind'], items: readonly GoalItem[]): GoalItem[] {
  if (kind === 'mal') return [];
  return items.filter((i) => (kind === 'faktor' ? i.kind === 'mal' : i.kind === 'mal' || i.kind === 'faktor'));
}

const samePeriods = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The fields of `item` that `draft` changes. The target is read again only when its text was
 * changed (so a target the text cannot write back exactly is kept as it is); a new parent brings
 * its perspective; a mål's perspective is its own.
 */
export function itemChanges(item: GoalItem, draft: ItemDraft, items: readonly GoalItem[], defs: readonly MeasureDef[]): EditResult<GoalItem> {
  const errors: DraftErrors = {};
  const before = itemDraftOf(item, defs);
  const title = draft.title.trim();
  if (title === '') errors.title = 'err.required';
  const parent = item.kind === 'mal' ? undefined : parentsFor(item.kind, items).find((i) => i.id === draft.parentId && i.id !== item.id);
  if (item.kind !== 'mal' && parent === undefined) errors.parent = draft.parentId === '' ? 'err.required' : 'goal.err.parent';
  const def = defs.find((d) => d.key === draft.indicatorKey);
  let target: GoalItem['target'] = item.target ?? null;
  const targetChanged = draft.target.trim() !== before.target.trim();
  if (item.kind === 'styrmatt' && targetChanged) {
    target = draft.target.trim() === '' ? null : parseTargetText(draft.target, def?.direction ?? 'higher');
    if (target === null && draft.target.trim() !== '') errors.target = 'goal.err.target';
  }
  const order = Number(draft.order.trim());
  if (draft.order.trim() === '' || !Number.isInteger(order) || order < 0 || order > 10000) errors.order = 'goal.err.order';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const fields: Partial<GoalItem> = {};
  if (title !== item.title) fields.title = title;
  if (order !== item.order) fields.order = order;
  if (item.kind === 'mal') {
    if (draft.perspective !== item.perspective) fields.perspective = draft.perspective;
  } else if (parent !== undefined) {
    if (parent.id !== item.parentId) fields.parentId = parent.id;
    if (parent.perspective !== item.perspective) fields.perspective = parent.perspective;
  }
  if (item.kind === 'styrmatt') {
    const key = def?.key ?? null;
    if (key !== (item.indicatorKey ?? null)) fields.indicatorKey = key;
    if (targetChanged) fields.target = target;
    if (!samePeriods(draft.periods, before.periods)) fields.periods = REPORT_PERIODS.filter((p) => draft.periods.includes(p));
  }
  return { ok: true, fields };
}

/** What deleting `item` would do: refused while items stand under it; else how many actions lose their goal. */
export function deleteCheck(item: GoalItem, items: readonly GoalItem[], actions: readonly StrategicAction[]): { ok: false; children: number } | { ok: true; linkedActions: number } {
  const children = items.filter((i) => i.parentId === item.id).length;
  if (children > 0) return { ok: false, children };
  return { ok: true, linkedActions: item.kind === 'mal' ? actions.filter((a) => a.goalId === item.id).length : 0 };
}

export type FollowDraft = { status: '' | (typeof ACTION_FOLLOW_STATUSES)[number]; comment: string };

export interface ActionDraft {
  nr: string;
  goalId: string;
  title: string;
  description: string;
  ansvarig: string;
  tidplan: string;
  effekt: string;
  /** Where the action stands in the report; a goal chosen brings its own. */
  perspective: Perspective;
  follow: Record<ReportPeriodKind, FollowDraft>;
}

const followDraft = (f: FollowUp | undefined): FollowDraft => (f ? { status: f.status, comment: f.comment } : { status: '', comment: '' });

export function actionDraftOf(a: StrategicAction): ActionDraft {
  return {
    nr: String(a.nr),
    goalId: a.goalId ?? '',
    title: a.title,
    description: a.description,
    ansvarig: a.ansvarig,
    tidplan: a.tidplan,
    effekt: a.effekt,
    perspective: a.perspective,
    follow: { DA04: followDraft(a.followDA04), DA08: followDraft(a.followDA08), AR: followDraft(a.followAR) },
  };
}

/**
 * The fields of `a` that `draft` changes. A tertial's follow-up without a status is none (null),
 * its comment with it. The goal must be one of `goals` (the mål in force) or none; a goal the
 * action already names but the device does not know is kept while the draft leaves it alone.
 */
export function actionChanges(a: StrategicAction, draft: ActionDraft, goals: readonly GoalItem[]): EditResult<StrategicAction> {
  const errors: DraftErrors = {};
  const nr = Number(draft.nr.trim());
  if (draft.nr.trim() === '' || !Number.isInteger(nr) || nr < 1 || nr > 999) errors.nr = 'goal.err.nr';
  const title = draft.title.trim();
  if (title === '') errors.title = 'err.required';
  const goal = goals.find((g) => g.id === draft.goalId);
  if (draft.goalId !== '' && goal === undefined && draft.goalId !== a.goalId) errors.parent = 'goal.err.parent';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const fields: Partial<StrategicAction> = {};
  if (nr !== a.nr) fields.nr = nr;
  const goalId = draft.goalId === '' ? null : draft.goalId;
  if (goalId !== a.goalId) fields.goalId = goalId as StrategicAction['goalId'];
  const perspective = goalId !== a.goalId && goal !== undefined ? goal.perspective : draft.perspective;
  if (perspective !== a.perspective) fields.perspective = perspective;
  if (title !== a.title) fields.title = title;
  for (const k of ['description', 'ansvarig', 'tidplan', 'effekt'] as const) if (draft[k] !== a[k]) fields[k] = draft[k];
  for (const p of REPORT_PERIODS) {
    const d = draft.follow[p];
    const before = a[FOLLOW_FIELD[p]] ?? null;
    const next: FollowUp = d.status === '' ? null : { status: d.status, comment: d.comment };
    const same = before === null ? next === null : next !== null && next.status === before.status && next.comment === before.comment;
    if (!same) fields[FOLLOW_FIELD[p]] = next;
  }
  return { ok: true, fields };
}
