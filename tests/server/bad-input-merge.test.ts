/**
 * Changes rejected one by one (validation, personnummer, clock, immutable fields, closed units),
 * and the per-field merge of editable records. Rule numbers refer to src/shared/sync/README.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsIdFor } from '../../src/shared/schema/unit-settings';
import type { Change } from '../../src/shared/protocol';
import { MAX_DRIFT_MS } from '../../src/shared/sync/hlc';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, NOW, pullAll, push, TODAY } from './helpers';

let h: Harness;
let tablet: Client;
let staff: Client;
beforeEach(async () => {
  h = await harness();
  tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
  staff = await loginAs(h, 'personal21');
});
afterEach(async () => {
  await h.close();
});

const settings = () => h.store.getRow('unitSettings', settingsIdFor('avd-21'));

describe('rejected changes (rule 5)', () => {
  it('a personnummer in a note is rejected with code personnummer at the note', async () => {
    const box = outbox(tablet.deviceId, NOW);
    const pnr = box.insertObs(observation('avd-21', TODAY));
    pnr.fields.note = 'Gäller pat 19121212-1212, ring anhörig';
    const samordning = box.insertObs(observation('avd-21', TODAY));
    samordning.fields.task = 'Pat 701063-2391';
    const fine = box.insertObs(observation('avd-21', TODAY, { note: 'Ring 070-123 45 67, rum 12' }));
    expect(await push(h, tablet, [pnr, samordning, fine])).toMatchObject({
      ok: true,
      lastSeq: 3,
      rejected: [
        { seq: 1, code: 'personnummer', path: ['fields', 'note'] },
        { seq: 2, code: 'personnummer', path: ['fields', 'task'] },
      ],
    });
    expect((await pullAll(h, tablet)).map((c) => c.id)).toEqual([fine.id]);
  });

  it('rule 15: an HLC more than MAX_DRIFT ahead of the server clock is rejected clock-drift', async () => {
    const box = outbox(tablet.deviceId, NOW);
    const hourAhead = box.insertObs(observation('avd-21', TODAY), NOW + 60 * 60 * 1000 + 1);
    const justInside = box.insertObs(observation('avd-21', TODAY), NOW + MAX_DRIFT_MS);
    expect(await push(h, tablet, [hourAhead, justInside])).toMatchObject({
      ok: true,
      lastSeq: 2,
      rejected: [{ seq: 1, code: 'clock-drift', path: ['hlc'] }],
    });
  });

  it('invalid records are rejected with the field path; the record never reaches the store', async () => {
    const box = outbox(tablet.deviceId, NOW);
    const cases: [Change, (string | number)[]][] = [];
    const naOnHands = box.insertObs(observation('avd-21', TODAY));
    naOnHands.fields.steps = { ...(naOnHands.fields.steps as object), handDisinfectionBefore: 'ej_aktuellt' };
    cases.push([naOnHands, ['fields', 'steps', 'handDisinfectionBefore']]);
    const badDate = box.insertObs(observation('avd-21', TODAY));
    badDate.fields.date = '2026-02-30';
    cases.push([badDate, ['fields', 'date']]);
    const extra = box.insertObs(observation('avd-21', TODAY));
    extra.fields.patientName = 'x';
    cases.push([extra, ['fields', 'patientName']]);
    const idMismatch = { ...box.insertObs(observation('avd-21', TODAY)), id: 'another-id' };
    cases.push([idMismatch, ['fields', 'id']]);
    const patchAppend = { ...box.insertObs(observation('avd-21', TODAY)), op: 'patch' } as Change;
    cases.push([patchAppend, ['op']]);
    const reply = await push(h, tablet, cases.map(([c]) => c));
    expect(reply).toMatchObject({ ok: true, lastSeq: cases.length });
    if (!reply.ok) throw new Error('refused');
    expect(reply.rejected.map((r) => [r.code, r.path])).toEqual(cases.map(([, path]) => ['validation', path]));
    expect(await h.store.headSeq('/')).toBe(0);
  });

  it('rule 13: a patch naming id or unitId is rejected immutable-field', async () => {
    const box = outbox(tablet.deviceId, NOW);
    await push(h, tablet, [box.patchSettings('avd-21', { bhkTargetPct: 80 })]);
    const reply = await push(h, tablet, [box.patchSettings('avd-21', { unitId: 'avd-22' }), box.patchSettings('avd-21', { id: 'settings:x', bhkMinN: 3 })]);
    expect(reply).toMatchObject({
      rejected: [
        { seq: 2, code: 'immutable-field', path: ['fields', 'unitId'] },
        { seq: 3, code: 'immutable-field', path: ['fields', 'id'] },
      ],
    });
    expect((await settings())?.data).toEqual({ id: settingsIdFor('avd-21'), unitId: 'avd-21', bhkTargetPct: 80 });
  });

  it('rule 14: writes to a closed unit are rejected unit-closed; its history stays readable', async () => {
    const box = outbox(tablet.deviceId, NOW);
    const before = box.insertObs(observation('avd-21', TODAY));
    await push(h, tablet, [before]);
    const admin = await loginAs(h, 'admin');
    expect((await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { closed: true } })).statusCode).toBe(200);
    const reply = await push(h, tablet, [box.insertObs(observation('avd-21', TODAY)), box.patchSettings('avd-21', { bhkMinN: 5 })]);
    expect(reply).toMatchObject({
      ok: true,
      lastSeq: 3,
      rejected: [
        { seq: 2, code: 'unit-closed', path: ['unitId'] },
        { seq: 3, code: 'unit-closed', path: ['unitId'] },
      ],
    });
    expect((await pullAll(h, tablet)).map((c) => c.id)).toEqual([before.id]);
  });
});

describe('editable records (rules 11, 12)', () => {
  it('rule 11: two devices patching unitSettings merge per field by HLC, whatever the arrival order', async () => {
    const a = outbox(tablet.deviceId, NOW);
    const b = outbox(staff.deviceId, NOW);
    // b wrote bhkTargetPct earlier (T1) than a (T2), but reaches the server later.
    const aWrite = a.patchSettings('avd-21', { bhkTargetPct: 90 }, NOW + 2_000);
    const bWrite = b.patchSettings('avd-21', { bhkTargetPct: 70, bhkMinN: 5 }, NOW + 1_000);
    await push(h, tablet, [aWrite]);
    await push(h, staff, [bWrite]);
    const row = await settings();
    expect(row?.data).toMatchObject({ bhkTargetPct: 90, bhkMinN: 5 });
    expect(row?.hlcs).toMatchObject({ bhkTargetPct: aWrite.hlc, bhkMinN: bWrite.hlc });
    // Both writes are in the log (rule 9): every replica merging them in any order gets this row.
    expect((await pullAll(h, staff)).map((c) => c.hlc)).toEqual([aWrite.hlc, bWrite.hlc]);
  });

  it('rule 11: a write with a greater HLC overrides the field', async () => {
    const a = outbox(tablet.deviceId, NOW);
    const b = outbox(staff.deviceId, NOW);
    await push(h, staff, [b.patchSettings('avd-21', { bhkTargetPct: 70 }, NOW + 1_000)]);
    await push(h, tablet, [a.patchSettings('avd-21', { bhkTargetPct: 95 }, NOW + 3_000)]);
    expect((await settings())?.data.bhkTargetPct).toBe(95);
  });

  it('rule 12: a delete is a tombstone: the row stays, marked deleted, and the delete is pulled', async () => {
    const a = outbox(tablet.deviceId, NOW);
    await push(h, tablet, [a.patchSettings('avd-21', { bhkTargetPct: 80, bhkMinN: 10, bhkMonthlyQuota: 10 }, NOW)]);
    const del = a.deleteSettings('avd-21', NOW + 2_000);
    expect(await push(h, tablet, [del])).toMatchObject({ ok: true, rejected: [] });
    expect(await settings()).toMatchObject({ deleted: true, data: { _deleted: true, bhkTargetPct: 80 } });
    const pulled = await pullAll(h, staff);
    expect(pulled.at(-1)).toMatchObject({ op: 'delete', fields: {}, hlc: del.hlc });
  });

  it('rule 12: an older write does not resurrect a deleted row; a newer _deleted:false does', async () => {
    const a = outbox(tablet.deviceId, NOW);
    const b = outbox(staff.deviceId, NOW);
    await push(h, tablet, [a.patchSettings('avd-21', { bhkTargetPct: 80 }, NOW), a.deleteSettings('avd-21', NOW + 2_000)]);
    await push(h, staff, [b.patchSettings('avd-21', { _deleted: false, bhkMinN: 4 }, NOW + 1_000)]);
    expect(await settings()).toMatchObject({ deleted: true, data: { bhkMinN: 4 } });
    await push(h, staff, [b.patchSettings('avd-21', { _deleted: false }, NOW + 3_000)]);
    expect((await settings())?.deleted).toBe(false);
  });

  it('a delete with fields and a _deleted:true patch are rejected validation', async () => {
    const a = outbox(tablet.deviceId, NOW);
    const del = { ...a.deleteSettings('avd-21'), fields: { bhkMinN: 1 } };
    const reply = await push(h, tablet, [del, a.patchSettings('avd-21', { _deleted: true }), a.patchSettings('avd-21', {})]);
    expect(reply).toMatchObject({
      rejected: [
        { seq: 1, code: 'validation', path: ['fields', 'bhkMinN'] },
        { seq: 2, code: 'validation', path: ['fields', '_deleted'] },
        { seq: 3, code: 'validation', path: ['fields'] },
      ],
    });
  });
});
