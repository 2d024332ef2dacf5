/**
 * A screen that fell back to the device's figures (or could not fetch at all) asks the server
 * again after the next successful sync: the connection is back, so its banner "Servern nås inte"
 * must not stay beside a sync bar that says "Allt synkat" until someone navigates away.
 */
import { type Accessor, createEffect, createMemo, createResource, type Resource, type ResourceReturn, untrack } from 'solid-js';
import type { SyncSnapshot } from '../storage/sync-state';

export function askAgainAfterSync(sync: Accessor<SyncSnapshot | undefined>, stale: () => boolean, again: () => unknown): void {
  /** The last sync time seen; undefined until a snapshot has been read (its first read is no news). */
  let seen: number | null | undefined;
  createEffect(() => {
    const snap = sync();
    if (snap === undefined) return;
    const before = seen;
    seen = snap.lastSyncAt;
    if (before !== undefined && snap.lastSyncAt !== null && snap.lastSyncAt !== before && untrack(stale)) again();
  });
}

/** The question each answer of a createAnswer resource answered, as its key. */
const answered = new WeakMap<object, string>();
/** The key of the question a createAnswer resource is asked now. */
const askedNow = new WeakMap<Resource<unknown>, () => string>();

/**
 * createResource for a screen whose question changes (another period, unit or source). Solid
 * keeps the old value while a new question is fetched ('refreshing'), so a month's figures stood
 * under "Tertial" until the tertial's answer came; `settled` counts an answer of this resource only
 * while it answers the question asked now. The question is a plain value (its JSON is its key),
 * and it is asked again only when that key changes: a screen's props are re-read after every sync
 * (it replaces the device's org tree), and a report asked again then redrew its rows under the
 * manager's hands — an analysis being typed lost its focus and a tap its button.
 */
export function createAnswer<Q, T extends object>(question: () => Q, fetcher: (q: Q) => Promise<T>): ResourceReturn<T> {
  const keyOf = (q: Q) => JSON.stringify(q);
  const asked = createMemo(question, undefined, { equals: (a, b) => a !== undefined && keyOf(a) === keyOf(b) });
  const ret = createResource(asked, async (q) => {
    const value = await fetcher(q);
    answered.set(value, keyOf(q));
    return value;
  });
  askedNow.set(ret[0] as Resource<unknown>, () => keyOf(asked()));
  return ret;
}

/**
 * The resource's value while it is ready or being fetched again (undefined otherwise): a screen
 * asked again keeps showing what it has until the new answer arrives, instead of "Laddar…" — but
 * never an answer to another question (createAnswer).
 */
export function settled<T>(r: Resource<T>): T | undefined {
  if (r.state !== 'ready' && r.state !== 'refreshing') return undefined;
  const value = r.latest;
  const now = askedNow.get(r as Resource<unknown>);
  if (now !== undefined && answered.get(value as object) !== now()) return undefined;
  return value;
}

/** askAgainAfterSync for a server-else-device resource (api/fallback.ts): while its answer is the device's. */
export function askServerAgain(sync: Accessor<SyncSnapshot | undefined>, res: Resource<{ source: 'server' | 'device' }>, again: () => unknown): void {
  askAgainAfterSync(sync, () => settled(res)?.source === 'device', again);
}
