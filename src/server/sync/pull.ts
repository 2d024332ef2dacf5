/**
 * The server half of pull: rule 7, filtered by read scope in SQL. From protocol 3 a device whose
 * scope has units below it pulls in facts mode (rules 21–23): its change feed leaves out the
 * boards' rows of leaf units except the units it pinned, and it reads those units' figures from
 * the fact feed (handleFactsPull) and their rows on demand (unitSnapshot).
 */
import { FACT_PAGE_BLOCKS, FACTS_SINCE, type FactsPullResponse, BULK_ENTITIES, encodeBlock, factWindow, type UnitSnapshot } from '../../shared/facts-api';
import { localDate } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import { MIN_PROTOCOL_VERSION, PULL_PAGE_SIZE, type PullResponse, type ServerChange } from '../../shared/protocol';
import type { Principal } from '../auth/principal';
import type { Store, StoreTx } from '../store/store';

/** Whether the caller's scope has units below it: such a device pulls facts (rule 21). */
export async function isLevelScope(tx: Pick<StoreTx, 'listUnits'>, p: Principal): Promise<boolean> {
  return (await tx.listUnits()).some((u) => u.parentId === p.scopeUnitId && u.id !== p.scopeUnitId);
}

/** The pinned units, each checked to lie in the caller's scope (403 with its index otherwise). */
async function checkPinned(store: Store, p: Principal, pinned: readonly string[]): Promise<string[]> {
  const units = new Map((await store.listUnits()).map((u) => [u.id, u]));
  pinned.forEach((id, i) => {
    const u = units.get(id);
    if (!u) throw new AppError('not-found', { unitId: id }, ['pinned', i]);
    if (!u.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: id }, ['pinned', i]);
  });
  return [...new Set(pinned)];
}

export async function handlePull(
  store: Store,
  p: Principal,
  cursor: number,
  protocolVersion: number,
  now: number,
  limit = PULL_PAGE_SIZE,
  pinned: readonly string[] = [],
): Promise<PullResponse> {
  if (protocolVersion < MIN_PROTOCOL_VERSION) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: MIN_PROTOCOL_VERSION, serverTime: now };
  }
  // Older clients replicate every row of their scope, as they always did (rule 16).
  const facts = protocolVersion >= FACTS_SINCE && (await isLevelScope(store, p));
  const units = facts ? await checkPinned(store, p, pinned) : [];
  const page = facts ? await store.pullLevelChanges(p.scopePath, units, cursor, limit + 1) : await store.pullChanges(p.scopePath, cursor, limit + 1);
  const hasMore = page.length > limit;
  const changes = (hasMore ? page.slice(0, limit) : page) as ServerChange[];
  const next = changes.length > 0 ? (changes[changes.length - 1] as ServerChange).serverSeq : cursor;
  const head = facts ? await store.headLevelSeq(p.scopePath, units) : await store.headSeq(p.scopePath);
  const base = { ok: true as const, changes, cursor: next, hasMore, headSeq: Math.max(head, next), serverTime: now };
  return protocolVersion >= FACTS_SINCE ? { ...base, facts } : base;
}

/** One page of the fact feed (rule 22): whole blocks with seq > cursor inside the window. */
export async function handleFactsPull(store: Store, p: Principal, cursor: number, protocolVersion: number, now: number, limit = FACT_PAGE_BLOCKS): Promise<FactsPullResponse> {
  if (protocolVersion < FACTS_SINCE) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: FACTS_SINCE, serverTime: now };
  }
  const window = factWindow(localDate(now));
  const refs = await store.facts.blocksAfter(p.scopePath, cursor, limit + 1, window.fromYear, window.fromDayMonth);
  const hasMore = refs.length > limit;
  const page = hasMore ? refs.slice(0, limit) : refs;
  const contents = await store.facts.blockContents(page);
  const blocks = page.map((b) => {
    const c = contents.get(`${b.unitId}\u0000${b.block}`) ?? { rows: [], hr: [], falls: [] };
    return encodeBlock(b.unitId, b.block, b.seq, c.rows, c.hr, c.falls);
  });
  const next = page.at(-1)?.seq ?? cursor;
  const headSeq = Math.max(await store.facts.headBlockSeq(p.scopePath), next);
  return { ok: true, blocks, cursor: next, hasMore, headSeq, window, serverTime: now };
}

/** A unit's rows of the boards (rule 23): what a device in facts mode loads when it pins the unit. */
export async function unitSnapshot(store: Store, p: Principal, unitId: string): Promise<UnitSnapshot> {
  const unit = await store.getUnit(unitId);
  if (!unit) throw new AppError('not-found', { unitId }, ['unitId']);
  if (!unit.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId }, ['unitId']);
  // Read the head first: every change up to it is in the rows read after it.
  const headSeq = await store.headSeq(unit.path);
  const rows = await store.unitSnapshot(unitId, BULK_ENTITIES);
  return { unitId: unit.id as UnitSnapshot['unitId'], headSeq, rows: rows.map((r) => ({ entity: r.entity, id: r.id, data: { ...r.data }, hlcs: { ...r.hlcs }, deleted: r.deleted })) };
}
