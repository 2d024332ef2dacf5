/**
 * View model of the action list: which rows show under the filter, in what order, which stand
 * out as overdue (symbol + word, not colour alone), and the inline form's validation with a
 * Swedish message next to each field.
 */
import { isOverdue, sortActions } from '../../../shared/domain/meeting/actions';
import { containsPersonnummer } from '../../../shared/domain/personnummer';
import { type Action, type ActionCause, type ActionStatus, CAUSE_KINDS } from '../../../shared/schema/action';
import { IsoDate } from '../../../shared/schema/ids';
import { tx } from './texts';

export type ActionFilter = 'open' | 'all';

export interface ActionRow {
  action: Action;
  overdue: boolean;
  statusText: string;
}

export const STATUS_SYMBOL: Record<ActionStatus, string> = { oppen: '○', pagar: '◐', klar: '✓' };

export function actionRows(actions: readonly Action[], today: string, filter: ActionFilter): ActionRow[] {
  const shown = filter === 'open' ? actions.filter((a) => a.status !== 'klar') : actions;
  return sortActions(shown, today).map((action) => ({
    action,
    overdue: isOverdue(action, today),
    statusText: tx(`actionStatus.${action.status}`),
  }));
}

export function openCounts(actions: readonly Action[], today: string): { open: number; late: number } {
  const open = actions.filter((a) => a.status !== 'klar');
  return { open: open.length, late: open.filter((a) => isOverdue(a, today)).length };
}

export interface ActionDraft {
  title: string;
  owner: string;
  due: string;
  note: string;
}

export type DraftErrors = Partial<Record<keyof ActionDraft, string>>;

export const emptyDraft = (): ActionDraft => ({ title: '', owner: '', due: '', note: '' });

export const draftOf = (a: Action): ActionDraft => ({ title: a.title, owner: a.owner ?? '', due: a.due ?? '', note: a.note ?? '' });

const LIMITS: Record<'title' | 'owner' | 'note', number> = { title: 200, owner: 40, note: 500 };

export function textError(value: string, max: number): string | undefined {
  if (value.length > max) return tx('actions.tooLong', { max });
  if (containsPersonnummer(value)) return tx('actions.personnummer');
  return undefined;
}

/** Field messages for a draft; empty when it may be saved. */
export function validateDraft(d: ActionDraft): DraftErrors {
  const errors: DraftErrors = {};
  const title = d.title.trim();
  if (title === '') errors.title = tx('actions.titleRequired');
  for (const field of ['title', 'owner', 'note'] as const) {
    const e = textError(d[field].trim(), LIMITS[field]);
    if (e !== undefined) errors[field] ??= e;
  }
  if (d.due !== '' && !IsoDate.safeParse(d.due).success) errors.due = tx('actions.dueInvalid');
  return errors;
}

/** The fields a valid draft stores (empty optional fields as null). */
export function draftFields(d: ActionDraft): Pick<Action, 'title' | 'owner' | 'due' | 'note'> {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return { title: d.title.trim(), owner: opt(d.owner), due: opt(d.due), note: opt(d.note) };
}

/** Only what differs from the stored action (a per-field patch: other tablets' edits survive). */
export function changedFields(current: Action, next: Partial<Action>): Partial<Action> {
  const out: Partial<Action> = {};
  for (const [k, v] of Object.entries(next) as [keyof Action, unknown][]) {
    if ((current[k] ?? null) !== (v ?? null)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** A cause handed over in the address (#/forbattring?ny=1&orsak=…&ref=…&etikett=…), if valid. */
export function causeFromQuery(q: Readonly<Record<string, string>>): ActionCause | null {
  const kind = q.orsak;
  const ref = q.ref ?? '';
  const label = q.etikett ?? '';
  const kinds: readonly string[] = CAUSE_KINDS;
  if (kind === undefined || !kinds.includes(kind) || ref.length > 120 || label === '' || label.length > 160) return null;
  if (containsPersonnummer(label)) return null;
  return { kind: kind as ActionCause['kind'], ref, label };
}
