/** Builders for valid Gröna korset records, through the schemas (a fixture can never be invalid). */
import { SafetyDay, safetyDayIdFor } from '../../../src/shared/schema/safety-day';
import { SafetyEvent } from '../../../src/shared/schema/safety-event';

let counter = 0;

export function event(unitId: string, date: string, extra: Partial<Record<keyof SafetyEvent, unknown>> = {}): SafetyEvent {
  counter += 1;
  return SafetyEvent.parse({
    id: `ev-${String(counter).padStart(6, '0')}`,
    unitId,
    date,
    category: 'fall',
    severity: 'gul',
    reportedInDeviationSystem: false,
    createdAt: `${date}T08:00:00.000Z`,
    ...extra,
  });
}

export function day(unitId: string, date: string, confirmedGreen = true): SafetyDay {
  return SafetyDay.parse({ id: safetyDayIdFor(unitId, date), unitId, confirmedGreen });
}
