/**
 * Pulls the change log from the cursor until the server has no more (rules 7–9). Each page is
 * applied with its cursor in one transaction (storage/pull-apply.ts); a page that fails leaves
 * the cursor where it was, so the next round fetches it again.
 */
import { AppError } from '../../shared/errors';
import { PULL_PAGE_SIZE } from '../../shared/protocol';
import { applyPulledPage } from '../storage/pull-apply';
import { getMetas, setMeta, type SyncProgress } from '../storage/meta';
import type { SyncContext } from './context';

/** Pulls the change log; returns whether the server runs this device in facts mode (rule 22). */
export async function pullChanges(ctx: SyncContext): Promise<boolean> {
  // The cursor moved under the pull (a scope change reset it): start over from the new one, once.
  let facts = await pullPages(ctx);
  if (facts === 'cursor-moved') facts = await pullPages(ctx);
  if (facts === 'cursor-moved') throw new AppError('internal', { reason: 'cursor-moved' });
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    await setMeta(ctx.db, 'firstSyncDone', true);
    await setMeta(ctx.db, 'progress', null);
  });
  return facts;
}

async function pullPages(ctx: SyncContext): Promise<boolean | 'cursor-moved'> {
  const { db, transport, deviceId } = ctx;
  const meta = await getMetas(db, ['cursor', 'firstSyncDone', 'pinned']);
  const pinned = (meta.pinned ?? []).map((p) => p.unitId);
  const start = meta.cursor ?? 0;
  let cursor = start;
  for (;;) {
    const sentAt = ctx.now();
    const answer = await transport.pull(cursor, pinned);
    ctx.observeServerTime(answer.serverTime, sentAt);
    if (!answer.ok) throw new AppError('client-too-old', { minProtocolVersion: answer.minProtocolVersion });
    const progress = progressOf(start, answer.cursor, answer.headSeq, meta.firstSyncDone === true);
    const applied = await applyPulledPage(db, deviceId, { from: cursor, changes: answer.changes, cursor: answer.cursor }, ctx.serverNow(), progress);
    if (applied.kind === 'cursor-moved') return 'cursor-moved';
    if (!answer.hasMore) return answer.facts === true;
    // A server that says "more" without moving the cursor would keep us here forever.
    if (answer.cursor <= cursor) throw new AppError('internal', { reason: 'pull-no-progress', cursor });
    cursor = answer.cursor;
  }
}

/** Progress is shown for the first sync and for any pull longer than one page. */
function progressOf(start: number, cursor: number, headSeq: number, firstSyncDone: boolean): SyncProgress | undefined {
  const total = Math.max(0, headSeq - start);
  if (firstSyncDone && total <= PULL_PAGE_SIZE) return undefined;
  return { done: Math.min(total, Math.max(0, cursor - start)), total };
}
