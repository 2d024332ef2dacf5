/** What the bench page offers the Node driver (bench/sections/browser.ts) on `window.bench`. */

export interface PairedTimes {
  /** Per-operation milliseconds of the app's path. */
  app: number[];
  /** Per-operation milliseconds of the raw Dexie baseline on an identically indexed table. */
  raw: number[];
}

export interface WritePathTimes extends PairedTimes {
  /** The same raw put with Chrome's default (relaxed) durability: what strict costs. */
  rawRelaxed: number[];
  /** The same strict put with IndexedDB itself, no Dexie: the app's save skips Dexie's table API
   * once its tab holds the counters (storage/direct-write.ts), so this is the floor below the limit. */
  rawIdb: number[];
  /** Outbox rows after the run: proves the app path wrote one per observation. */
  outboxRows: number;
}

export interface PullApplyTimes extends PairedTimes {
  pageSize: number;
  /** Rows stored on the app side after the run (pages × pageSize expected). */
  appRows: number;
}

export interface OfflineRollupTimes {
  /** 12 × listObservations + the shared roll-up per month and for the year. */
  app: number[];
  /** One raw indexed range read of the same unit-year. */
  raw: number[];
  /** The shared roll-up alone, over rows already in memory. */
  computeOnly: number[];
  observations: number;
  yearN: number;
}

export interface BenchPage {
  writePath(opts: { ops: number; warmup: number; block: number }): Promise<WritePathTimes>;
  pullApply(opts: { pages: number; warmup: number; pageSize: number }): Promise<PullApplyTimes>;
  offlineRollup(opts: { perMonth: number; reps: number; year: string }): Promise<OfflineRollupTimes>;
}

declare global {
  interface Window {
    bench?: BenchPage;
  }
}
