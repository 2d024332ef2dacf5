/**
 * navigator.onLine as a Solid accessor. `true` only means "a network exists", not that the
 * server answers: sync status (createSyncStatus) tells whether syncing actually works.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createOnline(): Accessor<boolean> {
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
  if (typeof window === 'undefined') return online;
  const up = (): void => {
    setOnline(true);
  };
  const down = (): void => {
    setOnline(false);
  };
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  return online;
}
