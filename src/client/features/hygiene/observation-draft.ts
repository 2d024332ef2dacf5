/**
 * The observation being entered, and the rules that turn it into a record. Pure, so the tap
 * paths are tested without a DOM. A step starts unanswered; "Allt korrekt" answers all 8 with Ja
 * (the common case: profession + Allt korrekt + Spara = 3 taps).
 */
import { BHK_STEPS, type BhkObservation, type BhkStep, type BhkSteps, type StepAnswer } from '../../../shared/schema/bhk-observation';
import type { UnitId } from '../../../shared/schema/ids';
import type { NewObservation } from '../../storage/bhk-repo';

export interface Draft {
  profession: string | null;
  steps: Record<BhkStep, StepAnswer | null>;
  task: string;
  note: string;
  observer: string;
  selfAssessment: boolean;
  /** The observation's date; null = today at the moment of saving (a tablet left on overnight). */
  date: string | null;
}

export function emptyDraft(observer = '', date: string | null = null): Draft {
  return {
    profession: null,
    steps: Object.fromEntries(BHK_STEPS.map((s) => [s, null])) as Draft['steps'],
    task: '',
    note: '',
    observer,
    selfAssessment: false,
    date,
  };
}

/** The draft for amending an observation: everything as it counts now. */
export function draftFrom(o: BhkObservation): Draft {
  return {
    profession: o.profession,
    steps: { ...o.steps },
    task: o.task ?? '',
    note: o.note ?? '',
    observer: o.observer ?? '',
    selfAssessment: o.selfAssessment,
    date: o.date,
  };
}

/** Every applicable step Ja: a step already marked "ej aktuellt" stays so (it does not apply). */
export function allCorrect(current?: Draft['steps']): Draft['steps'] {
  return Object.fromEntries(BHK_STEPS.map((s) => [s, current?.[s] === 'ej_aktuellt' ? 'ej_aktuellt' : 'ja'])) as Draft['steps'];
}

const isComplete = (steps: Draft['steps']): steps is BhkSteps => BHK_STEPS.every((s) => steps[s] !== null);

/**
 * The record to save, or null while a profession or a step answer is missing; dated `today` unless
 * the draft names a date. Empty optional
 * texts are left out rather than stored as "". Content checks (personnummer, initials format)
 * are the storage layer's: writeChange validates against the shared schema and throws.
 */
export function toNewObservation(d: Draft, unitId: UnitId, today: string): NewObservation | null {
  if (d.profession === null || !isComplete(d.steps)) return null;
  const date = d.date ?? today;
  const task = d.task.trim();
  const note = d.note.trim();
  const observer = d.observer.trim();
  return {
    unitId,
    date,
    profession: d.profession,
    selfAssessment: d.selfAssessment,
    steps: { ...d.steps },
    ...(task ? { task } : {}),
    ...(note ? { note } : {}),
    ...(observer ? { observer } : {}),
  };
}
