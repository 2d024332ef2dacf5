/** What one sync round needs; built by the engine, passed to push and pull. */
import type { PulsDb } from '../storage/db';
import type { SyncTransport } from './transport';

export interface SyncContext {
  readonly db: PulsDb;
  readonly transport: SyncTransport;
  /** The device the round started as; storage refuses answers once it has changed. */
  readonly deviceId: string;
  /** Local wall clock. */
  readonly now: () => number;
  /** Local clock corrected by the latest measured offset to the server. */
  readonly serverNow: () => number;
  /** Records a server timestamp seen in an answer to a request sent at `sentAt`. */
  readonly observeServerTime: (serverTime: number, sentAt: number) => void;
}
