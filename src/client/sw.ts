/**
 * The service worker: serves the app shell from the precache so the app opens offline.
 *
 * Invariants:
 * - /api/ is never cached or answered from a cache: sync must see the real network, and stale
 *   API answers would hide an outage behind old data.
 * - A new version never activates on its own. It waits until the page posts {type:'SKIP_WAITING'}
 *   after the user tapped "Uppdatera" (a reload mid-form would lose what was typed).
 * - Only Workbox's own caches are touched; IndexedDB (data and outbox) is never cleared here.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * The few worker-scope members used here. Declared by hand because the project compiles with the
 * DOM lib, and adding the WebWorker lib to the same program clashes with it.
 */
declare const self: {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

// The manifest lists every built file the shell needs, the first paint's classic script
// (assets/first-paint-*.js, scripts/first-paint-plugin.ts) included, so a copy draws offline too.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Take control as soon as this worker activates. On a first visit that is at once, so lazy
// screens load from the precache even if the network goes before the next reload. An update
// still activates only after SKIP_WAITING, and the page then reloads on 'controlling'.
clientsClaim();

// Every navigation (a reload on "#/hygien", a bookmark) gets the cached shell; the hash router
// takes it from there. API paths are excluded so a direct GET still reaches the server.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
