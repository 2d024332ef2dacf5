/**
 * Drains the outbox (rules 3–6): batches of at most MAX_CHANGES_PER_PUSH in seq order until the
 * outbox is empty. Only what the server confirms leaves the outbox; a seq-gap answer is repaired
 * in whichever direction it points, and nothing is ever dropped to get past it.
 */
import { AppError } from '../../shared/errors';
import { MAX_BODY_BYTES, MAX_CHANGES_PER_PUSH, PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol';
import type { DeviceId } from '../../shared/schema/ids';
import type { OutboxRow } from '../storage/db';
import { confirmPushed, peekOutbox, resequenceOutbox } from '../storage/outbox';
import type { SyncContext } from './context';

/** A server that keeps answering seq-gap after we repaired our side is broken; stop and retry later. */
const MAX_GAP_REPAIRS = 3;

export async function pushOutbox(ctx: SyncContext): Promise<void> {
  const { db, transport, deviceId } = ctx;
  let repairs = 0;
  for (;;) {
    const rows = await peekOutbox(db, MAX_CHANGES_PER_PUSH);
    const first = rows[0]?.seq;
    if (first === undefined) return;
    // Rule 2 makes the outbox gapless; should it ever not be, close the hole before the server
    // sees it, since it would refuse the whole batch (rule 4).
    if (rows.some((row, i) => row.seq !== first + i)) {
      await resequenceOutbox(db, first, deviceId);
      continue;
    }
    const request = fitBody(rows, deviceId);
    const sentAt = ctx.now();
    const answer = await transport.push(request);
    ctx.observeServerTime(answer.serverTime, sentAt);
    if (answer.ok) {
      // Rules 5–6: everything ≤ lastSeq is processed; rejected ones move to `rejected`.
      const removed = await confirmPushed(db, deviceId, answer.lastSeq, answer.rejected, ctx.now());
      if (removed === 0) throw new AppError('internal', { reason: 'push-no-progress', lastSeq: answer.lastSeq });
      continue;
    }
    if (answer.reason === 'client-too-old') {
      throw new AppError('client-too-old', { minProtocolVersion: answer.minProtocolVersion ?? null });
    }
    const expected = answer.expectedSeq;
    if (expected === undefined || ++repairs > MAX_GAP_REPAIRS) {
      throw new AppError('seq-gap', { expectedSeq: expected ?? null, firstSeq: first });
    }
    if (expected > first) {
      // The server already processed up to expected−1: those rows are confirmed.
      await confirmPushed(db, deviceId, expected - 1, [], ctx.now());
    } else {
      // The server is behind (e.g. restored from a backup): the seqs it lacks were confirmed
      // earlier and are gone here, so renumber what we still hold to continue where it expects.
      await resequenceOutbox(db, expected, deviceId);
    }
  }
}

/** The longest prefix of `rows` whose request body fits the server's limit (docs/sync.md §5). */
function fitBody(rows: OutboxRow[], deviceId: string): PushRequest {
  let count = rows.length;
  for (;;) {
    const request: PushRequest = {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: deviceId as DeviceId,
      changes: rows.slice(0, count).map((row) => row.change),
    };
    if (count === 1 || byteLength(JSON.stringify(request)) <= MAX_BODY_BYTES) return request;
    count = Math.ceil(count / 2);
  }
}

const byteLength = (text: string): number => new TextEncoder().encode(text).length;
