/**
 * Long work on a region's data (a report's cells, a roll-up's units, a run of SQLite statements)
 * gives the event loop a turn once the current task has run SLICE_MS, so a server answering one
 * still serves the tablets' pushes meanwhile and a device's screen stays responsive (issue 17:
 * nothing blocks). Every loop that paces shares one clock, the current task's: a loop that starts after
 * 8 ms of statements in the same task yields after 2 ms more, not 10. Pure apart from the clock.
 */
export const SLICE_MS = 10;

/** Node's setImmediate (no 1 ms floor, unlike its setTimeout); a browser's setTimeout. */
const later: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (fn) => globalThis.setImmediate(fn) : (fn) => globalThis.setTimeout(fn, 0);

/** A turn of the event loop. */
export const turn = (): Promise<void> => new Promise<void>((resolve) => later(resolve));

/**
 * When the current task was first seen by taskElapsed. Forgotten by a callback queued behind it,
 * which runs after the task ends and before anything a turn() in it queues.
 */
let taskStart: number | undefined;

/** Milliseconds the current task has run since its first look at the clock. */
export function taskElapsed(): number {
  const now = performance.now();
  if (taskStart === undefined) {
    taskStart = now;
    later(() => {
      taskStart = undefined;
    });
  }
  return now - taskStart;
}

/** Yields when the current task has run more than `sliceMs`. */
export async function paceTask(sliceMs = SLICE_MS): Promise<void> {
  if (taskElapsed() > sliceMs) await turn();
}

/**
 * Whether the current task has run its slice: a loop of many small steps (a region's 45,000 day
 * rows) checks this and awaits turn() only then, as an await on every step costs more than the step.
 */
export const sliceUsed = (sliceMs = SLICE_MS): boolean => taskElapsed() > sliceMs;
