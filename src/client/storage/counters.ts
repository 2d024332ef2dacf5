/**
 * What a local write numbers and stamps itself with (rules 2 and 15): the next outbox seq and the
 * device's hybrid logical clock, with the device id that names the clock's node.
 *
 * Where they live: a save writes its seq and HLC into its outbox row and nowhere else (issue 19:
 * no meta write per save). `meta.nextSeq` and `meta.hlc` are floors that the sync side raises
 * (confirmPushed when rows leave the outbox, applyPulledPage's recv, a renumbering). The counters
 * are therefore the larger of the floor and what the last outbox row holds: outbox seqs are issued
 * in order with strictly rising HLCs, so the row with the highest seq carries the highest HLC.
 */
import { AppError } from '../../shared/errors';
import { type Hlc, initialHlc, nodeFromDeviceId, parseHlc, tick } from '../../shared/sync/hlc';
import type { PulsDb } from './db';
import { getMetas } from './meta';

export interface Counters {
  readonly deviceId: string;
  /** The seq the next write takes. */
  nextSeq: number;
  /** The last HLC this device issued or received; its node is the device's. */
  clock: Hlc;
  /** serverTime − local time when loaded; only chooses where a stamp starts (docs/sync.md §1.2). */
  readonly serverOffsetMs: number;
}

/** Reads the counters in one round. Call inside a transaction over meta and outbox. Throws
 * AppError('unauthenticated') without a session: a write needs the device id (rule 1). */
export async function loadCounters(db: PulsDb): Promise<Counters> {
  const [meta, last] = await Promise.all([
    getMetas(db, ['credential', 'hlc', 'nextSeq', 'serverOffsetMs']),
    db.outbox.orderBy('seq').last(),
  ]);
  if (!meta.credential) throw new AppError('unauthenticated');
  const node = nodeFromDeviceId(meta.credential.deviceId);
  // A clock kept across a re-enrolment continues with the new device's node (docs/sync.md §2.11).
  let clock: Hlc = meta.hlc ? { ...meta.hlc, node } : initialHlc(node);
  if (last) {
    const written = parseHlc(last.change.hlc);
    if (laterThan(written, clock)) clock = { millis: written.millis, counter: written.counter, node };
  }
  return {
    deviceId: meta.credential.deviceId,
    nextSeq: Math.max(meta.nextSeq ?? 1, (last?.seq ?? 0) + 1),
    clock,
    serverOffsetMs: meta.serverOffsetMs ?? 0,
  };
}

/**
 * Takes the next seq and HLC from `counters` (advancing them in place) for a write at local time
 * `now`, stamped with server-corrected time (whole ms, as the HLC format has).
 */
export function issue(counters: Counters, now: number): { seq: number; hlc: string } {
  const { clock, ts } = tick(counters.clock, Math.round(now + counters.serverOffsetMs));
  const seq = counters.nextSeq;
  counters.clock = clock;
  counters.nextSeq = seq + 1;
  return { seq, hlc: ts };
}

/** Whether `a` is after `b` on the clock (node aside: both are this device's). */
export const laterThan = (a: Hlc, b: Hlc): boolean => a.millis > b.millis || (a.millis === b.millis && a.counter > b.counter);
