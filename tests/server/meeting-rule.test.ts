/**
 * The pulse meeting's write rule (server/meeting/write-rule.ts) through the real push route:
 * who may escalate, forward and answer an action or idea, who may edit the agenda settings, and
 * that a refused change is rejected alone while the rest of the batch is applied.
 */
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/shared/protocol';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { meetingLogIdFor, meetingSettingsIdFor } from '../../src/shared/schema/meeting';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { type Client, enrolTablet, type Harness, harness, loginAs, NOW, push } from './helpers';

let h: Harness;
let who: Record<'tablet21' | 'tablet22' | 'avdchef21' | 'personal21' | 'vochef' | 'divisionschef', Client>;
const seqs = new Map<string, number>();
let tick = 0;

beforeEach(async () => {
  h = await harness();
  seqs.clear();
  const avdchef21 = await loginAs(h, 'avdchef21');
  const vochef = await loginAs(h, 'vochef');
  who = {
    tablet21: await enrolTablet(h, avdchef21, 'avd-21'),
    tablet22: await enrolTablet(h, vochef, 'avd-22'),
    avdchef21,
    personal21: await loginAs(h, 'personal21'),
    vochef,
    divisionschef: await loginAs(h, 'divisionschef'),
  };
});
afterEach(async () => {
  await h.close();
});

type Entity = 'action' | 'idea' | 'meetingSettings' | 'meetingLog';
function change(c: Client, entity: Entity, op: Change['op'], id: string, unitId: string, fields: Record<string, unknown>): Change {
  const seq = (seqs.get(c.deviceId) ?? 0) + 1;
  seqs.set(c.deviceId, seq);
  const hlc = formatHlc({ millis: NOW + ++tick, counter: 0, node: nodeFromDeviceId(c.deviceId) });
  return { seq, entity, id, unitId, op, fields, hlc, schemaVersion: SCHEMA_VERSION } as Change;
}

/** Pushes the changes; returns the rejections with the index of each in the batch. */
async function send(c: Client, changes: Change[]) {
  const res = await push(h, c, changes);
  if (!res.ok) throw new Error(res.reason);
  return res.rejected.map((r) => ({ at: changes.findIndex((x) => x.seq === r.seq), code: r.code, path: r.path }));
}
async function outcome(c: Client, ch: Change): Promise<{ code: string; path: (string | number)[] } | null> {
  const [r] = await send(c, [ch]);
  return r ? { code: r.code, path: r.path ?? [] } : null;
}

const sentTo = (to: string | null) => ({
  escalatedTo: to,
  escalatedAt: to === null ? null : new Date(NOW).toISOString(),
  escalationStatus: to === null ? null : 'skickad',
  escalationReply: null,
  escalationAnsweredBy: null,
  escalationAnsweredAt: null,
});

type Holder = null | 'vo-med' | 'div-lsv';
/** An item of avd-21 held by `holder` (escalated by the unit's tablet, forwarded by the VO). */
async function item(entity: 'action' | 'idea', holder: Holder): Promise<string> {
  const id = uuidv7();
  const base = { id, unitId: 'avd-21', title: 'Saknar lyftsele på sal 4', createdAt: new Date(NOW).toISOString() };
  const fields = entity === 'action' ? { ...base, status: 'oppen' } : { ...base, stage: 'ide' };
  expect(await outcome(who.tablet21, change(who.tablet21, entity, 'insert', id, 'avd-21', fields))).toBeNull();
  if (holder !== null) expect(await outcome(who.tablet21, change(who.tablet21, entity, 'patch', id, 'avd-21', sentTo('vo-med')))).toBeNull();
  if (holder === 'div-lsv') expect(await outcome(who.vochef, change(who.vochef, entity, 'patch', id, 'avd-21', sentTo('div-lsv')))).toBeNull();
  return id;
}

const answerBy = (unit: string, status = 'mottagen') => ({
  escalationStatus: status,
  escalationReply: 'Tas upp på divisionens puls',
  escalationAnsweredBy: unit,
  escalationAnsweredAt: new Date(NOW).toISOString(),
});
const forbidden = (field: string) => ({ code: 'forbidden', path: ['fields', field] });
const invalid = (field: string) => ({ code: 'validation', path: ['fields', field] });

describe('escalation write rule', () => {
  it.each<[string, keyof typeof who, 'action' | 'idea', Holder, Record<string, unknown>, { code: string; path: (string | number)[] } | null]>([
    ['the unit escalates to its parent', 'tablet21', 'action', null, sentTo('vo-med'), null],
    ['the unit escalates an idea', 'tablet21', 'idea', null, sentTo('vo-med'), null],
    ['the unit skips its parent', 'tablet21', 'action', null, sentTo('div-lsv'), invalid('escalatedTo')],
    ['the unit escalates to a sibling', 'tablet21', 'action', null, sentTo('avd-22'), invalid('escalatedTo')],
    ['the unit answers its own escalation', 'tablet21', 'action', 'vo-med', answerBy('avd-21', 'lost'), forbidden('escalationStatus')],
    ['the unit writes a reply to itself', 'tablet21', 'idea', 'vo-med', { escalationReply: 'Klart' }, forbidden('escalationReply')],
    ['the unit manager answers', 'avdchef21', 'action', 'vo-med', answerBy('vo-med'), forbidden('escalationStatus')],
    ['unit staff answer', 'personal21', 'action', 'vo-med', answerBy('vo-med'), forbidden('escalationStatus')],
    ['the unit forwards its own item past the VO', 'tablet21', 'action', 'vo-med', sentTo('div-lsv'), forbidden('escalatedTo')],
    ['the unit withdraws it', 'tablet21', 'action', 'vo-med', sentTo(null), null],
    ['the unit withdraws and "solves" it', 'tablet21', 'action', 'vo-med', { escalatedTo: null, escalationStatus: 'lost' }, forbidden('escalationStatus')],
    ['the unit edits owner and status while it is escalated', 'tablet21', 'action', 'vo-med', { owner: 'EF', status: 'pagar' }, null],
    ['the VO answers', 'vochef', 'action', 'vo-med', answerBy('vo-med'), null],
    ['the VO forwards to the division', 'vochef', 'idea', 'vo-med', sentTo('div-lsv'), null],
    ['the VO writes "skickad" without moving it', 'vochef', 'action', 'vo-med', { escalationStatus: 'skickad' }, invalid('escalationStatus')],
    ['the VO signs as the division', 'vochef', 'action', 'vo-med', answerBy('div-lsv'), forbidden('escalationAnsweredBy')],
    ['the VO answers what the division holds', 'vochef', 'action', 'div-lsv', answerBy('vo-med', 'lost'), forbidden('escalationStatus')],
    ['the division answers what it holds', 'divisionschef', 'action', 'div-lsv', answerBy('div-lsv', 'lost'), null],
    ['the division answers above a VO', 'divisionschef', 'action', 'vo-med', answerBy('div-lsv', 'atgardas'), null],
    ['the division forwards to the region', 'divisionschef', 'action', 'div-lsv', sentTo('region'), null],
    ['the division skips a level forwarding', 'divisionschef', 'action', 'vo-med', sentTo('region'), invalid('escalatedTo')],
    ['another unit answers', 'tablet22', 'action', 'vo-med', answerBy('avd-22'), { code: 'scope-denied', path: ['unitId'] }],
  ])('%s', async (_name, by, entity, holder, fields, expected) => {
    const id = await item(entity, holder);
    expect(await outcome(who[by], change(who[by], entity, 'patch', id, 'avd-21', fields))).toEqual(expected);
  });

  // Once the holder has taken an item on (answered it, or passed it up), the raising side cannot
  // pull it back by sending it again, withdrawing or deleting it: that would erase the answer or
  // the forward and take it off the holder's agenda. "tillbaka" gives it back; "löst" may be deleted.
  type Answered = [Holder, string | null];
  it.each<[string, keyof typeof who, Answered, 'resend' | 'withdraw' | 'delete', { code: string; path: (string | number)[] } | null]>([
    ['the unit sends again what the VO is handling', 'tablet21', ['vo-med', 'atgardas'], 'resend', forbidden('escalatedTo')],
    ['the unit sends again what the VO solved', 'tablet21', ['vo-med', 'lost'], 'resend', forbidden('escalatedTo')],
    ['the unit sends again what the division holds (pulls it down)', 'tablet21', ['div-lsv', null], 'resend', forbidden('escalatedTo')],
    ['the VO pulls back what the division is handling', 'vochef', ['div-lsv', 'atgardas'], 'resend', forbidden('escalatedTo')],
    ['the unit withdraws what the VO received', 'tablet21', ['vo-med', 'mottagen'], 'withdraw', forbidden('escalatedTo')],
    ['the unit withdraws what the division holds', 'tablet21', ['div-lsv', null], 'withdraw', forbidden('escalatedTo')],
    ['the unit deletes what the VO is handling', 'tablet21', ['vo-med', 'atgardas'], 'delete', { code: 'forbidden', path: ['op'] }],
    ['the unit deletes what the division holds', 'tablet21', ['div-lsv', null], 'delete', { code: 'forbidden', path: ['op'] }],
    ['a second tablet sends again what waits at the VO', 'tablet21', ['vo-med', null], 'resend', null],
    ['the unit sends again what the division sent back', 'tablet21', ['div-lsv', 'tillbaka'], 'resend', null],
    ['the unit withdraws what the VO sent back', 'tablet21', ['vo-med', 'tillbaka'], 'withdraw', null],
    ['the unit withdraws what nobody answered yet', 'tablet21', ['vo-med', null], 'withdraw', null],
    ['the unit deletes what the VO solved', 'tablet21', ['vo-med', 'lost'], 'delete', null],
    ['the VO deletes what it is handling', 'vochef', ['vo-med', 'atgardas'], 'delete', null],
    ['the division sends back down what it holds', 'divisionschef', ['div-lsv', 'mottagen'], 'resend', null],
  ])('%s', async (_name, by, [holder, status], what, expected) => {
    const id = await item('action', holder);
    if (status !== null) {
      const level = holder === 'div-lsv' ? who.divisionschef : who.vochef;
      expect(await outcome(level, change(level, 'action', 'patch', id, 'avd-21', answerBy(holder!, status)))).toBeNull();
    }
    const ch =
      what === 'delete'
        ? change(who[by], 'action', 'delete', id, 'avd-21', {})
        : change(who[by], 'action', 'patch', id, 'avd-21', sentTo(what === 'resend' ? 'vo-med' : null));
    expect(await outcome(who[by], ch)).toEqual(expected);
    const row = await h.store.getRow('action', id);
    if (expected !== null) expect({ deleted: row?.deleted, to: row?.data.escalatedTo, status: row?.data.escalationStatus }).toEqual({ deleted: false, to: holder, status: status ?? 'skickad' });
  });

  it.each<[string, keyof typeof who, Holder, string, { code: string; path: (string | number)[] } | null]>([
    ['the division signs as the raising unit', 'divisionschef', 'vo-med', 'avd-21', forbidden('escalationAnsweredBy')],
    ['the VO signs as a unit below it', 'vochef', 'vo-med', 'avd-22', forbidden('escalationAnsweredBy')],
    ['the division signs as the VO holding it', 'divisionschef', 'vo-med', 'vo-med', null],
  ])('answered by: %s', async (_name, by, holder, signedBy, expected) => {
    const id = await item('action', holder);
    expect(await outcome(who[by], change(who[by], 'action', 'patch', id, 'avd-21', answerBy(signedBy)))).toEqual(expected);
  });

  it('a patch of an item the server never stored is refused', async () => {
    expect(await outcome(who.tablet21, change(who.tablet21, 'action', 'patch', uuidv7(), 'avd-21', { owner: 'AB' }))).toEqual({ code: 'validation', path: ['op'] });
  });

  it('issue 18: a delete of an action or idea the server never stored is refused not-found, and no tombstone is written', async () => {
    for (const entity of ['action', 'idea'] as const) {
      const id = uuidv7();
      expect(await outcome(who.avdchef21, change(who.avdchef21, entity, 'delete', id, 'avd-21', {}))).toEqual({ code: 'not-found', path: ['id'] });
      expect(await h.store.getRow(entity, id)).toBeUndefined();
    }
  });

  // The server once had its own copy of mayTakeBack that read a missing status as "taken on"
  // while the device (and the board) read it as 'skickad'; the device offered a withdrawal the
  // server then refused. Both now call the shared function: nobody answered, so it is still sent.
  it('an item held without a recorded status counts as sent: the unit may still withdraw it', async () => {
    const id = uuidv7();
    const fields = { id, unitId: 'avd-21', title: 'Trasig dörr', status: 'oppen', createdAt: new Date(NOW).toISOString(), escalatedTo: 'vo-med' };
    expect(await outcome(who.tablet21, change(who.tablet21, 'action', 'insert', id, 'avd-21', fields))).toBeNull();
    expect(await outcome(who.tablet21, change(who.tablet21, 'action', 'patch', id, 'avd-21', sentTo(null)))).toBeNull();
    const again = await item('action', 'vo-med');
    expect(await outcome(who.vochef, change(who.vochef, 'action', 'patch', again, 'avd-21', { escalationStatus: null }))).toBeNull();
    expect(await outcome(who.tablet21, change(who.tablet21, 'action', 'delete', again, 'avd-21', {}))).toBeNull();
    expect({ withdrawn: (await h.store.getRow('action', id))?.data.escalatedTo, deleted: (await h.store.getRow('action', again))?.deleted }).toEqual({
      withdrawn: null,
      deleted: true,
    });
  });

  it('a refused change is rejected alone; the rest of the batch is applied', async () => {
    const id = await item('action', 'vo-med');
    const rejected = await send(who.tablet21, [
      change(who.tablet21, 'action', 'patch', id, 'avd-21', answerBy('avd-21', 'lost')),
      change(who.tablet21, 'action', 'patch', id, 'avd-21', { status: 'pagar' }),
      change(who.tablet21, 'action', 'patch', id, 'avd-21', sentTo('div-lsv')),
      change(who.tablet21, 'action', 'patch', id, 'avd-21', { owner: 'GH' }),
    ]);
    expect(rejected).toEqual([
      { at: 0, ...forbidden('escalationStatus') },
      { at: 2, ...forbidden('escalatedTo') },
    ]);
    const row = await h.store.getRow('action', id);
    expect(row?.data).toMatchObject({ status: 'pagar', owner: 'GH', escalatedTo: 'vo-med', escalationStatus: 'skickad' });
  });
});

describe('meeting settings and log', () => {
  it.each<[keyof typeof who, string | null]>([
    ['tablet21', null],
    ['avdchef21', null],
    ['vochef', null],
    ['personal21', 'forbidden'],
  ])('%s edits the agenda of avd-21 → %s', async (by, code) => {
    const ch = change(who[by], 'meetingSettings', 'patch', meetingSettingsIdFor('avd-21'), 'avd-21', { timeboxMinutes: 12 });
    expect(await outcome(who[by], ch)).toEqual(code === null ? null : { code, path: ['entity'] });
  });

  it('anyone in scope writes the meeting log, nobody outside it', async () => {
    const log = (c: Client) =>
      change(c, 'meetingLog', 'insert', meetingLogIdFor('avd-21', '2026-03-10'), 'avd-21', {
        id: meetingLogIdFor('avd-21', '2026-03-10'),
        unitId: 'avd-21',
        date: '2026-03-10',
        facilitator: 'AB',
      });
    expect(await outcome(who.personal21, log(who.personal21))).toBeNull();
    expect(await outcome(who.tablet21, log(who.tablet21))).toBeNull();
    expect(await outcome(who.tablet22, log(who.tablet22))).toEqual({ code: 'scope-denied', path: ['unitId'] });
  });
});
