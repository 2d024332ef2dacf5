/**
 * Demo pulse-meeting data (issue 7): actions and improvement ideas for Avdelning 21 (one overdue,
 * one linked to a red day on the cross, one done), the logs of its last two morning meetings, and
 * escalations so the feature shows at every level: avd-21 → VO Medicin, answered "mottagen"; and
 * avd-23 → VO Medicin → forwarded to the division, waiting there. Pushed through the real sync
 * path (so the write rules pass on it) by a demo device that is revoked afterwards. Runs from
 * seedDemo, which runs only on an empty database.
 */
import { uuidv7 } from 'uuidv7';
import { addDays, localDate, previousPeriod } from '../../shared/domain/periods';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { meetingLogIdFor } from '../../shared/schema/meeting';
import { SCHEMA_VERSION } from '../../shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';

/** An instant on `date` at hh:mm UTC (07:45 in Stockholm is 06:45 UTC in winter). */
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00.000Z`;

export async function seedMeeting(store: Store, now: number): Promise<void> {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata pulsmöte',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const today = localDate(now);
  const day = (n: number) => addDays(today, n);
  const changes: Change[] = [];
  const push = (entity: Change['entity'], op: Change['op'], id: string, unitId: string, fields: Record<string, unknown>) =>
    changes.push({ seq: changes.length + 1, entity, id, unitId, op, fields, hlc: formatHlc({ millis: now, counter: changes.length, node }), schemaVersion: SCHEMA_VERSION } as Change);
  const action = (unitId: string, fields: Record<string, unknown>, createdDaysAgo: number) => {
    const id = uuidv7();
    push('action', 'insert', id, unitId, { id, unitId, createdAt: at(day(-createdDaysAgo), '07:00'), ...fields });
    return id;
  };
  const idea = (unitId: string, fields: Record<string, unknown>, createdDaysAgo: number) => {
    const id = uuidv7();
    push('idea', 'insert', id, unitId, { id, unitId, createdAt: at(day(-createdDaysAgo), '07:05'), ...fields });
  };

  action('avd-21', {
    title: 'Kontrollera sänglarm på alla salar', owner: 'AB', due: day(-3), status: 'pagar',
    cause: { kind: 'safetyDay', ref: day(-6), label: `Röd dag ${day(-6)} (fall)` },
  }, 6);
  action('avd-21', {
    title: 'Påminn om handdesinfektion före patientkontakt på APT', owner: 'Hygienombud', due: day(7), status: 'oppen',
    cause: { kind: 'bhkPeriod', ref: previousPeriod(today.slice(0, 7)), label: `BHK ${previousPeriod(today.slice(0, 7))}: handdesinfektion före` },
  }, 3);
  action('avd-21', {
    title: 'Lyftsele saknas på sal 4', owner: 'EC', due: day(2), status: 'oppen',
    escalatedTo: 'vo-med', escalatedAt: at(day(-1), '07:55'), escalationStatus: 'mottagen',
    escalationReply: 'Beställning lagd, besked på torsdag', escalationAnsweredBy: 'vo-med', escalationAnsweredAt: at(day(-1), '08:40'),
  }, 1);
  action('avd-21', { title: 'Ny checklista för utskrivning', owner: 'SSK', due: day(-10), status: 'klar' }, 20);
  action('avd-22', { title: 'Extrapass i helgen: fråga bemanningsenheten', owner: 'CD', due: day(1), status: 'oppen' }, 2);
  const forwarded = action('avd-23', {
    title: 'Återkommande brist på nattpersonal', owner: 'EC', status: 'oppen',
    escalatedTo: 'vo-med', escalatedAt: at(day(-2), '07:50'), escalationStatus: 'skickad',
  }, 2);
  push('action', 'patch', forwarded, 'avd-23', {
    escalatedTo: 'div-lsv', escalatedAt: at(day(-1), '08:50'), escalationStatus: 'skickad',
    escalationReply: null, escalationAnsweredBy: null, escalationAnsweredAt: null,
  });

  idea('avd-21', { title: 'Färgkodade droppställningar per sal', stage: 'ide', owner: 'FG', rank: 1000 }, 9);
  idea('avd-21', { title: 'Tyst rond kl 10', stage: 'prioriterad', owner: 'AB', rank: 1000 }, 14);
  idea('avd-21', {
    title: 'Fallriskbedömning vid inskrivning', stage: 'pagar', owner: 'SSK', rank: 1000,
    pdsa: 'P: alla nyinskrivna bedöms inom 24 h. D: prov på sal 1–4 i två veckor. S: andel bedömda. A: —',
  }, 21);
  idea('avd-21', { title: 'Pulsmöte vid tavlan kl 07.45', stage: 'klar', owner: 'AB', rank: 1000, pdsa: 'Infört, alla pass känner till tiden.' }, 40);

  const logs: [number, string, number, string][] = [
    [-2, 'CD', 8, 'Sänglarmen kontrolleras av AB. Extra nattpass söks för helgen.'],
    [-1, 'AB', 9, 'Lyftsele saknas: eskaleras till VO. Hygienombud tar handdesinfektion på APT.'],
  ];
  for (const [offset, facilitator, present, decisions] of logs) {
    const date = day(offset);
    const id = meetingLogIdFor('avd-21', date);
    push('meetingLog', 'insert', id, 'avd-21', {
      id, unitId: 'avd-21', date, facilitator, present, decisions, startedAt: at(date, '06:45'), endedAt: at(date, '06:59'),
      stepSeconds: { bemanning: 180, patientsakerhet: 150, hygien: 90, mal: 120, forbattringar: 120, atgarder: 120, eskalera: 60 },
    });
  }

  const answer = await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes }, now);
  if (!answer.ok || answer.rejected.length > 0) throw new Error(`meeting seed refused: ${JSON.stringify(answer)}`);
  await store.revokeDevice(deviceId, new Date(now).toISOString());
}
