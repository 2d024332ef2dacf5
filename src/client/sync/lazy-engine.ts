/**
 * The sync engine, loaded just after the first paint instead of with it. The engine pulls in the
 * protocol, the merge rules and every board's schema; none of that is needed to draw the shell
 * and the sync bar, and the first load has a 21 KB budget. Calls made before it has loaded wait
 * for it; nothing is dropped.
 */
import type { SyncEngine, SyncEngineOptions } from './engine';

export function createLazySyncEngine(opts: SyncEngineOptions): SyncEngine {
  let loaded: Promise<SyncEngine> | undefined;
  let wanted = false;
  const load = () => (loaded ??= import('./engine').then((m) => m.createSyncEngine(opts)));
  return {
    syncNow: () => load().then((engine) => engine.syncNow()),
    start() {
      wanted = true;
      void load().then((engine) => {
        if (wanted) engine.start();
      });
    },
    stop() {
      wanted = false;
      void loaded?.then((engine) => engine.stop());
    },
  };
}
