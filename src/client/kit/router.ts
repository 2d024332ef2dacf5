/**
 * A hash router in one signal. Hash routes work from the service worker's cached index.html
 * without any server rewrite, and survive a reload offline.
 *
 * "#/oversikt/u1?month=2026-11" → { path: ['oversikt', 'u1'], query: {month: '2026-11'} }.
 */
import { createRoot, createSignal, type Accessor } from 'solid-js';

export interface Route {
  path: readonly string[];
  query: Readonly<Record<string, string>>;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(queryPart)) query[k] = v;
  return { path, query };
}

/** Builds "#/a/b?x=1"; undefined query values are left out. */
export function href(path: readonly string[], query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, v);
  const qs = q.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

const current = (): string => (typeof location === 'undefined' ? '' : location.hash);

export const route: Accessor<Route> = createRoot(() => {
  const [hash, setHash] = createSignal(current());
  if (typeof window !== 'undefined') window.addEventListener('hashchange', () => setHash(current()));
  return () => parseHash(hash());
});

export function navigate(path: readonly string[], query?: Record<string, string | undefined>): void {
  location.hash = href(path, query);
}

/** Replaces the current entry, so "back" does not return to a redirect. */
export function redirect(path: readonly string[]): void {
  history.replaceState(null, '', href(path));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
