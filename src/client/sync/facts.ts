/**
 * Facts mode in the sync round (rules 22–24): after the change log, a device whose scope has units
 * below it pulls the fact feed from its fact cursor until the server has no more; each page is
 * applied with its cursor in one transaction (storage/facts-repo.ts). Entering facts mode drops
 * the board rows the change feed no longer updates; leaving it (the scope became a single unit)
 * forgets the facts and pulls the change log from the start, board rows included.
 */
import { AppError } from '../../shared/errors';
import { applyFactPage, completeFactsBulk, enterFactsMode } from '../storage/facts-repo';
import { deleteMeta, getMetas } from '../storage/meta';
import type { PulsDb } from '../storage/db';
import type { SyncContext } from './context';

/** Units with no units below them, from the device's copy of the org tree. */
async function leafIds(db: PulsDb): Promise<string[]> {
  const units = await db.units.toArray();
  const parents = new Set(units.map((u) => u.parentId));
  return units.filter((u) => !parents.has(u.id)).map((u) => u.id);
}

export async function syncFacts(ctx: SyncContext, facts: boolean): Promise<void> {
  const { db, transport, deviceId } = ctx;
  const meta = await getMetas(db, ['factsMode', 'factCursor']);
  if (!facts) {
    if (meta.factsMode === true) {
      await db.transaction('rw', [db.facts, db.meta], async () => {
        await db.facts.clear();
        await deleteMeta(db, 'factsMode', 'factsBulk', 'factCursor', 'factWindow', 'pinned', 'cursor', 'firstSyncDone');
      });
    }
    return;
  }
  const pull = transport.facts?.bind(transport);
  if (pull === undefined) return;
  const leaves = await leafIds(db);
  await enterFactsMode(db, leaves);
  const ask = (from: number) => {
    const sentAt = ctx.now();
    const asked = pull(from).then((answer) => {
      // Observed as it arrives, not when the page before it is applied: the clock's offset
      // assumes the answer was written halfway between the asking and now.
      ctx.observeServerTime(answer.serverTime, sentAt);
      return answer;
    });
    // Asked ahead and then not needed (a page before it failed): its failure is nobody's.
    asked.catch(() => undefined);
    return asked;
  };
  let cursor = meta.factCursor ?? 0;
  let next = ask(cursor);
  for (;;) {
    const answer = await next;
    if (!answer.ok) throw new AppError('client-too-old', { minProtocolVersion: answer.minProtocolVersion });
    if (answer.hasMore && answer.cursor <= cursor) throw new AppError('internal', { reason: 'facts-no-progress', cursor });
    // The next page is asked for while this one is applied: a region manager's first sync is
    // ~120 pages, and the server's time and the device's no longer add up (issue 17).
    if (answer.hasMore) next = ask(answer.cursor);
    const applied = await applyFactPage(db, deviceId, { from: cursor, blocks: answer.blocks, cursor: answer.cursor, window: answer.window });
    // The cursor moved under us (a scope change): the next round starts from the new one.
    if (applied === 'cursor-moved') return;
    if (!answer.hasMore) return completeFactsBulk(db, leaves);
    cursor = answer.cursor;
  }
}
