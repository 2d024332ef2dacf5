/**
 * The report of a level for a period as a resource: server first, the device's replica offline.
 * The last few answers are kept for a minute, so going list → trend → back does not ask again.
 */
import type { Resource } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { IndicatorReport } from '../../../shared/indicators-api';
import { pageNow } from '../../kit/clock';
import { useApp } from '../../kit/context';
import { askServerAgain, createAnswer } from '../../primitives/ask-again';
import { loadReport, type Loaded } from './load';

const KEEP_MS = 60_000;
const recent = new Map<string, { at: number; value: Loaded<IndicatorReport> }>();

export function useReport(args: () => { units: readonly TreeUnit[]; rootId: string; period: string }): Resource<Loaded<IndicatorReport>> {
  const { api, db, sync } = useApp();
  // Keyed on root and period only: a live org-tree update must not refetch on every sync.
  const [res, { refetch }] = createAnswer(
    () => ({ rootId: args().rootId, period: args().period }),
    async ({ rootId, period }) => {
      const key = `${rootId}|${period}`;
      const now = Date.now();
      const hit = recent.get(key);
      if (hit !== undefined && now - hit.at < KEEP_MS) return hit.value;
      const value = await loadReport(api, db, args().units, rootId, period, pageNow());
      // Only the server's answers are kept: the device's is asked for again once the server is back.
      if (value.source === 'server') recent.set(key, { at: now, value });
      if (recent.size > 8) recent.delete(recent.keys().next().value as string);
      return value;
    },
  );
  askServerAgain(sync, res, refetch);
  return res;
}

/** Forgets kept answers (after a catalogue change, so targets show at once). */
export function forgetReports(): void {
  recent.clear();
}
