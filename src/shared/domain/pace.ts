/**
 * Long loops over a region's units (a report's cells, a roll-up's units) give the event loop a
 * turn every SLICE_MS, so a server answering one still serves the tablets' pushes meanwhile and a
 * device's screen stays responsive (issue 17: nothing blocks). Pure apart from the clock.
 */
export const SLICE_MS = 20;

/** A turn of the event loop. */
export const turn = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Call `await pace()` once per step of a loop: it yields when the slice is used up. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start <= sliceMs) return;
    await turn();
    start = performance.now();
  };
}
