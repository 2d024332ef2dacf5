/**
 * Escalation along the org tree (issue 7, docs/domain.md §4.2, schema/escalation.ts). An action or idea
 * stays on its own unit's row; `escalatedTo` names the level holding it now. The raising unit
 * sends it to its parent; the holder may answer (mottagen / åtgärdas / löst / tillbaka) or
 * forward it to its own parent. Who may answer: a principal whose scope covers the holder; the
 * raising unit never can (its scope does not reach its parent). The server enforces the same
 * (server/meeting/write-rule.ts); these functions build the patches and the views.
 */
import { AppError } from '../../errors';
import { ESCALATION_ANSWERS, type EscalationStatus } from '../../schema/escalation';
import { ancestorsOf, type TreeUnit } from '../rollup';

export type EscalationAnswer = (typeof ESCALATION_ANSWERS)[number];

export interface EscalationFields {
  escalatedTo?: string | null;
  escalatedAt?: string | null;
  escalationStatus?: EscalationStatus | null;
  escalationReply?: string | null;
  escalationAnsweredBy?: string | null;
  escalationAnsweredAt?: string | null;
}
export type Escalatable = EscalationFields & { id: string; unitId: string };

/** What escalating or forwarding writes: the new holder, "skickad", the previous answer cleared. */
export type SendPatch = {
  escalatedTo: string;
  escalatedAt: string;
  escalationStatus: 'skickad';
  escalationReply: null;
  escalationAnsweredBy: null;
  escalationAnsweredAt: null;
};
export type AnswerPatch = {
  escalationStatus: EscalationAnswer;
  escalationReply: string | null;
  escalationAnsweredBy: string;
  escalationAnsweredAt: string;
};

const byId = (units: readonly TreeUnit[]) => new Map(units.map((u) => [u.id, u]));
const iso = (now: number) => new Date(now).toISOString();

/** The unit's parent level, or null for the root or an unknown unit. */
export function parentLevel(units: readonly TreeUnit[], unitId: string): TreeUnit | null {
  const parentId = ancestorsOf(units, unitId)[0];
  return parentId === undefined ? null : (byId(units).get(parentId) ?? null);
}

/** Not escalated, or sent back ("tillbaka"): the unit may send it (again). */
export function canEscalate(item: EscalationFields): boolean {
  return !item.escalatedTo || item.escalationStatus === 'tillbaka';
}

function sendTo(to: string, now: number): SendPatch {
  return { escalatedTo: to, escalatedAt: iso(now), escalationStatus: 'skickad', escalationReply: null, escalationAnsweredBy: null, escalationAnsweredAt: null };
}

/** Sends the item to its unit's parent; null when it cannot be escalated or the unit is the root. */
export function escalationPatch(units: readonly TreeUnit[], item: Escalatable, now: number): SendPatch | null {
  if (!canEscalate(item)) return null;
  const parent = parentLevel(units, item.unitId);
  return parent ? sendTo(parent.id, now) : null;
}

/** Passes the item up from its holder to the holder's parent; null if not escalated or at the root. */
export function forwardPatch(units: readonly TreeUnit[], item: Escalatable, now: number): SendPatch | null {
  if (!item.escalatedTo) return null;
  const parent = parentLevel(units, item.escalatedTo);
  return parent ? sendTo(parent.id, now) : null;
}

/** The holder's answer. Throws AppError('validation') for a status that is not an answer. */
export function answerPatch(
  item: Escalatable,
  status: EscalationAnswer,
  reply: string | null,
  answeringUnitId: string,
  now: number,
): AnswerPatch {
  if (!item.escalatedTo) throw new AppError('validation', { id: item.id }, ['escalatedTo']);
  if (!(ESCALATION_ANSWERS as readonly string[]).includes(status)) throw new AppError('validation', { status }, ['escalationStatus']);
  const text = reply === null ? null : reply.trim() === '' ? null : reply.trim();
  return { escalationStatus: status, escalationReply: text, escalationAnsweredBy: answeringUnitId, escalationAnsweredAt: iso(now) };
}

/** True if the level `scopeUnitId` covers `unitId` (it is that unit or one of its ancestors). */
export function covers(units: readonly TreeUnit[], scopeUnitId: string, unitId: string): boolean {
  return scopeUnitId === unitId || ancestorsOf(units, unitId).includes(scopeUnitId);
}

/** May someone scoped at `scopeUnitId` answer or forward the item? Not the raising unit itself. */
export function mayAnswer(units: readonly TreeUnit[], scopeUnitId: string, item: Escalatable): boolean {
  return !!item.escalatedTo && scopeUnitId !== item.unitId && covers(units, scopeUnitId, item.escalatedTo);
}

/**
 * May the raising side (anyone whose scope does not cover the holder) take the item back from the
 * level holding it: withdraw it, send it again, or (`deleting`) delete it? Only while the holder
 * has not taken it on: never sent, sent back, or still unanswered at the unit's parent; a solved
 * item may also be deleted. The server enforces the same (server/meeting/write-rule.ts).
 */
export function mayTakeBack(units: readonly TreeUnit[], item: Escalatable, deleting: boolean): boolean {
  const status = item.escalationStatus ?? 'skickad';
  if (!item.escalatedTo || status === 'tillbaka' || (deleting && status === 'lost')) return true;
  return status === 'skickad' && item.escalatedTo === parentLevel(units, item.unitId)?.id;
}

/**
 * "Avd 21 (VO Medicin)": the raising unit's name, then the levels between it and `levelId` in
 * parentheses, nearest first (nothing in parentheses when the unit sits right below the level).
 */
export function namePath(units: readonly TreeUnit[], unitId: string, levelId: string): string {
  const map = byId(units);
  const name = map.get(unitId)?.name ?? unitId;
  const between: string[] = [];
  for (const id of ancestorsOf(units, unitId)) {
    if (id === levelId) break;
    between.push(map.get(id)?.name ?? id);
  }
  return between.length === 0 ? name : `${name} (${between.join(', ')})`;
}

export interface InboxEntry<T extends Escalatable> {
  item: T;
  fromUnitId: string;
  fromName: string;
}

/** Items held by `levelId`: unanswered ("skickad") first, then oldest sent first. */
export function inboxFor<T extends Escalatable>(units: readonly TreeUnit[], items: readonly T[], levelId: string): InboxEntry<T>[] {
  return items
    .filter((item) => item.escalatedTo === levelId)
    .map((item) => ({ item, fromUnitId: item.unitId, fromName: namePath(units, item.unitId, levelId) }))
    .sort((a, b) => {
      const sa = a.item.escalationStatus === 'skickad' ? 0 : 1;
      const sb = b.item.escalationStatus === 'skickad' ? 0 : 1;
      if (sa !== sb) return sa - sb;
      const ta = a.item.escalatedAt ?? '';
      const tb = b.item.escalatedAt ?? '';
      if (ta !== tb) return ta < tb ? -1 : 1;
      return a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0;
    });
}

export interface BoardStatus {
  holderId: string;
  holderName: string;
  status: EscalationStatus;
  reply: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
}

/** What the raising unit's board shows for an escalated item; null when not escalated. */
export function boardStatus(units: readonly TreeUnit[], item: Escalatable): BoardStatus | null {
  if (!item.escalatedTo) return null;
  const map = byId(units);
  const by = item.escalationAnsweredBy ?? null;
  return {
    holderId: item.escalatedTo,
    holderName: map.get(item.escalatedTo)?.name ?? item.escalatedTo,
    status: item.escalationStatus ?? 'skickad',
    reply: item.escalationReply ?? null,
    answeredByName: by === null ? null : (map.get(by)?.name ?? by),
    answeredAt: item.escalationAnsweredAt ?? null,
  };
}
