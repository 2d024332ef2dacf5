/**
 * Demo indicator settings (issue 6): a few level-specific targets, so the demo shows that targets
 * may differ per level and unit. The division asks for 90 % BHK total compliance instead of the
 * catalogue's 100 %; VO Kirurgi wants 95 % green days; Avdelning 22 has a fixed sick-share target
 * (at most 6 %) instead of "Minska", and Intensivvårdsavdelningen needs 5 observations a month
 * before its BHK figures count. ("Minska" compares with the same period last year: the demo's
 * staffing and safety seeds cover the same weeks a year ago, seed/demo-days.ts.) Pushed
 * through the real sync path by a demo admin device that is revoked afterwards, like the other
 * demo data. Idempotent: nothing is written when the division's row already exists.
 */
import { uuidv7 } from 'uuidv7';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { indicatorIdFor } from '../../shared/schema/indicator';
import { SCHEMA_VERSION } from '../../shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';

export const DEMO_INDICATOR_ROWS: readonly { unitId: string; key: string; fields: Record<string, unknown> }[] = [
  { unitId: 'div-lsv', key: 'bhkTotal', fields: { target: { op: 'gte', value: 90 } } },
  { unitId: 'vo-kir', key: 'greenShare', fields: { target: { op: 'gte', value: 95 } } },
  { unitId: 'avd-22', key: 'sickShare', fields: { target: { op: 'lte', value: 6 } } },
  { unitId: 'iva', key: 'bhkTotal', fields: { minN: 5 } },
];

export async function seedIndicators(store: Store, now: number): Promise<void> {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  if (await store.getRow('indicator', indicatorIdFor('div-lsv', 'bhkTotal'))) return;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata indikatorer',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const changes = DEMO_INDICATOR_ROWS.map((r, i) => {
    const id = indicatorIdFor(r.unitId, r.key);
    return {
      seq: i + 1, entity: 'indicator', id, unitId: r.unitId, op: 'insert', fields: { id, unitId: r.unitId, key: r.key, ...r.fields },
      hlc: formatHlc({ millis: now, counter: i, node }), schemaVersion: SCHEMA_VERSION,
    } as unknown as Change;
  });
  await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes }, now);
  await store.revokeDevice(deviceId, new Date(now).toISOString());
}
