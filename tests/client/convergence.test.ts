/**
 * Seeded property test (docs/sync.md §4, docs/architecture.md §3 principle 7): several tablets write offline
 * with skewed clocks while the network loses requests and replies and tokens expire. After
 * everyone quiesces, every tablet equals the server and every observation written is on the
 * server exactly once. fast-check prints the seed and the shrunk command list on failure.
 */
import './helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addObservation, saveUnitSettings } from '../../src/client/storage/bhk-repo';
import type { PulsDb } from '../../src/client/storage/db';
import { FakeServer, type Route } from './fake-server';
import { engineFor, enrolledDb, observation } from './helpers';

const TABLETS = 3;

type Command =
  | { kind: 'observe'; tablet: number; day: number }
  | { kind: 'settings'; tablet: number; field: 'bhkMinN' | 'bhkMonthlyQuota' | 'bhkTargetPct'; value: number }
  | { kind: 'sync'; tablet: number }
  | { kind: 'fault'; route: Route; drop: 'network' | 'drop-reply' }
  | { kind: 'expire' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('observe' as const), tablet: fc.nat(TABLETS - 1), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({
    kind: fc.constant('settings' as const),
    tablet: fc.nat(TABLETS - 1),
    field: fc.constantFrom('bhkMinN' as const, 'bhkMonthlyQuota' as const, 'bhkTargetPct' as const),
    value: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), tablet: fc.nat(TABLETS - 1) }),
  fc.record({ kind: fc.constant('fault' as const), route: fc.constantFrom<Route>('push', 'pull', 'token'), drop: fc.constantFrom('network' as const, 'drop-reply' as const) }),
  fc.record({ kind: fc.constant('expire' as const) }),
);

async function replica(db: PulsDb) {
  const rows = await db.rows.toArray();
  return Object.fromEntries(rows.map((r) => [`${r.entity}:${r.id}`, { data: r.data, hlcs: r.hlcs, deleted: r.deleted }]));
}

/** One run: the commands in order, then everyone quiesces; every tablet must equal the server. */
async function converge(commands: readonly Command[], skews: readonly number[]): Promise<void> {
  const server = new FakeServer({ pageSize: 4 });
  const tablets: PulsDb[] = [];
  for (let i = 0; i < TABLETS; i++) tablets.push(await enrolledDb(server, 'u1'));
  const engines = tablets.map((db) => engineFor(db, server));
  const written: string[] = [];
  try {
    for (const c of commands) {
      if (c.kind === 'observe') {
        const obs = await addObservation(tablets[c.tablet]!, observation('u1', `2025-03-${String(c.day).padStart(2, '0')}`), Date.now() + skews[c.tablet]!);
        written.push(obs.id);
      } else if (c.kind === 'settings') {
        await saveUnitSettings(tablets[c.tablet]!, 'u1', { [c.field]: c.value }, Date.now() + skews[c.tablet]!);
      } else if (c.kind === 'sync') {
        await engines[c.tablet]!.syncNow();
      } else if (c.kind === 'fault') {
        server.faults.push({ route: c.route, kind: c.drop });
      } else {
        server.expireTokens();
      }
    }
    // Quiesce: each queued fault is consumed by one failing round (a push fault only by a
    // tablet with something to push, so one tablet may meet them all), then a few rounds
    // drain everything: 4 rounds plus one per fault still queued.
    const rounds = 4 + server.faults.length;
    for (let round = 0; round < rounds; round++) for (const engine of engines) await engine.syncNow();
    for (const db of tablets) expect(await db.outbox.count()).toBe(0);
    const serverRows = Object.fromEntries([...server.rows].map(([key, r]) => [key, { data: r.data, hlcs: r.hlcs, deleted: r.deleted }]));
    for (const db of tablets) expect(await replica(db)).toEqual(serverRows);
    const logged = server.log.filter((c) => c.entity === 'bhkObservation').map((c) => c.id);
    expect([...logged].sort()).toEqual([...written].sort());
  } finally {
    for (const db of tablets) db.close();
  }
}

describe('convergence', () => {
  it('every tablet converges to the server and nothing written is lost or duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), fc.array(fc.integer({ min: -600_000, max: 600_000 }), { minLength: TABLETS, maxLength: TABLETS }), converge),
      { numRuns: 25 },
    );
  }, 60_000);

  // A failing seed kept as a named case: four push faults met by the one tablet with something to
  // push (the quiesce once allowed only four rounds for all of them).
  it('one tablet meets four lost pushes in a row and still converges', async () => {
    await converge(
      [
        { kind: 'fault', route: 'push', drop: 'network' },
        { kind: 'observe', tablet: 0, day: 1 },
        { kind: 'fault', route: 'push', drop: 'network' },
        { kind: 'fault', route: 'push', drop: 'network' },
        { kind: 'fault', route: 'push', drop: 'network' },
      ],
      [0, 0, 0],
    );
  });
});
