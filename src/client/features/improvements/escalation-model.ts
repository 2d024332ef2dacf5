/**
 * Escalation as the screens say it: the line on the raising unit's item ("Löst – Division
 * Länssjukvård: ”Extra pool …”"), a symbol per status so it never rests on colour, and the
 * answer choices a holding level has.
 */
import { canEscalate } from '../../../shared/domain/meeting/escalation';
import type { Action } from '../../../shared/schema/action';
import { ESCALATION_ANSWERS, type EscalationStatus } from '../../../shared/schema/escalation';
import type { Idea } from '../../../shared/schema/idea';
import { tx } from './texts';

export interface BoardStatusView {
  holderName: string;
  status: EscalationStatus;
  reply: string | null;
  answeredByName: string | null;
}

export const ESC_SYMBOL: Record<EscalationStatus, string> = { skickad: '↑', mottagen: '✉', atgardas: '◐', lost: '✓', tillbaka: '↩' };

export const escStatusText = (s: EscalationStatus): string => tx(`esc.status.${s}`);

/** The line shown on the item, or null when it was never escalated. */
export function escalationLine(v: BoardStatusView | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v.status === 'skickad') return tx('esc.sent', { holder: v.holderName });
  const holder = v.answeredByName ?? v.holderName;
  const status = escStatusText(v.status);
  return v.reply ? tx('esc.answeredReply', { status, holder, reply: v.reply }) : tx('esc.answered', { status, holder });
}

export const ANSWER_CHOICES: readonly EscalationStatus[] = ESCALATION_ANSWERS;

/** Whether to offer "Eskalera till …": open items only (something done is not sent up) that may go (again). */
export function offersEscalation(item: Action | Idea): boolean {
  const done = 'status' in item ? item.status === 'klar' : item.stage === 'klar';
  return !done && canEscalate(item);
}
