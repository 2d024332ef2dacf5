/**
 * "Skapa åtgärd" on a red or orange day: the new-action form with the cause "Röd dag <datum>"
 * (issue 7). The unit is the board's (?unit=…), else the caller's own, as on the board.
 */
import { causeTexts } from '../../../shared/i18n/features/meeting';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { createTexts } from '../../kit/i18n';
import { route } from '../../kit/router';
import { newActionHref } from '../improvements/cause-link';

export const txCause = createTexts(causeTexts);

export function safetyActionHref(date: string, status: DayStatus): string | null {
  if (status !== 'rod' && status !== 'orange') return null;
  const label = txCause('safetyDay', { status: txCause(status), date });
  return newActionHref(route().query.unit, { kind: 'safetyDay', ref: date, label });
}
