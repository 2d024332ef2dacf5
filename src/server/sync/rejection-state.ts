/**
 * What a push answer says about each rejection (sync/README.md rule 5): its code and path and,
 * for clients that understand it, the server's state of the refused change's row, so the device
 * can drop the refused value from its replica. Never anything outside the caller's read scope.
 */
import { type Rejection, REJECTION_CURRENT_SINCE } from '../../shared/protocol';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RejectionRow, StoreTx } from '../store/store';

export async function reportRejections(
  tx: StoreTx,
  p: Principal,
  rows: readonly RejectionRow[],
  protocolVersion: number,
): Promise<Rejection[]> {
  const out: Rejection[] = [];
  for (const r of rows) {
    // Only the wire fields: a version 1 client parses Rejection strictly.
    const base: Rejection = { seq: r.seq, code: r.code, path: r.path };
    if (protocolVersion < REJECTION_CURRENT_SINCE || r.entity === undefined || r.id === undefined) {
      out.push(base);
      continue;
    }
    const row = await tx.getRow(r.entity, r.id);
    if (!row) {
      out.push({ ...base, current: null });
      continue;
    }
    // The row as stored decides (rule 14), not the unit the refused change claimed.
    const unit = await tx.getUnit(row.unitId);
    if (!unit || !may(p, 'read', unit)) {
      out.push(base);
      continue;
    }
    out.push({ ...base, current: { data: { ...row.data }, hlcs: { ...row.hlcs }, deleted: row.deleted } });
  }
  return out;
}
