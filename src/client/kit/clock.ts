/**
 * One ticking "now" for relative times ("äldsta 2 h", code countdowns). Components read it instead
 * of Date.now() so the text updates without each screen running its own timer.
 */
import { createRoot, createSignal, onCleanup, type Accessor } from 'solid-js';

/** A signal of Date.now() refreshed every `everyMs` for as long as the owner lives. */
export function createNow(everyMs = 30_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

/** The page-wide clock, ticking every 15 s: fine enough for minutes, cheap on a tablet battery. */
export const pageNow: Accessor<number> = createRoot(() => createNow(15_000));
