/**
 * Issue 18 item 1: a field named like an Object member ("constructor", "toString", "__proto__",
 * …) must be an unknown field like any other: the change is rejected alone at its path (rule 5)
 * and the changes behind it go through. Before the fix it gave HTTP 500 on every editable entity,
 * and the device's queue was blocked for ever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { type Change, PROTOCOL_VERSION, PushResponse } from '../../src/shared/protocol';
import type { UnitId } from '../../src/shared/schema/ids';
import { ENTITIES, type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { mergeChange } from '../../src/shared/sync/merge';
import { validateChange } from '../../src/shared/sync/validate';
import { call, type Client, type Harness, NOW, signedIn } from './helpers';

/** Object.prototype's own names, plus the ones JSON and zod treat specially. */
export const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'then', 'toJSON'];

const ACTION_ID = uuidv7();
const IDEA_ID = uuidv7();
/** One id per editable entity that a change of unit avd-21 may name. */
const IDS: Record<string, string> = {
  bhkConfig: 'bhkconfig:avd-21',
  unitSettings: 'settings:avd-21',
  safetyDay: 'safetyDay:avd-21:2026-03-09',
  safetySettings: 'safetySettings:avd-21',
  staffingShift: 'staffingShift:avd-21:2026-03-10:dag',
  hrMonth: 'hrMonth:avd-21:2026-02',
  reportedValue: 'reportedValue:avd-21:waitShare:2026-02',
  goalItem: '0195d1f0-0000-7000-8000-000000000010',
  goalAnalysis: 'goalAnalysis:avd-21:0195d1f0-0000-7000-8000-000000000010:2026-DA04',
  strategicAction: '0195d1f0-0000-7000-8000-000000000012',
  bedsDay: 'bedsDay:avd-21:2026-03-10',
  staffingSettings: 'staffingSettings:avd-21',
  indicator: 'indicator:avd-21:bhkTotal',
  action: ACTION_ID,
  idea: IDEA_ID,
  meetingLog: 'meetingLog:avd-21:2026-03-10',
  meetingSettings: 'meetingSettings:avd-21',
};
const EDITABLE = (Object.keys(ENTITIES) as EntityName[]).filter((e) => ENTITIES[e].mode === 'lww');

describe('validateChange and mergeChange never read a field through the prototype', () => {
  it('the table names all 17 editable entities', () => {
    expect(EDITABLE).toHaveLength(17);
    expect(new Set(Object.keys(IDS))).toEqual(new Set(EDITABLE));
  });

  it.each(EDITABLE)('%s: a patch of a prototype-named field is a validation error at that field', (entity) => {
    for (const name of PROTOTYPE_NAMES) {
      const fields = JSON.parse(`{${JSON.stringify(name)}: 1}`) as Record<string, unknown>;
      const v = validateChange({ entity, id: IDS[entity] as string, unitId: 'avd-21' as UnitId, op: 'patch', fields });
      expect(v, `${entity}.${name}`).toEqual({ ok: false, code: 'validation', path: ['fields', name] });
    }
  });

  it('mergeChange keeps a stored field named like a prototype member as plain data', () => {
    const hlc = formatHlc({ millis: NOW, counter: 0, node: 'a1' });
    for (const name of PROTOTYPE_NAMES) {
      const fields = JSON.parse(`{${JSON.stringify(name)}: 5}`) as Record<string, unknown>;
      const { row, changed } = mergeChange(undefined, { entity: 'unitSettings', id: 'settings:avd-21', unitId: 'avd-21', op: 'patch', fields, hlc });
      expect(changed, name).toBe(true);
      expect(Object.getOwnPropertyDescriptor(row.data, name)?.value, name).toBe(5);
      expect(Object.getOwnPropertyDescriptor(row.hlcs, name)?.value, name).toBe(hlc);
      expect(Object.getPrototypeOf(row.data)).toBe(Object.prototype);
    }
  });
});

describe('a push with prototype-named fields (rule 5)', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => void ({ h, user: admin } = await signedIn('admin')));
  afterAll(() => h.close());

  it('every editable entity: rejected alone with the field path, the change behind it applies, nothing is stored', async () => {
    const node = nodeFromDeviceId(admin.deviceId);
    const stamp = (seq: number) => formatHlc({ millis: NOW, counter: seq, node });
    const changes: Change[] = [];
    const expected: { seq: number; code: string; path: (string | number)[] }[] = [];
    for (const entity of EDITABLE) {
      // "__proto__" never reaches a push: the JSON body parser refuses it (next test).
      for (const name of PROTOTYPE_NAMES.filter((n) => n !== '__proto__')) {
        const seq = changes.length + 1;
        expected.push({ seq, code: 'validation', path: ['fields', name] });
        const fields = { [name]: { x: 1 } };
        changes.push({ seq, entity, id: IDS[entity] as string, unitId: 'avd-21', op: 'patch', fields, hlc: stamp(seq), schemaVersion: SCHEMA_VERSION } as Change);
      }
    }
    const seq = changes.length + 1;
    changes.push({ seq, entity: 'unitSettings', id: 'settings:avd-21', unitId: 'avd-21', op: 'patch', fields: { bhkMinN: 4 }, hlc: stamp(seq), schemaVersion: SCHEMA_VERSION } as unknown as Change);
    const res = await call(h, 'POST', '/api/sync/push', { token: admin, body: { protocolVersion: PROTOCOL_VERSION, deviceId: admin.deviceId, changes } });
    expect(res.statusCode, res.body).toBe(200);
    const reply = PushResponse.parse(res.json());
    expect(reply).toMatchObject({ ok: true, lastSeq: seq });
    expect(reply.ok && reply.rejected.map(({ seq: s, code, path }) => ({ seq: s, code, path }))).toEqual(expected);
    expect((await h.store.getRow('unitSettings', 'settings:avd-21'))?.data).toEqual({ id: 'settings:avd-21', unitId: 'avd-21', bhkMinN: 4 });
    expect(await h.store.headSeq('/')).toBe(1);
  });

  it('a body holding a "__proto__" key is refused whole by the JSON parser (400), nothing applied', async () => {
    const hlc = formatHlc({ millis: NOW, counter: 0, node: nodeFromDeviceId(admin.deviceId) });
    const before = (await h.store.getDevice(admin.deviceId))?.lastSeq;
    const raw = `{"protocolVersion":${PROTOCOL_VERSION},"deviceId":"${admin.deviceId}","changes":[{"seq":${(before ?? 0) + 1},"entity":"unitSettings","id":"settings:avd-21","unitId":"avd-21","op":"patch","fields":{"__proto__":{"bhkMinN":1}},"hlc":"${hlc}","schemaVersion":1}]}`;
    const res = await call(h, 'POST', '/api/sync/push', { token: admin, raw });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'malformed-json' });
    expect((await h.store.getDevice(admin.deviceId))?.lastSeq).toBe(before);
  });
});
