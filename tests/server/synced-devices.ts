/**
 * Real client replicas against the real server: a fresh harness per test, reached through a
 * Network without chaos (each device can be cut off by its `offline` flag), and devices on
 * fake-indexeddb with the real sync engine, closed after each test.
 */
import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach } from 'vitest';
import { enrol } from '../../src/client/auth/session';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import { createSyncEngine, type SyncEngine } from '../../src/client/sync/engine';
import { inProcessLock } from '../../src/client/sync/lock';
import { createHttpTransport } from '../../src/client/sync/transport';
import { Network } from './fuzz/network';
import { type Harness, harness, loginAs, newEnrolCode } from './helpers';

export interface SyncedDevice {
  db: PulsDb;
  engine: SyncEngine;
  offline: boolean;
}

export type SignIn = (db: PulsDb, fetch: ReturnType<Network['fetchFor']>) => Promise<unknown>;

/** `env.h` and `env.net` are the current test's; database names start with `dbPrefix`. */
export function useSyncedDevices(dbPrefix: string) {
  const env = {} as { h: Harness; net: Network };
  const open: PulsDb[] = [];

  beforeEach(async () => {
    env.h = await harness();
    env.net = new Network(env.h.app, { random: () => 0.5, rate: 0 });
    env.net.chaos = false;
  });
  afterEach(async () => {
    for (const db of open.splice(0)) db.close();
    await env.h.close();
  });

  /** A device signed in by `signIn`, synced once. */
  async function device(signIn: SignIn): Promise<SyncedDevice> {
    const db = openDb(`${dbPrefix}-${uuidv7()}`);
    open.push(db);
    const d = { db, offline: false } as SyncedDevice;
    const fetch = env.net.fetchFor(() => d.offline);
    await signIn(db, fetch);
    d.engine = createSyncEngine({ db, transport: createHttpTransport(db, { fetch }), now: () => env.h.clock.now, random: () => 0.5, lock: inProcessLock });
    await d.engine.syncNow();
    return d;
  }

  /** A ward tablet enrolled on `unitId` with a code from the unit's manager. */
  async function tablet(unitId = 'avd-21'): Promise<SyncedDevice> {
    const code = await newEnrolCode(env.h, await loginAs(env.h, 'avdchef21'), unitId);
    return device((db, fetch) => enrol(db, code, 'surfplatta', { fetch }));
  }

  return { env, device, tablet };
}
