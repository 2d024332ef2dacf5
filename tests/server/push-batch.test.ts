/**
 * Push reads the rows it names in one query and writes rows and change-log entries in batches
 * (src/server/sync/push-buffer.ts). Changes in one push must still see each other exactly as if
 * each were written on its own: a correction finds the event sent before it, a second patch of a
 * row merges onto the first, a replay inside the same push is a no-op, and the change log keeps
 * the push's order. Run on SQLite and PostgreSQL.
 */
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/shared/protocol';
import { settingsIdFor } from '../../src/shared/schema/unit-settings';
import { outbox, observation } from '../fixtures/sync';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { type Harness, harness, loginAs, NOW, pullAll, push, TODAY } from './helpers';

const stores: { name: string; open: () => Promise<Harness> }[] = [
  { name: 'SQLite', open: () => harness() },
  {
    name: 'PostgreSQL',
    open: async () => {
      await assertPgReachable();
      return harness({}, await freshPgStore());
    },
  },
];

describe.each(stores)('push in batches on $name', ({ open }) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('changes in one push see each other; the log keeps their order', async () => {
    h = await open();
    const manager = await loginAs(h, 'avdchef21');
    const box = outbox(manager.deviceId, NOW);
    const event = { id: uuidv7(), unitId: 'avd-21', date: TODAY, category: 'fall', severity: 'gul', reportedInDeviationSystem: false, createdAt: new Date(NOW).toISOString() };
    const correction = { ...event, id: uuidv7(), severity: 'orange', replaces: event.id };
    const obs = observation('avd-21', TODAY);
    const base = (n: number) => ({ seq: n, schemaVersion: 1 });
    const first = box.patchSettings('avd-21', { bhkMonthlyQuota: 12 });
    const second = box.patchSettings('avd-21', { bhkMinN: 5 });
    const insert = box.insertObs(obs);
    const replay = { ...box.insertObs(obs), fields: { ...obs } };
    const stamp = (c: Change) => c.hlc;
    const changes: Change[] = [
      first,
      second,
      insert,
      replay,
      { ...base(0), hlc: stamp(box.patchSettings('avd-21', {})), entity: 'safetyEvent', id: event.id, unitId: 'avd-21', op: 'insert', fields: event } as unknown as Change,
      { ...base(0), hlc: stamp(box.patchSettings('avd-21', {})), entity: 'safetyEvent', id: correction.id, unitId: 'avd-21', op: 'insert', fields: correction } as unknown as Change,
    ];
    // Renumber seqs consecutively (the throwaway patches above only minted HLCs).
    changes.forEach((c, i) => Object.assign(c, { seq: i + 1 }));

    const res = await push(h, manager, changes);
    expect(res).toMatchObject({ ok: true, lastSeq: 6, rejected: [] });

    const settings = await h.store.getRow('unitSettings', settingsIdFor('avd-21'));
    expect(settings?.data).toMatchObject({ bhkMonthlyQuota: 12, bhkMinN: 5 });
    expect(await h.store.getRow('safetyEvent', correction.id)).toBeDefined();
    const mine = (await pullAll(h, manager)).filter((c) => changes.some((x) => x.id === c.id));
    // The replay of the observation is not logged again; everything else in push order.
    expect(mine.map((c) => c.id)).toEqual([first.id, second.id, insert.id, event.id, correction.id]);
  });
});
