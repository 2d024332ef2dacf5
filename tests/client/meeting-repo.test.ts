import './helpers';
import { describe, expect, it } from 'vitest';
import type { TreeUnit } from '../../src/shared/domain/rollup';
import type { UnitId } from '../../src/shared/schema/ids';
import { setMeta } from '../../src/client/storage/meta';
import { writeChange } from '../../src/client/storage/records';
import { replaceUnits } from '../../src/client/storage/org-repo';
import type { Identity } from '../../src/shared/api';
import {
  addAction,
  addIdea,
  answer,
  deleteAction,
  escalate,
  forward,
  getMeetingConfig,
  getMeetingLog,
  listActions,
  listIdeas,
  listInbox,
  listMeetingLogs,
  saveMeetingLog,
  saveMeetingSettings,
  updateAction,
  updateIdea,
} from '../../src/client/storage/meeting-repo';
import { caught, TEST_PERSONNUMMER, useSessionDbs } from './helpers';

const DEVICE_ID = '0190a0b0-c0d0-7e00-8000-000000000007';
const { sessionDb } = useSessionDbs(DEVICE_ID);

const NOW = Date.UTC(2026, 10, 23, 6, 45);
const UNIT = 'avd-21' as UnitId;
const t = (id: string, parentId: string | null, kind: TreeUnit['kind'], name: string): TreeUnit => ({ id, parentId, kind, name, closedAt: null });
const UNITS = [t('region', null, 'region', 'Region'), t('div', 'region', 'division', 'Divisionen'), t('vo', 'div', 'vo', 'VO Medicin'), t(UNIT, 'vo', 'enhet', 'Avd 21')];

describe('actions', () => {
  it('adds with a UUIDv7 id and createdAt, lists live rows of the unit only', async () => {
    const db = await sessionDb();
    const a = await addAction(db, { unitId: UNIT, title: 'Ny rutin för fallriskbedömning', status: 'oppen', owner: 'AB', due: '2026-11-30' }, NOW);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.createdAt).toBe(new Date(NOW).toISOString());
    await addAction(db, { unitId: 'avd-22' as UnitId, title: 'Annan enhet', status: 'oppen' }, NOW);
    const gone = await addAction(db, { unitId: UNIT, title: 'Bort', status: 'oppen' }, NOW);
    await deleteAction(db, gone, NOW + 1);
    expect((await listActions(db, UNIT)).map((x) => x.title)).toEqual(['Ny rutin för fallriskbedömning']);
    expect(await db.outbox.count()).toBe(4);
  });

  it('patches only the fields that changed', async () => {
    const db = await sessionDb();
    const a = await addAction(db, { unitId: UNIT, title: 'Städrutin', status: 'oppen', owner: 'AB', cause: { kind: 'safetyDay', ref: '2026-11-20', label: 'Röd dag 2026-11-20' } }, NOW);
    await updateAction(db, a, { title: 'Städrutin', owner: 'CD', status: 'oppen', cause: { kind: 'safetyDay', ref: '2026-11-20', label: 'Röd dag 2026-11-20' }, id: 'other' as never }, NOW + 1);
    const last = (await db.outbox.orderBy('seq').last())?.change;
    expect(last?.op).toBe('patch');
    expect(last?.fields).toEqual({ owner: 'CD' });
    await updateAction(db, { ...a, owner: 'CD' }, { owner: 'CD' }, NOW + 2);
    expect(await db.outbox.count()).toBe(2);
    expect((await listActions(db, UNIT))[0]?.owner).toBe('CD');
  });

  it('an edit saved from a stale copy of the row never writes its escalation state', async () => {
    // A form opened before the VO's answer was pulled, saved whole: only the edited title goes
    // out (a stale escalation would be refused with the edit, or, from a manager, undo the answer).
    const db = await sessionDb();
    const a = await addAction(db, { unitId: UNIT, title: 'Saknar lyftsele', status: 'oppen' }, NOW);
    await escalate(db, UNITS, 'action', a, NOW + 1);
    const stale = (await listActions(db, UNIT))[0]!;
    const fields = { escalationStatus: 'atgardas', escalationReply: 'Beställd', escalationAnsweredBy: 'vo', escalationAnsweredAt: new Date(NOW).toISOString() };
    await writeChange(db, { entity: 'action', op: 'patch', id: a.id, unitId: UNIT, fields }, NOW + 2);
    const fresh = (await listActions(db, UNIT))[0]!;
    await updateAction(db, fresh, { ...stale, title: 'Saknar lyftsele sal 4' }, NOW + 3);
    expect((await db.outbox.orderBy('seq').last())?.change.fields).toEqual({ title: 'Saknar lyftsele sal 4' });
    expect((await listActions(db, UNIT))[0]).toMatchObject({ title: 'Saknar lyftsele sal 4', escalatedTo: 'vo', escalationStatus: 'atgardas', escalationReply: 'Beställd' });
    await updateIdea(db, (await addIdea(db, { unitId: UNIT, title: 'Idé', stage: 'ide' }, NOW)), { escalatedTo: 'vo' as UnitId }, NOW + 4);
    expect((await db.outbox.orderBy('seq').last())?.change.op).toBe('insert');
  });

  it.each<[string, Record<string, unknown>, string, (string | number)[]]>([
    ['an empty title', { title: '' }, 'validation', ['fields', 'title']],
    ['a personnummer in the note', { note: `Gäller ${TEST_PERSONNUMMER}` }, 'personnummer', ['fields', 'note']],
    // The cause comes from a link's query (cause-link.ts), so its ref is typed text too.
    ['a personnummer as the cause ref', { cause: { kind: 'other', ref: TEST_PERSONNUMMER, label: 'Fall' } }, 'personnummer', ['fields', 'cause', 'ref']],
    ['a personnummer in the cause label', { cause: { kind: 'other', ref: 'x', label: TEST_PERSONNUMMER } }, 'personnummer', ['fields', 'cause', 'label']],
    ['an unknown status', { status: 'kanske' }, 'validation', ['fields', 'status']],
    ['a bad due date', { due: '2026-02-30' }, 'validation', ['fields', 'due']],
  ])('refuses %s and writes nothing', async (_name, bad, code, path) => {
    const db = await sessionDb();
    const e = await caught(addAction(db, { unitId: UNIT, title: 'x', status: 'oppen', ...bad } as never, NOW));
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
    expect(await db.rows.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('ideas', () => {
  it('moves a card and keeps its PDSA note', async () => {
    const db = await sessionDb();
    const i = await addIdea(db, { unitId: UNIT, title: 'Färgkoda droppställningar', stage: 'ide', rank: 1000 }, NOW);
    await updateIdea(db, i, { stage: 'pagar', pdsa: 'Plan: testa en vecka på sal 3' }, NOW + 1);
    expect(await listIdeas(db, UNIT)).toMatchObject([{ id: i.id, stage: 'pagar', pdsa: 'Plan: testa en vecka på sal 3', rank: 1000 }]);
  });
});

describe('escalation on one device', () => {
  it('escalates to the parent, forwards, answers, and the inbox follows the holder', async () => {
    const db = await sessionDb();
    const a = await addAction(db, { unitId: UNIT, title: 'Saknar lyftsele', status: 'oppen' }, NOW);
    const i = await addIdea(db, { unitId: UNIT, title: 'Gemensam läkemedelsgenomgång', stage: 'ide' }, NOW);
    await escalate(db, UNITS, 'action', a, NOW + 1);
    await escalate(db, UNITS, 'idea', i, NOW + 2);
    const [sentA] = await listActions(db, UNIT);
    expect(sentA).toMatchObject({ escalatedTo: 'vo', escalationStatus: 'skickad' });
    await caught(escalate(db, UNITS, 'action', sentA!, NOW + 3));

    const inbox = await listInbox(db, UNITS, 'vo');
    expect(inbox.map((e) => [e.entity, e.item.id, e.fromUnitId, e.fromName])).toEqual([
      ['action', a.id, UNIT, 'Avd 21'],
      ['idea', i.id, UNIT, 'Avd 21'],
    ]);
    await forward(db, UNITS, 'action', sentA!, NOW + 4);
    expect((await listInbox(db, UNITS, 'vo')).map((e) => e.entity)).toEqual(['idea']);
    const [atDiv] = await listActions(db, UNIT);
    await answer(db, 'action', atDiv!, 'lost', 'Ny sele beställd', 'div', NOW + 5);
    expect((await listActions(db, UNIT))[0]).toMatchObject({
      escalatedTo: 'div',
      escalationStatus: 'lost',
      escalationReply: 'Ny sele beställd',
      escalationAnsweredBy: 'div',
    });
    expect((await listInbox(db, UNITS, 'div'))[0]?.fromName).toBe('Avd 21 (VO Medicin)');
    const atRoot = { ...atDiv!, escalatedTo: 'region' as UnitId };
    expect((await caught(forward(db, UNITS, 'action', atRoot, NOW + 6))).path).toEqual(['escalatedTo']);
  });
});

describe('answering needs the holder in this device\'s scope', () => {
  it.each<[string, string, boolean]>([
    ['the raising unit\'s tablet', UNIT, false],
    ['the holding VO', 'vo', true],
    ['the division above it', 'div', true],
  ])('%s may answer → %s', async (_name, scopeUnitId, may) => {
    const db = await sessionDb();
    await setMeta(db, 'identity', { deviceId: DEVICE_ID, kind: 'account', role: 'manager', scopeUnitId, accountId: 'x', username: 'x', displayName: 'x' } as Identity);
    await replaceUnits(db, UNITS.map((u) => ({ ...u, parentId: u.parentId as UnitId | null, id: u.id as UnitId })));
    const a = await addAction(db, { unitId: UNIT, title: 'Saknar lyftsele', status: 'oppen' }, NOW);
    await escalate(db, UNITS, 'action', a, NOW + 1);
    const held = (await listActions(db, UNIT))[0]!;
    const outbox = await db.outbox.count();
    const answering = () => answer(db, 'action', held, 'lost', null, scopeUnitId, NOW + 2);
    const forwarding = () => forward(db, UNITS, 'action', held, NOW + 3);
    if (may) {
      await answering();
      await forwarding();
      expect(await db.outbox.count()).toBe(outbox + 2);
    } else {
      expect(await caught(answering())).toMatchObject({ code: 'forbidden', path: ['fields', 'escalationStatus'] });
      expect(await caught(forwarding())).toMatchObject({ code: 'forbidden', path: ['fields', 'escalatedTo'] });
      expect(await db.outbox.count()).toBe(outbox);
    }
  });
});

describe('deleting an escalated item', () => {
  // The server refuses it (write-rule.ts mayTakeBack); refused on the device, the unit would
  // otherwise lose sight of the item and the answer it is waiting for while the level still has it.
  it.each<[string, string, string | null, boolean]>([
    ['not escalated', UNIT, null, true],
    ['waiting unanswered at the VO', UNIT, 'skickad', true],
    ['received by the VO', UNIT, 'mottagen', false],
    ['being handled by the VO', UNIT, 'atgardas', false],
    ['sent back by the VO', UNIT, 'tillbaka', true],
    ['solved by the VO', UNIT, 'lost', true],
    ['being handled, deleted by the VO itself', 'vo', 'atgardas', true],
  ])('%s, from scope %s → may delete %s', async (_name, scopeUnitId, status, may) => {
    const db = await sessionDb();
    await setMeta(db, 'identity', { deviceId: DEVICE_ID, kind: 'account', role: 'manager', scopeUnitId, accountId: 'x', username: 'x', displayName: 'x' } as Identity);
    await replaceUnits(db, UNITS.map((u) => ({ ...u, parentId: u.parentId as UnitId | null, id: u.id as UnitId })));
    const a = await addAction(db, { unitId: UNIT, title: 'Saknar lyftsele', status: 'oppen' }, NOW);
    if (status !== null) await escalate(db, UNITS, 'action', a, NOW + 1);
    if (status !== null && status !== 'skickad') {
      // The VO's answer as a pulled change would leave it.
      const fields = { escalationStatus: status, escalationReply: null, escalationAnsweredBy: 'vo', escalationAnsweredAt: new Date(NOW).toISOString() };
      await writeChange(db, { entity: 'action', op: 'patch', id: a.id, unitId: UNIT, fields }, NOW + 2);
    }
    const current = (await listActions(db, UNIT))[0]!;
    const outbox = await db.outbox.count();
    if (may) {
      await deleteAction(db, current, NOW + 3);
      expect(await listActions(db, UNIT)).toEqual([]);
      expect(await db.outbox.count()).toBe(outbox + 1);
    } else {
      expect(await caught(deleteAction(db, current, NOW + 3))).toMatchObject({ code: 'forbidden', path: ['op'] });
      expect((await listActions(db, UNIT)).map((x) => [x.id, x.escalationStatus])).toEqual([[a.id, status]]);
      expect(await db.outbox.count()).toBe(outbox);
    }
  });
});

describe('meeting settings and log', () => {
  it('defaults, then keeps what the unit set', async () => {
    const db = await sessionDb();
    expect((await getMeetingConfig(db, UNIT)).timeboxMinutes).toBe(15);
    await saveMeetingSettings(db, UNIT, { agenda: ['bemanning', 'fokus'] }, NOW);
    await saveMeetingSettings(db, UNIT, { timeboxMinutes: 10 }, NOW + 1);
    expect(await getMeetingConfig(db, UNIT)).toEqual({ agenda: ['bemanning', 'fokus'], timeboxMinutes: 10 });
    const e = await caught(saveMeetingSettings(db, UNIT, { timeboxMinutes: 120 }, NOW + 2));
    expect(e.path).toEqual(['fields', 'timeboxMinutes']);
  });

  it('inserts the day once, then patches; lists newest first', async () => {
    const db = await sessionDb();
    await saveMeetingLog(db, UNIT, '2026-11-22', { facilitator: 'ab', present: 9, decisions: 'Extra pass natt' }, NOW - 86_400_000);
    await saveMeetingLog(db, UNIT, '2026-11-23', { facilitator: 'CD', startedAt: new Date(NOW).toISOString() }, NOW);
    await saveMeetingLog(db, UNIT, '2026-11-23', { present: 7, stepSeconds: { bemanning: 120 } }, NOW + 1);
    const ops = (await db.outbox.orderBy('seq').toArray()).map((r) => r.change.op);
    expect(ops).toEqual(['insert', 'insert', 'patch']);
    expect(await getMeetingLog(db, UNIT, '2026-11-23')).toMatchObject({ facilitator: 'CD', present: 7, stepSeconds: { bemanning: 120 } });
    expect((await getMeetingLog(db, UNIT, '2026-11-22'))?.facilitator).toBe('AB');
    expect(await getMeetingLog(db, UNIT, '2026-11-21')).toBeNull();
    expect((await listMeetingLogs(db, UNIT)).map((l) => l.date)).toEqual(['2026-11-23', '2026-11-22']);
    expect((await listMeetingLogs(db, UNIT, 1)).map((l) => l.date)).toEqual(['2026-11-23']);
    expect((await caught(saveMeetingLog(db, UNIT, '2026-13-01', { present: 1 }, NOW))).path).toEqual(['date']);
    expect((await caught(saveMeetingLog(db, UNIT, '2026-11-23', { facilitator: 'Anna Berg' }, NOW))).path).toEqual(['fields', 'facilitator']);
  });
});
