/** The server half of push: sync/README.md rules 3–5, 13–17, in one SQL transaction. */
import { AppError, type ErrorCode } from '../../shared/errors';
import { type Change, MIN_PROTOCOL_VERSION, type PushResponse } from '../../shared/protocol';
import type { DeviceId } from '../../shared/schema/ids';
import { BULK_ENTITIES } from '../../shared/facts-api';
import { ENTITIES } from '../../shared/schema/registry';
import { isTooFarAhead } from '../../shared/sync/hlc';
import { mergeChange } from '../../shared/sync/merge';
import { validateChange } from '../../shared/sync/validate';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { OrgView } from '../org/view';
import type { StoreTx } from '../store/store';
import type { Store } from '../store/store';
import { guardChange } from './guard';
import { pushBuffer } from './push-buffer';
import { reportRejections } from './rejection-state';
import { checkWriteRules } from './write-rules';

type Outcome = { ok: true } | { ok: false; code: ErrorCode; path: (string | number)[] };

/** A change that did not even parse as a Change: rejected by its seq alone (rule 5). */
export interface InvalidChange {
  readonly seq: number;
  readonly invalid: { code: ErrorCode; path: (string | number)[] };
}
export type IncomingChange = Change | InvalidChange;
export interface PushInput {
  readonly protocolVersion: number;
  readonly deviceId: DeviceId | string;
  readonly changes: readonly IncomingChange[];
}

export async function handlePush(store: Store, p: Principal, req: PushInput, now: number): Promise<PushResponse> {
  if (req.protocolVersion < MIN_PROTOCOL_VERSION) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: MIN_PROTOCOL_VERSION, serverTime: now };
  }
  if (req.deviceId !== p.deviceId) throw new AppError('forbidden', undefined, ['deviceId']);
  for (let i = 1; i < req.changes.length; i++) {
    if ((req.changes[i] as IncomingChange).seq !== (req.changes[i - 1] as IncomingChange).seq + 1) {
      throw new AppError('validation', { reason: 'seq-not-consecutive' }, ['changes', i, 'seq']);
    }
  }
  return store.tx(async (tx) => {
    await tx.lockChangeLog();
    const device = await tx.getDevice(p.deviceId);
    if (!device || device.revokedAt) throw new AppError('device-revoked');
    const fresh = req.changes.filter((c) => c.seq > device.lastSeq);
    const first = fresh[0];
    if (first && first.seq !== device.lastSeq + 1) {
      return { ok: false, reason: 'seq-gap', expectedSeq: device.lastSeq + 1, serverTime: now } as const; // rule 4
    }
    if (fresh.length > 0) {
      const org = await tx.orgView();
      const receivedAt = new Date(now).toISOString();
      const buffer = pushBuffer(tx);
      await buffer.prefetch(fresh.flatMap((c) => ('invalid' in c ? [] : [{ entity: c.entity, id: c.id }])));
      for (const change of fresh) {
        // An unexpected throw rejects this change alone; a database failure fails the push (guard.ts).
        const outcome = await guardChange(p.deviceId, change.seq, () => applyOne(buffer.tx, p, org, change, now, receivedAt));
        if (outcome.ok) continue;
        // Record the row a parsed change named, so the answer can report its server state (rule 5).
        const row = 'invalid' in change ? {} : { entity: change.entity, id: change.id };
        await tx.insertRejection(p.deviceId, { seq: change.seq, code: outcome.code, path: outcome.path, ...row });
      }
      await buffer.flush();
      await tx.setDeviceLastSeq(p.deviceId, (fresh[fresh.length - 1] as IncomingChange).seq);
    }
    const lastSeq = fresh.length > 0 ? (fresh[fresh.length - 1] as IncomingChange).seq : device.lastSeq;
    // Report rejections among this request's changes only (protocol.ts), not later ones.
    const minSeq = req.changes[0]?.seq ?? 0;
    const maxSeq = req.changes[req.changes.length - 1]?.seq ?? 0;
    // Read after the whole push is applied: `current` includes this request's accepted changes.
    const rows = minSeq > 0 ? await tx.listRejections(p.deviceId, minSeq, maxSeq) : [];
    const rejected = await reportRejections(tx, p, rows, req.protocolVersion);
    return { ok: true, lastSeq, rejected, serverTime: now } as const;
  });
}

async function applyOne(
  tx: StoreTx,
  p: Principal,
  org: OrgView,
  incoming: IncomingChange,
  now: number,
  receivedAt: string,
): Promise<Outcome> {
  if ('invalid' in incoming) return { ok: false, ...incoming.invalid };
  const change = incoming;
  const checked = validateChange(change);
  if (!checked.ok) return checked;
  const unit = org.get(change.unitId);
  if (!unit || !may(p, 'write', unit)) return { ok: false, code: 'scope-denied', path: ['unitId'] }; // rule 14
  if (unit.closedAt) return { ok: false, code: 'unit-closed', path: ['unitId'] };
  if (isTooFarAhead(change.hlc, now)) return { ok: false, code: 'clock-drift', path: ['hlc'] }; // rule 15
  const existing = await tx.getRow(change.entity, change.id);
  const ruled = await checkWriteRules({ tx, org, unit, existing }, p, { ...change, fields: checked.fields }, now); // a board's own rules (rule 5)
  if (ruled) return { ok: false, ...ruled };
  if (existing && existing.unitId !== change.unitId) return { ok: false, code: 'scope-denied', path: ['unitId'] }; // rule 13
  const merged = mergeChange(existing, { ...change, fields: checked.fields });
  if (ENTITIES[change.entity].mode === 'append' && !merged.changed) return { ok: true }; // rule 10: replay
  if (merged.changed) await tx.putRow(merged.row, ENTITIES[change.entity].sortKey(merged.row.data));
  await tx.appendChange(
    {
      entity: change.entity,
      id: change.id,
      unitId: change.unitId,
      op: change.op,
      fields: checked.fields,
      hlc: change.hlc,
      leafBulk: BULK_ENTITIES.includes(change.entity) && !org.isParent(change.unitId), // rule 22
    },
    { deviceId: p.deviceId, accountId: p.accountId, receivedAt },
  ); // rule 17
  return { ok: true };
}
