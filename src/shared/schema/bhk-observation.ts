/**
 * Hygiene observation (basala hygienrutiner och klädregler, BHK): docs/domain.md §2.
 * Append-only: a correction is a new record whose `replaces` names the old one; a void is a
 * correction with `voided: true`. The observed person is never named.
 */
import { z } from 'zod/mini';
import { Instant, IsoDate, RecordId, UnitId } from './ids';
import { codeText, freeText } from './text';

/** The 8 steps, in protocol order: 4 hygiene routines, then 4 dress rules. */
export const BHK_STEPS = [
  'handDisinfectionBefore',
  'gloves',
  'apron',
  'handDisinfectionAfter',
  'shortSleeves',
  'noJewellery',
  'nails',
  'hairTiedUp',
] as const;
export type BhkStep = (typeof BHK_STEPS)[number];
/** Only these steps may be answered "ej aktuellt" (not indicated). */
export const BHK_NA_ALLOWED: readonly BhkStep[] = ['gloves', 'apron'];
export const BHK_HYGIENE_STEPS: readonly BhkStep[] = BHK_STEPS.slice(0, 4);
export const BHK_DRESS_STEPS: readonly BhkStep[] = BHK_STEPS.slice(4);

export const StepAnswer = z.enum(['ja', 'nej', 'ej_aktuellt']);
export type StepAnswer = z.infer<typeof StepAnswer>;

export const DEFAULT_PROFESSIONS = [
  'lakare',
  'sjukskoterska',
  'underskoterska',
  'fysioterapeut',
  'ovrig',
  'student',
] as const;

export const BhkSteps = z
  .strictObject({
    handDisinfectionBefore: StepAnswer,
    gloves: StepAnswer,
    apron: StepAnswer,
    handDisinfectionAfter: StepAnswer,
    shortSleeves: StepAnswer,
    noJewellery: StepAnswer,
    nails: StepAnswer,
    hairTiedUp: StepAnswer,
  })
  .check(
    z.superRefine((steps, ctx) => {
      for (const step of BHK_STEPS) {
        if (steps[step] === 'ej_aktuellt' && !BHK_NA_ALLOWED.includes(step)) {
          ctx.issues.push({ code: 'custom', message: 'na-not-allowed', path: [step], input: steps[step] });
        }
      }
    }),
  );
export type BhkSteps = z.infer<typeof BhkSteps>;

export const BhkObservation = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  date: IsoDate,
  /** Profession code from the region's list (DEFAULT_PROFESSIONS by default). */
  profession: codeText(/^[a-z0-9_]{1,40}$/),
  task: z.optional(freeText(80)),
  selfAssessment: z.boolean(),
  steps: BhkSteps,
  /** Observer as initials or role only, never a full name. */
  observer: z.optional(z.string().check(z.regex(/^[A-Za-zÅÄÖåäöÉé]{1,4}$/))),
  note: z.optional(freeText(500)),
  /** When set, this record corrects (amends or voids) the record with this id. */
  replaces: z.optional(RecordId),
  voided: z.optional(z.boolean()),
  /**
   * On a correction: the date of the original it corrects. Corrections are filed (sort key) and
   * counted under their original's date, so a period query finds a correction made in another
   * month, and an observation never moves period through a correction (registry.ts, bhk-period.ts).
   */
  originalDate: z.optional(IsoDate),
  createdAt: Instant,
});
export type BhkObservation = z.infer<typeof BhkObservation>;
