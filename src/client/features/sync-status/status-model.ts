/**
 * What the sync bar should say, derived from the snapshot. Pure, so thresholds are tested
 * without a DOM; the thresholds come from docs/sync.md §2.1 and §2.6.
 */
import type { SyncSnapshot } from '../../storage/sync-state';

/** Unsynced changes older than this are escalated: the tablet may be losing its storage. */
export const STALE_PENDING_MS = 24 * 60 * 60 * 1000;
/** Beyond this the device clock is reported, since HLC order then drifts from wall time. */
export const CLOCK_WARNING_MS = 2 * 60 * 1000;

export interface SyncView {
  pending: number;
  oldestAgeMs: number | null;
  stale: boolean;
  clockOffMinutes: number | null;
}

export function syncView(s: SyncSnapshot, now: number): SyncView {
  const oldestAgeMs = s.pending > 0 && s.oldestPendingAt !== null ? Math.max(0, now - s.oldestPendingAt) : null;
  const off = s.clockOffsetMs;
  return {
    pending: s.pending,
    oldestAgeMs,
    stale: oldestAgeMs !== null && oldestAgeMs > STALE_PENDING_MS,
    clockOffMinutes: off !== null && Math.abs(off) > CLOCK_WARNING_MS ? Math.round(Math.abs(off) / 60_000) : null,
  };
}
