/**
 * Service-worker registration and the user-driven update (docs/sync.md §2.4). A new version waits
 * until the user taps "Uppdatera": then we ask it to skip waiting and reload once it controls the
 * page. Never automatic, because a reload mid-form loses typing; never clears IndexedDB, because
 * the outbox lives there (the new worker only swaps cached app files).
 */
import { createRoot, createSignal } from 'solid-js';
import type { Workbox } from 'workbox-window';

const [state, setState] = createRoot(() => createSignal<'idle' | 'available' | 'checking'>('idle'));
/** 'available' when a new version is installed and waiting for the user's consent. */
export const updateState = state;

let wb: Workbox | null = null;
/** The user already asked to update (client-too-old): apply the next waiting worker at once. */
let applyWhenWaiting = false;

export async function registerServiceWorker(): Promise<void> {
  // Dev serves modules straight from Vite; a worker there would cache stale code.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Loaded on demand: not needed for the first paint, so it stays out of the initial bundle.
  const { Workbox } = await import('workbox-window');
  wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => {
    if (applyWhenWaiting) applyUpdate();
    else setState('available');
  });
  await wb.register();
  // A ward tablet may stay open for days: look for a new version hourly and when it is woken up.
  setInterval(() => void wb?.update(), UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb?.update().catch(() => undefined);
  });
}

/** How often an open app asks for a new version; an hour keeps server load negligible. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** Called only from a user's tap. */
export function applyUpdate(): void {
  if (wb === null) return location.reload();
  wb.addEventListener('controlling', () => location.reload());
  wb.messageSkipWaiting();
}

/**
 * "Uppdatera appen" when the server says the client is too old: look for a new worker and apply
 * it when it is installed; if none comes (no worker, or already current) a reload fetches the page.
 */
export async function checkAndApplyUpdate(): Promise<void> {
  if (state() === 'available') return applyUpdate();
  if (wb === null) return location.reload();
  setState('checking');
  applyWhenWaiting = true;
  try {
    await wb.update();
    const reg = await navigator.serviceWorker.getRegistration();
    // A worker on its way will fire 'waiting'; with none, the running version is the newest.
    if (reg?.waiting) applyUpdate();
    else if (!reg?.installing) location.reload();
  } catch {
    location.reload();
  }
}
