/**
 * Hybrid logical clock (Kulkarni et al.), as used by Actual Budget's CRDT.
 *
 * Guarantees:
 * - Every timestamp a clock issues is strictly greater than every timestamp it issued or
 *   received before (rule 15 of README.md), even if the wall clock steps backwards.
 * - Timestamps sort as plain strings: `<ms, 15 digits>-<counter, 4 hex>-<node>`.
 * - Ties between two devices cannot happen: the node id (derived from the device id) is part
 *   of the string and breaks them deterministically.
 * - Drift bound: `recv` refuses a remote timestamp more than `maxDriftMs` ahead of the local
 *   wall clock, so one device with a wrong clock cannot drag every other clock into the future.
 */
import { AppError } from '../errors';

export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

/** Five minutes short of an hour: wide enough for a badly set tablet, narrow enough to stop a
 * far-future stamp from winning every later edit. */
export const MAX_DRIFT_MS = 55 * 60 * 1000;
const MAX_COUNTER = 0xffff;

/** Node ids are the device id reduced to lowercase alphanumerics (UUID dashes dropped). */
export function nodeFromDeviceId(deviceId: string): string {
  const node = deviceId.toLowerCase().replace(/[^0-9a-z]/g, '').slice(0, 32);
  if (node.length === 0) throw new AppError('validation', { field: 'deviceId' });
  return node;
}

export const initialHlc = (node: string): Hlc => ({ millis: 0, counter: 0, node });

export function formatHlc(h: Hlc): string {
  return `${String(h.millis).padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function parseHlc(s: string): Hlc {
  const m = /^(\d{15})-([0-9a-f]{4})-([0-9a-z]{1,32})$/.exec(s);
  if (!m) throw new AppError('validation', { field: 'hlc' });
  return { millis: Number(m[1]), counter: parseInt(m[2] as string, 16), node: m[3] as string };
}

/** Issue a timestamp for a local event at wall-clock time `now`. */
export function tick(clock: Hlc, now: number): { clock: Hlc; ts: string } {
  const millis = Math.max(clock.millis, now);
  const counter = millis === clock.millis ? clock.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new AppError('clock-drift', { reason: 'counter-overflow' });
  const next = { millis, counter, node: clock.node };
  return { clock: next, ts: formatHlc(next) };
}

/** Merge a timestamp received from elsewhere, so that later local events sort after it. */
export function recv(clock: Hlc, remote: string, now: number, maxDriftMs = MAX_DRIFT_MS): Hlc {
  const r = parseHlc(remote);
  if (r.millis - now > maxDriftMs) throw new AppError('clock-drift', { aheadMs: r.millis - now });
  const millis = Math.max(clock.millis, r.millis, now);
  let counter: number;
  if (millis === clock.millis && millis === r.millis) counter = Math.max(clock.counter, r.counter) + 1;
  else if (millis === clock.millis) counter = clock.counter + 1;
  else if (millis === r.millis) counter = r.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) throw new AppError('clock-drift', { reason: 'counter-overflow' });
  return { millis, counter, node: clock.node };
}

/** True if `ts` lies more than `maxDriftMs` ahead of `now` (server check, rule 15). */
export const isTooFarAhead = (ts: string, now: number, maxDriftMs = MAX_DRIFT_MS): boolean =>
  parseHlc(ts).millis - now > maxDriftMs;
