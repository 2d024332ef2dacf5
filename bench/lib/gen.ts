/**
 * Generated BHK observations, valid against the real schema, with per-unit compliance that looks
 * like a ward's (each step 93–99 % "ja", gloves and apron often not indicated). Runs in Node and in
 * the bench page. Deterministic apart from the UUIDv7 ids.
 */
import { uuidv7 } from 'uuidv7';
import { BHK_STEPS, DEFAULT_PROFESSIONS, type BhkObservation } from '../../src/shared/schema/bhk-observation';
import { seededRandom } from '../../src/shared/domain/random';

/** The shared deterministic PRNG (src/shared/domain/random.ts). */
export const prng = seededRandom;

export function observation(rand: () => number, unitId: string, date: string, skill = 0.96): BhkObservation {
  const steps = Object.fromEntries(
    BHK_STEPS.map((s) => [s, (s === 'gloves' || s === 'apron') && rand() < 0.5 ? 'ej_aktuellt' : rand() < skill ? 'ja' : 'nej']),
  ) as BhkObservation['steps'];
  return {
    id: uuidv7() as BhkObservation['id'],
    unitId: unitId as BhkObservation['unitId'],
    date,
    profession: DEFAULT_PROFESSIONS[Math.floor(rand() * DEFAULT_PROFESSIONS.length)] as string,
    selfAssessment: rand() < 0.1,
    steps,
    createdAt: `${date}T09:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00.000Z`,
  };
}

/** "YYYY-MM" for `count` months ending with `last` (inclusive), oldest first. */
export function monthsBack(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `perMonth` observations of one unit in `month`, spread over its days. */
export function monthOfObservations(rand: () => number, unitId: string, month: string, perMonth: number, skill: number): BhkObservation[] {
  const days = daysIn(month);
  return Array.from({ length: perMonth }, () =>
    observation(rand, unitId, `${month}-${String(1 + Math.floor(rand() * days)).padStart(2, '0')}`, skill),
  );
}
