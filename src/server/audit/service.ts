/**
 * The audit log (issue 12): who changed what, where and when, from the change log (every accepted
 * change with its device and account), and the security log (sign-ins with their method,
 * enrolments, ended devices, accounts created, disabled, linked). Read-only: nothing here or
 * anywhere in the API edits or deletes either log. Dates are days in Stockholm.
 */
import type { AuditChangesQuery, AuditChangesResponse, AuditEventsResponse } from '../../shared/audit-api';
import { localDate } from '../../shared/domain/periods';
import { addDays } from '../../shared/domain/periods';
import type { Principal } from '../auth/principal';
import type { Store, UnitRow } from '../store/store';

export const AUDIT_PAGE = 100;

/** The instant a Stockholm day begins (midnight is 23:00 or 22:00 UTC the day before). */
export function dayStart(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [1, 2, 0]) {
    const t = utcMidnight - hours * 3_600_000;
    if (localDate(t) === date && localDate(t - 1) !== date) return new Date(t).toISOString();
  }
  return new Date(utcMidnight).toISOString();
}
const range = (q: { from?: string | undefined; to?: string | undefined }) => ({
  ...(q.from !== undefined ? { from: dayStart(q.from) } : {}),
  ...(q.to !== undefined ? { to: dayStart(addDays(q.to, 1)) } : {}),
});

/** `root` has been authorised for read-audit by the route: the answer stays inside its subtree. */
export async function auditChanges(store: Store, root: UnitRow, q: Omit<AuditChangesQuery, 'rootId'>): Promise<AuditChangesResponse> {
  const limit = q.limit ?? AUDIT_PAGE;
  const rows = await store.auditChanges({
    scopePath: root.path,
    ...range(q),
    ...(q.entity !== undefined ? { entity: q.entity } : {}),
    ...(q.who !== undefined ? { who: q.who } : {}),
    ...(q.before !== undefined ? { before: q.before } : {}),
    limit,
  });
  const changes = rows.map((r) => ({
    serverSeq: r.serverSeq,
    entity: r.entity,
    rowId: r.rowId,
    op: r.op,
    fields: r.fields,
    unitId: r.unitId,
    unitName: r.unitName,
    hlc: r.hlc,
    receivedAt: r.receivedAt,
    deviceId: r.deviceId,
    who: r.accountName ?? r.deviceLabel ?? r.deviceId,
    kind: r.deviceKind === 'tablet' ? ('tablet' as const) : r.deviceKind === 'account' ? ('account' as const) : ('unknown' as const),
    accountId: r.accountId,
  }));
  return { changes, next: rows.length === limit ? (rows[rows.length - 1]?.serverSeq ?? null) : null };
}

/**
 * The security events about units in `root`'s subtree (authorised for read-audit by the route: a
 * manager's own subtree). Events about no unit (a failed sign-in of a name nobody has, a refused
 * external sign-in) are an admin's, shown with the whole organisation.
 */
export async function auditEvents(
  store: Store,
  root: UnitRow,
  p: Pick<Principal, 'role'>,
  q: { from?: string | undefined; to?: string | undefined; before?: number | undefined; limit?: number | undefined },
): Promise<AuditEventsResponse> {
  const limit = q.limit ?? AUDIT_PAGE;
  const withoutUnit = p.role === 'admin' && root.parentId === null;
  const events = await store.auditEvents({ scopePath: root.path, withoutUnit, ...range(q), ...(q.before !== undefined ? { before: q.before } : {}), limit });
  return { events, next: events.length === limit ? (events[events.length - 1]?.seq ?? null) : null };
}
