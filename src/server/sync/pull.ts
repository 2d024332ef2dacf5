/** The server half of pull: rule 7, filtered by read scope in SQL. */
import { MIN_PROTOCOL_VERSION, PULL_PAGE_SIZE, type PullResponse, type ServerChange } from '../../shared/protocol';
import { readScopePath } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';

export async function handlePull(store: Store, p: Principal, cursor: number, protocolVersion: number, now: number, limit = PULL_PAGE_SIZE): Promise<PullResponse> {
  if (protocolVersion < MIN_PROTOCOL_VERSION) {
    return { ok: false, reason: 'client-too-old', minProtocolVersion: MIN_PROTOCOL_VERSION, serverTime: now };
  }
  const page = await store.pullChanges(readScopePath(p), cursor, limit + 1);
  const hasMore = page.length > limit;
  const changes = (hasMore ? page.slice(0, limit) : page) as ServerChange[];
  const next = changes.length > 0 ? (changes[changes.length - 1] as ServerChange).serverSeq : cursor;
  const headSeq = Math.max(await store.headSeq(readScopePath(p)), next);
  return { ok: true, changes, cursor: next, hasMore, headSeq, serverTime: now };
}
