/**
 * The event being registered, and the rule that turns it into a record. Pure, so the tap path
 * (category chip, severity chip, Spara) is tested without a DOM. Content checks (personnummer,
 * lengths) are the storage layer's: writeChange validates against the shared schema and throws.
 */
import type { Severity } from '../../../shared/schema/safety-event';
import type { UnitId } from '../../../shared/schema/ids';
import type { NewSafetyEvent } from '../../storage/safety-repo';

export interface EventDraft {
  date: string;
  category: string | null;
  severity: Severity | null;
  description: string;
  reported: boolean;
  caseNumber: string;
  improvement: string;
}

export const emptyEventDraft = (date: string): EventDraft => ({
  date,
  category: null,
  severity: null,
  description: '',
  reported: false,
  caseNumber: '',
  improvement: '',
});

/** The record to save, or null while category or severity is missing. Empty texts are left out. */
export function toNewEvent(d: EventDraft, unitId: UnitId): NewSafetyEvent | null {
  if (d.category === null || d.severity === null) return null;
  const description = d.description.trim();
  const caseNumber = d.caseNumber.trim();
  const improvement = d.improvement.trim();
  return {
    unitId,
    date: d.date,
    category: d.category,
    severity: d.severity,
    reportedInDeviationSystem: d.reported,
    ...(description ? { description } : {}),
    // A case number only means something for a reported event.
    ...(d.reported && caseNumber ? { caseNumber } : {}),
    ...(improvement ? { improvement } : {}),
  } as NewSafetyEvent;
}
