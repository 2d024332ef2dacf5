/**
 * Last-resort cleanup for a run that is cut short (watchdog, Ctrl+C): sections undo their own
 * work in `finally`, but a process that exits early skips those. Registered undo steps run once,
 * within 10 s in all, so an exit never waits long on a database that is gone.
 */
const steps = new Map<number, () => Promise<void> | void>();
let next = 0;

/** Registers an undo step; call the returned function once the step is no longer needed. */
export function onAbort(step: () => Promise<void> | void): () => void {
  const id = next++;
  steps.set(id, step);
  return () => steps.delete(id);
}

/** Runs the registered steps newest first (a server stops before its database is dropped). */
export async function runAbortSteps(): Promise<void> {
  const pending = [...steps.values()].reverse();
  steps.clear();
  const all = (async () => {
    for (const step of pending) await Promise.resolve().then(step).catch(() => undefined);
  })();
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}
