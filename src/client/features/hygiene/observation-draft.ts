/**
 * The observation being entered, and the rules that turn it into a record. Pure, so the tap
 * paths are tested without a DOM. A step starts unanswered; "Allt korrekt" answers all 8 with Ja
 * (the common case: profession + Allt korrekt + Spara = 3 taps).
 */
import { BHK_STEPS, type BhkStep, type BhkSteps, type StepAnswer } from '../../../shared/schema/bhk-observation';
import type { UnitId } from '../../../shared/schema/ids';
import type { NewObservation } from '../../storage/bhk-repo';

export interface Draft {
  profession: string | null;
  steps: Record<BhkStep, StepAnswer | null>;
  task: string;
  note: string;
  observer: string;
  selfAssessment: boolean;
}

export function emptyDraft(observer = ''): Draft {
  return {
    profession: null,
    steps: Object.fromEntries(BHK_STEPS.map((s) => [s, null])) as Draft['steps'],
    task: '',
    note: '',
    observer,
    selfAssessment: false,
  };
}

export function allCorrect(): Draft['steps'] {
  return Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja'])) as Draft['steps'];
}

const isComplete = (steps: Draft['steps']): steps is BhkSteps => BHK_STEPS.every((s) => steps[s] !== null);

/**
 * The record to save, or null while a profession or a step answer is missing. Empty optional
 * texts are left out rather than stored as "". Content checks (personnummer, initials format)
 * are the storage layer's: writeChange validates against the shared schema and throws.
 */
export function toNewObservation(d: Draft, unitId: UnitId, date: string): NewObservation | null {
  if (d.profession === null || !isComplete(d.steps)) return null;
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
