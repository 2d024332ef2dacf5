/**
 * Change observation for the primitives, so that only storage/ imports dexie. Dexie re-runs
 * `query` whenever data it read changes, in this tab or another one.
 */
import { liveQuery } from 'dexie';

/** Calls `onValue` with each result of `query`; returns the unsubscribe function. */
export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError?: (error: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({
    next: onValue,
    error: (error: unknown) => onError?.(error),
  });
  return () => subscription.unsubscribe();
}
