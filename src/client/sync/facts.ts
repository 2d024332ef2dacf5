/**
 * Facts mode in the sync round (rules 22–24): after the change log, a device whose scope has units
 * below it pulls the fact feed from its fact cursor until the server has no more; each page is
 * applied with its cursor in one transaction (storage/facts-repo.ts). Entering facts mode drops
 * the board rows the change feed no longer updates; leaving it (the scope became a single unit)
 * forgets the facts and pulls the change log from the start, board rows included.
 */
import { AppError } from '../../shared/errors';
import { applyFactPage, enterFactsMode } from '../storage/facts-repo';
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
        await deleteMeta(db, 'factsMode', 'factCursor', 'factWindow', 'pinned', 'cursor', 'firstSyncDone');
      });
    }
    return;
  }
  if (transport.facts === undefined) return;
  await enterFactsMode(db, await leafIds(db));
  let cursor = meta.factCursor ?? 0;
  for (;;) {
    const sentAt = ctx.now();
    const answer = await transport.facts(cursor);
    ctx.observeServerTime(answer.serverTime, sentAt);
    if (!answer.ok) throw new AppError('client-too-old', { minProtocolVersion: answer.minProtocolVersion });
    const applied = await applyFactPage(db, deviceId, { from: cursor, blocks: answer.blocks, cursor: answer.cursor, window: answer.window });
    // The cursor moved under us (a scope change): the next round starts from the new one.
    if (applied === 'cursor-moved' || !answer.hasMore) return;
    if (answer.cursor <= cursor) throw new AppError('internal', { reason: 'facts-no-progress', cursor });
    cursor = answer.cursor;
  }
}
