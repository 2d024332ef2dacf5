/**
 * First-start seed of the demo: organisation, accounts and a few months of sample hygiene
 * observations, pushed through the real sync path so the change log holds them like any other.
 * Runs only when the database has no units; it never touches a real organisation.
 */
import { uuidv7 } from 'uuidv7';
import { localDate, addDays } from '../../shared/domain/periods';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { BHK_STEPS, DEFAULT_PROFESSIONS, type BhkObservation } from '../../shared/schema/bhk-observation';
import { SCHEMA_VERSION } from '../../shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { createAccount } from '../auth/accounts';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo-org';
import { seedSafety } from './safety-demo';
import { seedStaffing } from './staffing-seed';
import { seedIndicators } from './indicator-seed';
import { seedMeeting } from './meeting-seed';
import { seedGoals } from './goal-seed';
import { seededRandom as prng } from '../../shared/domain/random';

export async function seedDemo(store: Store, now: number, opts: { observations?: boolean } = {}): Promise<boolean> {
  if ((await store.listUnits()).length > 0) return false;
  await store.tx(async (tx) => {
    const paths = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const path = `${u.parentId ? paths.get(u.parentId) : '/'}${u.id}/`;
      paths.set(u.id, path);
      await tx.insertUnit({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId, path, closedAt: null });
    }
  });
  for (const a of DEMO_ACCOUNTS) await createAccount(store, null, { ...a, password: DEMO_PASSWORD });
  if (opts.observations !== false) {
    await seedObservations(store, now);
    await seedSafety(store, now, prng(20261123));
  }
  if (opts.observations !== false) await seedStaffing(store, now);
  if (opts.observations !== false) await seedIndicators(store, now);
  if (opts.observations !== false) await seedMeeting(store, now);
  if (opts.observations !== false) await seedGoals(store, now, prng(20261313));
  return true;
}

/** How far back the demo's BHK observations go. */
export const BHK_HISTORY_DAYS = 400;

async function seedObservations(store: Store, now: number) {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const rand = prng(20261122);
  const today = localDate(now);
  // Two units have not observed this month, so completeness reads "n av m" as it would in real life.
  const units = DEMO_UNITS.filter((u) => u.kind === 'enhet' && u.id !== 'avd-21' && u.id !== 'iva');
  const changes: Change[] = [];
  const node = nodeFromDeviceId(deviceId);
  let counter = 0;
  for (const unit of units) {
    // Per-step compliance 95–99.5 %: all-steps-correct then lands between about 70 and 97 %, as on real wards.
    const perMonthSkill = 0.95 + rand() * 0.045;
    // Dense over the last ten weeks, sparser (about five a month) back to the same month last
    // year, so trends and the comparison with last year have points (issue 6).
    for (let back = BHK_HISTORY_DAYS; back >= 1; back -= back > 70 ? 3 + Math.floor(rand() * 8) : 1 + Math.floor(rand() * 6)) {
      const date = addDays(today, -back);
      const steps = Object.fromEntries(
        BHK_STEPS.map((s) => [s, (s === 'gloves' || s === 'apron') && rand() < 0.5 ? 'ej_aktuellt' : rand() < perMonthSkill ? 'ja' : 'nej']),
      ) as BhkObservation['steps'];
      const obs: BhkObservation = {
        id: uuidv7() as BhkObservation['id'], unitId: unit.id as BhkObservation['unitId'], date,
        profession: DEFAULT_PROFESSIONS[Math.floor(rand() * DEFAULT_PROFESSIONS.length)] as string,
        selfAssessment: false, steps, createdAt: new Date(now).toISOString(),
      };
      changes.push({
        seq: changes.length + 1, entity: 'bhkObservation', id: obs.id, unitId: obs.unitId, op: 'insert',
        fields: obs as unknown as Record<string, unknown>, hlc: formatHlc({ millis: now, counter: counter++, node }), schemaVersion: SCHEMA_VERSION,
      } as Change);
    }
  }
  for (let i = 0; i < changes.length; i += 500) {
    await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes: changes.slice(i, i + 500) }, now);
  }
  await store.revokeDevice(deviceId, new Date(now).toISOString());
}
