/**
 * A Dexie live query as a Solid accessor: `undefined` until the first result, then every new
 * result when the data it read changes (in this tab or another). The subscription ends with the
 * owning component.
 *
 * Solid signals read synchronously by `query` (typically its arguments, e.g.
 * `() => listObservations(db, unitId(), month())`) are tracked: when they change the query is
 * subscribed afresh.
 *
 * @example const observations = createLiveQuery(() => listObservations(db, unitId(), month()));
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import { observe } from '../storage/live';

export function createLiveQuery<T>(query: () => Promise<T>): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T | undefined>(undefined, { equals: false });
  createEffect(() => {
    // Dexie first runs its querier on a timer, outside this effect, so signals read there would
    // not be tracked: call the query once here to track them and to show data without delay.
    let live = false;
    query().then(
      (first) => {
        if (!live) setValue(() => first);
      },
      () => undefined, // the live subscription below reports the same failure
    );
    const unsubscribe = observe(query, (next) => {
      live = true;
      setValue(() => next);
    });
    onCleanup(() => {
      live = true; // a late first result must not overwrite a newer subscription's value
      unsubscribe();
    });
  });
  return value;
}
