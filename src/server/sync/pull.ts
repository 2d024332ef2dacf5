/**
 * The server half of pull: rule 7, filtered by read scope in SQL. From protocol 3 a device whose
 * scope has units below it pulls in facts mode (rules 22–24): its change feed leaves out the
 * boards' rows of leaf units except the units it pinned, and it reads those units' figures from
 * the fact feed (handleFactsPull) and their rows on demand (unitSnapshot).
 */
import { BULK_ENTITIES, encodeBlock, FACT_PAGE_BLOCKS, FACTS_SINCE, REPORTED_FACTS_SINCE, type FactsPullOut, factWindow, type UnitSnapshot } from '../../shared/facts-api';
import { localDate } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import { MIN_PROTOCOL_VERSION, PULL_PAGE_SIZE, type PullResponse, type ServerChange } from '../../shared/protocol';
import { inScope, readScopePath } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

/** Whether the caller's scope has units below it: such a device pulls facts (rule 22). */
export const isLevelScope = (org: OrgView, p: Principal): boolean => org.units.some((u) => u.parentId === p.scopeUnitId && u.id !== p.scopeUnitId);

/** The pinned units, each known and in the caller's scope (else refused with its index). */
function checkPinned(org: OrgView, p: Principal, pinned: readonly string[]): string[] {
  pinned.forEach((id, i) => {
    const u = org.get(id);
    if (!u) throw new AppError('not-found', { unitId: id }, ['pinned', i]);
    if (!inScope(p, u)) throw new AppError('scope-denied', { unitId: id }, ['pinned', i]);
  });
  return [...new Set(pinned)];
}

export async function handlePull(
  store: Store,
  p: Principal,
  org: OrgView,
  q: { cursor: number; protocolVersion: number; pinned?: readonly string[] },
  now: number,
  limit = PULL_PAGE_SIZE,
): Promise<PullResponse> {
  if (q.protocolVersion < MIN_PROTOCOL_VERSION) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: MIN_PROTOCOL_VERSION, serverTime: now };
  }
  const scope = readScopePath(p);
  // Older clients replicate every row of their scope, as they always did (rule 16). A protocol 3
  // client in facts mode would not read its leaf units' reported values from the year blocks.
  const facts = q.protocolVersion >= FACTS_SINCE && isLevelScope(org, p);
  if (facts && q.protocolVersion < REPORTED_FACTS_SINCE) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: REPORTED_FACTS_SINCE, serverTime: now };
  }
  const pinned = facts ? checkPinned(org, p, q.pinned ?? []) : [];
  const page = facts ? await store.pullLevelChanges(scope, pinned, q.cursor, limit + 1) : await store.pullChanges(scope, q.cursor, limit + 1);
  const hasMore = page.length > limit;
  const changes = (hasMore ? page.slice(0, limit) : page) as ServerChange[];
  const next = changes.length > 0 ? (changes[changes.length - 1] as ServerChange).serverSeq : q.cursor;
  const head = facts ? await store.headLevelSeq(scope, pinned) : await store.headSeq(scope);
  const base = { ok: true as const, changes, cursor: next, hasMore, headSeq: Math.max(head, next), serverTime: now };
  return q.protocolVersion >= FACTS_SINCE ? { ...base, facts } : base;
}

/** One page of the fact feed (rule 23): whole blocks with seq > cursor inside the window. */
export async function handleFactsPull(store: Store, p: Principal, cursor: number, protocolVersion: number, now: number, limit = FACT_PAGE_BLOCKS): Promise<FactsPullOut> {
  if (protocolVersion < REPORTED_FACTS_SINCE) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: REPORTED_FACTS_SINCE, serverTime: now };
  }
  const scope = readScopePath(p);
  const window = factWindow(localDate(now));
  const refs = await store.facts.blocksAfter(scope, cursor, limit + 1, window.fromYear, window.fromDayMonth);
  const hasMore = refs.length > limit;
  const page = hasMore ? refs.slice(0, limit) : refs;
  // The rows come written as JSON by the database (BlockContent.encoded): copied, not rebuilt.
  const contents = await store.facts.blockContents(page, true);
  const blocks = page.map((b) => {
    const c = contents.get(`${b.unitId}\u0000${b.block}`) ?? { rows: [], hr: [], falls: [], fallBefore: null, reported: [] };
    return encodeBlock(b.unitId, b.block, b.seq, c.encoded ?? c.rows, c.hr, c.falls, c.fallBefore, c.reported);
  });
  const next = page.at(-1)?.seq ?? cursor;
  const headSeq = Math.max(await store.facts.headBlockSeq(scope), next);
  return { ok: true, blocks, cursor: next, hasMore, headSeq, window, serverTime: now };
}

/** A unit's rows of the boards (rule 24): what a device in facts mode loads when it pins the unit. */
export async function unitSnapshot(store: Store, unit: UnitRow): Promise<UnitSnapshot> {
  // The head first: every change up to it is in the rows read after it.
  const headSeq = await store.headSeq(unit.path);
  const rows = await store.unitSnapshot(unit.id, BULK_ENTITIES);
  return { unitId: unit.id as UnitSnapshot['unitId'], headSeq, rows: rows.map((r) => ({ entity: r.entity, id: r.id, data: { ...r.data }, hlcs: { ...r.hlcs }, deleted: r.deleted })) };
}
