/**
 * A live query hands out new objects on every change (a sync landing, another tab's write), and
 * <For> over objects then rebuilds every row — wiping what someone is typing in one. Iterate the
 * ids instead (strings compare by value, so each row keeps its component) and read the current
 * object with `get(id)`.
 */
import { createMemo, type Accessor } from 'solid-js';

export interface Keyed<T> {
  ids: Accessor<string[]>;
  get: (id: string) => T | undefined;
}

export function keyed<T>(items: Accessor<readonly T[] | undefined>, idOf: (item: T) => string): Keyed<T> {
  const byId = createMemo(() => new Map((items() ?? []).map((item) => [idOf(item), item])));
  const ids = createMemo(() => [...byId().keys()], undefined, { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  return { ids, get: (id) => byId().get(id) };
}
