/**
 * Patient safety event on Gröna korset (docs/domain.md §1): one risk, harm or serious harm on one day
 * of one unit. Append-only with a UUIDv7 id, so events written on two tablets offline are all
 * kept. A correction is a new record whose `replaces` names the old one (same unit, same date);
 * a void is a correction with `voided: true`. Nothing here may identify a patient.
 */
import { z } from 'zod/mini';
import { Instant, IsoDate, RecordId, UnitId } from './ids';
import { freeLine, freeText } from './text';

/**
 * Severity, least to most serious: gul = risk för vårdskada, orange = vårdskada, rod = allvarlig
 * vårdskada. Codes are ASCII ("rod", not "röd") like every other code in the app; the UI says "röd".
 * A 3-level region simply does not offer orange.
 */
export const SEVERITIES = ['gul', 'orange', 'rod'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * A category is a default code ("fall", "trycksar", … in domain/safety-defaults.ts, translated in
 * the UI) or a unit's own label such as "Suicid/självskada", shown as written. Events are grouped
 * by this exact string in roll-ups. Free text rules apply: capped, no personnummer.
 */
export const SafetyCategory = freeLine(40).check(z.minLength(1));

export const SafetyEvent = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  /** The day the event belongs to on the cross (Europe/Stockholm). */
  date: IsoDate,
  category: SafetyCategory,
  severity: Severity,
  /** Short description for the detail list; no patient identifiers (personnummer refused). */
  description: z.optional(freeText(300)),
  /** "Rapporterad i avvikelsesystemet" (Synergi or similar), with an optional case number. */
  reportedInDeviationSystem: z.boolean(),
  caseNumber: z.optional(freeLine(40)),
  improvement: z.optional(freeText(500)),
  /** When set, this record corrects (amends or voids) the record with this id. */
  replaces: z.optional(RecordId),
  voided: z.optional(z.boolean()),
  createdAt: Instant,
});
export type SafetyEvent = z.infer<typeof SafetyEvent>;
