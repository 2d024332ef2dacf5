/**
 * Demo staffing data: about ten weeks of shift counts for every demo enhet (with the odd day
 * nobody filled in), beds for the wards, the HR system's kvot for the last two whole months and
 * board settings (mottagningar: day shift on weekdays). Pushed through the real sync path by a
 * demo device that is revoked afterwards, like the sample observations. Avdelning 21 keeps today
 * empty, so the morning entry can be tried on the demo.
 */
import { demoDaysBack } from './demo-days';
import { uuidv7 } from 'uuidv7';
import { addDays, localDate, previousPeriod } from '../../shared/domain/periods';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { bedsIdFor } from '../../shared/schema/beds-day';
import { hrMonthIdFor } from '../../shared/schema/hr-month';
import { type EntityName, SCHEMA_VERSION } from '../../shared/schema/registry';
import { staffingSettingsIdFor } from '../../shared/schema/staffing-settings';
import { shiftIdFor } from '../../shared/schema/staffing-shift';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';
import { DEMO_UNITS } from './demo-org';
import { seededRandom as prng } from '../../shared/domain/random';

/** Planned staff per shift on a normal ward day; mottagningar have a day shift only. */
const WARD = { dag: 10, kvall: 8, natt: 4 } as const;
const CLINICS = new Set(['mott-med', 'mott-kir', 'mott-ort']);
const DAYS_BACK = 75;

/** How many of `n` people are absent when each is with probability p (a binomial draw). */
const draw = (rand: () => number, n: number, p: number) => Array.from({ length: n }, () => rand() < p).filter(Boolean).length;

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());

export async function seedStaffing(store: Store, now: number): Promise<void> {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata bemanning',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const rand = prng(20260310);
  const today = localDate(now);
  const changes: Change[] = [];
  const add = (entity: EntityName, unitId: string, fields: Record<string, unknown>) =>
    changes.push({
      seq: changes.length + 1, entity, id: fields.id as string, unitId, op: 'insert', fields,
      hlc: formatHlc({ millis: now, counter: changes.length, node }), schemaVersion: SCHEMA_VERSION,
    } as Change);

  const settings = (unitId: string, fields: Record<string, unknown>) =>
    changes.push({
      seq: changes.length + 1, entity: 'staffingSettings', id: staffingSettingsIdFor(unitId), unitId, op: 'patch', fields,
      hlc: formatHlc({ millis: now, counter: changes.length, node }), schemaVersion: SCHEMA_VERSION,
    } as Change);
  for (const unit of DEMO_UNITS.filter((u) => u.kind === 'enhet')) {
    const clinic = CLINICS.has(unit.id);
    const ward = !clinic && unit.id !== 'akm';
    // The sick-leave targets are the catalogue's (indicator-seed.ts: "Minska", at most 6 % on
    // Avdelning 22), not a board setting (issue 14).
    settings(unit.id, { ...(clinic ? { shifts: ['dag'], weekdaysOnly: true } : {}), bedsEnabled: ward });
    // Each unit has its own level: some wards run a high sick leave, one unit rarely fills in.
    const sickRate = 0.03 + rand() * 0.06;
    const fillRate = unit.id === 'avd-32' ? 0.55 : 0.93;
    const beds = 18 + Math.floor(rand() * 10);
    for (const back of demoDaysBack(DAYS_BACK, 0)) {
      const date = addDays(today, -back);
      if ((back === 0 && unit.id === 'avd-21') || (clinic && isWeekend(date)) || rand() > fillRate) continue;
      for (const [shift, base] of Object.entries(clinic ? { dag: 6 } : WARD)) {
        const planned = isWeekend(date) && shift === 'dag' ? base - 2 : base;
        const sick = draw(rand, planned, sickRate);
        const vab = draw(rand, planned - sick, 0.015);
        const otherAbsence = draw(rand, planned - sick - vab, 0.01);
        const covered = draw(rand, sick + vab + otherAbsence, 0.6);
        add('staffingShift', unit.id, { id: shiftIdFor(unit.id, date, shift), unitId: unit.id, date, shift, planned, sick, vab, otherAbsence, covered });
      }
      if (ward) {
        const belagda = beds - 3 + Math.floor(rand() * 7);
        add('bedsDay', unit.id, {
          id: bedsIdFor(unit.id, date), unitId: unit.id, date, disponibla: beds, belagda,
          overbelaggningar: Math.max(0, belagda - beds), utlokaliserade: Math.floor(rand() * 2.4), utskrivningsklara: Math.floor(rand() * 4),
        });
      }
    }
    // The HR system reports a month after it ends; one clinic's file lacks ordinary hours.
    // Fourteen months, so the HR kvot has a year to compare with.
    for (let month = previousPeriod(today.slice(0, 7)), i = 0; i < 14; i++, month = previousPeriod(month)) {
      const kvot = Math.round((sickRate * 100 + 1.5 + rand() * 1.5) * 10) / 10;
      const hours = unit.id === 'mott-ort' ? null : Math.round((clinic ? 950 : 3400) * (0.9 + rand() * 0.2));
      add('hrMonth', unit.id, {
        id: hrMonthIdFor(unit.id, month), unitId: unit.id, month, kvotTotal: kvot,
        kvotK: Math.round(kvot * 1.1 * 10) / 10, kvotM: Math.round(kvot * 0.6 * 10) / 10,
        korttid: Math.round(kvot * 0.45 * 10) / 10, ordinaryHours: hours, source: 'import',
      });
    }
  }
  for (let i = 0; i < changes.length; i += 500) {
    await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes: changes.slice(i, i + 500) }, now);
  }
  await store.revokeDevice(deviceId, new Date(now).toISOString());
}
