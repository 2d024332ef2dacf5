/** The demo's pulse-meeting data: accepted in full by the sync path and showing every part. */
import { describe, expect, it } from 'vitest';
import { isOverdue } from '../../src/shared/domain/meeting/actions';
import { boardStatus, inboxFor } from '../../src/shared/domain/meeting/escalation';
import { addDays, localDate } from '../../src/shared/domain/periods';
import { Action } from '../../src/shared/schema/action';
import { Idea } from '../../src/shared/schema/idea';
import { MeetingLog } from '../../src/shared/schema/meeting';
import { publicData } from '../../src/shared/sync/merge';
import { DEMO_UNITS } from '../../src/server/seed/demo-org';
import { NOW, useSeededDemo } from './helpers';

const store = useSeededDemo();

const today = localDate(NOW);
const UNITS = DEMO_UNITS.map((u) => ({ ...u, closedAt: null }));
const MEETING = ['action', 'idea', 'meetingLog'];

describe('pulse meeting demo seed', () => {
  it('every change was accepted, by a demo device revoked afterwards', async () => {
    const logged = (await store().pullChanges('/', 0, 100_000)).filter((c) => MEETING.includes(c.entity));
    expect(logged.length).toBeGreaterThan(10);
    const device = await store().getDevice((await store().auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device).toMatchObject({ lastSeq: logged.length, label: 'Demodata pulsmöte' });
    expect(device?.revokedAt).not.toBeNull();
    expect(await store().listRejections(device!.id, 1, logged.length)).toEqual([]);
  });

  it('Avdelning 21 has valid actions (one overdue, one done), ideas in every column, and yesterday\'s log', async () => {
    const actions = (await store().listRows('action', '/', '', '')).map((r) => Action.parse(publicData(r)));
    const own = actions.filter((a) => a.unitId === 'avd-21');
    expect(own.filter((a) => isOverdue(a, today))).toHaveLength(1);
    expect(own.some((a) => a.status === 'klar')).toBe(true);
    expect(own.some((a) => a.cause?.kind === 'safetyDay')).toBe(true);
    const ideas = (await store().listRows('idea', '/', '', '')).map((r) => Idea.parse(publicData(r)));
    expect(new Set(ideas.map((i) => i.stage))).toEqual(new Set(['ide', 'prioriterad', 'pagar', 'klar']));
    const logs = (await store().listRows('meetingLog', '/', '', '9999')).map((r) => MeetingLog.parse(publicData(r)));
    expect(logs.find((l) => l.date === addDays(today, -1))).toMatchObject({ unitId: 'avd-21', facilitator: 'AB', present: 9 });
  });

  it('escalations show at each level: avd-21 answered "mottagen" by its VO, one waiting at the division', async () => {
    const actions = (await store().listRows('action', '/', '', '')).map((r) => Action.parse(publicData(r)));
    const answered = actions.filter((a) => a.unitId === 'avd-21' && a.escalatedTo);
    expect(answered.map((a) => boardStatus(UNITS, a))).toEqual([
      expect.objectContaining({ holderName: 'VO Medicin', status: 'mottagen', answeredByName: 'VO Medicin' }),
    ]);
    expect(inboxFor(UNITS, actions, 'vo-med').map((e) => e.fromName)).toEqual(['Avdelning 21 Medicin']);
    expect(inboxFor(UNITS, actions, 'div-lsv').map((e) => [e.fromName, e.item.escalationStatus])).toEqual([['Avdelning 23 Geriatrik (VO Medicin)', 'skickad']]);
  });
});
