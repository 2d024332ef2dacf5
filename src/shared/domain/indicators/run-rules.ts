/**
 * Run-chart rules (issue 6 §3; the standard rules for run charts, e.g. Perla, Provost & Murray):
 *  - shift: 6 or more consecutive points on the same side of the median. Points ON the median
 *    neither break a run nor count towards it.
 *  - trend: 5 or more consecutive points all going up (or all down). When consecutive values are
 *    equal, only one of them counts: they neither break the trend nor add to it.
 * Missing values (null, a period without data) are skipped: they do not break a run.
 * Signals report maximal runs as indices into the series (first and last counted point).
 */
import type { RunSignal } from '../../indicators-api';

export const SHIFT_MIN = 6;
export const TREND_MIN = 5;

/** Median of the non-null values; null when fewer than 2. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length < 2) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

function shifts(values: readonly (number | null)[], med: number): RunSignal[] {
  const out: RunSignal[] = [];
  let side: 'above' | 'below' | null = null;
  let from = -1;
  let to = -1;
  let count = 0;
  const close = () => {
    if (side !== null && count >= SHIFT_MIN) out.push({ kind: 'shift', from, to, side });
  };
  values.forEach((v, i) => {
    if (v === null || v === med) return;
    const s = v > med ? 'above' : 'below';
    if (s === side) {
      count += 1;
      to = i;
      return;
    }
    close();
    side = s;
    from = i;
    to = i;
    count = 1;
  });
  close();
  return out;
}

function trends(values: readonly (number | null)[]): RunSignal[] {
  const out: RunSignal[] = [];
  let dir: 'up' | 'down' | null = null;
  let from = -1;
  let to = -1;
  let points = 0;
  let prev: { i: number; v: number } | null = null;
  const close = () => {
    if (dir !== null && points >= TREND_MIN) out.push({ kind: 'trend', from, to, side: dir });
  };
  values.forEach((v, i) => {
    if (v === null) return;
    if (prev === null) {
      prev = { i, v };
      return;
    }
    if (v === prev.v) {
      // An equal value: one of the pair is ignored; the run may go on from here.
      if (dir !== null) to = i;
      prev = { i, v };
      return;
    }
    const d = v > prev.v ? 'up' : 'down';
    if (d === dir) {
      points += 1;
      to = i;
    } else {
      close();
      dir = d;
      from = prev.i;
      to = i;
      points = 2;
    }
    prev = { i, v };
  });
  close();
  return out;
}

/** Shift and trend signals of a series against its median (no shifts without a median). */
export function runSignals(values: readonly (number | null)[], med: number | null): RunSignal[] {
  return [...(med === null ? [] : shifts(values, med)), ...trends(values)].sort((a, b) => a.from - b.from || (a.kind < b.kind ? -1 : 1));
}
