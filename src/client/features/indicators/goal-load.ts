/**
 * The tertial report of a level: from the server when it answers, otherwise written on this
 * device from its replica with the same shared function (domain/goals/report.ts), marked as such.
 * Only a network failure falls back. While online, the goal items of the levels above are cached.
 */
import { FOLLOW_STATUS_LABEL, type GoalDocument, tertialReport, type TertialReport } from '../../../shared/domain/goals/report';
import { reportPeriodRange } from '../../../shared/domain/goals/periods';
import { FOLLOW_FIELD, type ReportPeriodKind } from '../../../shared/schema/goal';
import { localDate } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { GoalConfigResponse, TertialReportSchema } from '../../../shared/goals-api';
import { type Loaded, serverElseDevice } from '../../api/fallback';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { cacheGoalConfig, goalDocument } from '../../storage/goal-repo';
import { indicatorContext } from '../../storage/indicator-repo';

export type LoadedReport = Loaded<TertialReport>;

async function refreshGoalConfig(api: Api, db: PulsDb, unitId: string): Promise<void> {
  try {
    await cacheGoalConfig(db, unitId, await api.get(`/api/goals/config?unitId=${encodeURIComponent(unitId)}`, GoalConfigResponse));
  } catch {
    // Offline or refused: the cached items (if any) still apply.
  }
}

/**
 * The level's own analyses and action follow-ups as this device holds them: its unsynced writes
 * show at once, before the server has them (after a sync both agree).
 */
export function overlayLocal(r: TertialReport, doc: GoalDocument, period: string): TertialReport {
  const kind = followKindOf(period);
  const analysis = new Map<string, GoalDocument["analyses"][number]>(doc.analyses.filter((a) => a.unitId === r.rootId && a.period === period).map((a) => [a.itemId, a]));
  const actions = new Map<string, GoalDocument["actions"][number]>(doc.actions.map((a) => [a.id, a]));
  return {
    ...r,
    perspectives: r.perspectives.map((p) => ({
      ...p,
      goals: p.goals.map((g) => ({
        ...g,
        rows: g.rows.map((row) => {
          const a = analysis.get(row.itemId);
          return a === undefined ? row : { ...row, analysis: { text: a.text, author: a.author, writtenAt: a.writtenAt } };
        }),
      })),
    })),
    actions: r.actions.map((x) => {
      const local = actions.get(x.id);
      const f = local?.[FOLLOW_FIELD[kind]];
      return f ? { ...x, status: FOLLOW_STATUS_LABEL[f.status], comment: f.comment } : x;
    }),
  };
}

/** The report period kind whose follow-up a period shows (a month: the tertial report it falls in). */
export function followKindOf(period: string): ReportPeriodKind {
  const r = reportPeriodRange(period);
  if (r.kind !== 'month') return r.kind;
  return r.lastMonth <= 4 ? 'DA04' : r.lastMonth <= 8 ? 'DA08' : 'AR';
}

const GOAL_ENTITIES: ReadonlySet<string> = new Set(['goalItem', 'goalAnalysis', 'strategicAction', 'reportedValue']);

/** Whether this device holds goal-document writes the server has not got yet. */
async function pendingGoalWrites(db: PulsDb): Promise<boolean> {
  return (await db.outbox.filter((r) => GOAL_ENTITIES.has(r.change.entity)).count()) > 0;
}

async function onDevice(db: PulsDb, units: readonly TreeUnit[], rootId: string, period: string, now: number): Promise<TertialReport> {
  const ctx = await indicatorContext(db, [...units], rootId, localDate(now));
  return tertialReport(ctx, await goalDocument(db, units, rootId, period), period, now);
}

export async function loadTertialReport(api: Api, db: PulsDb, units: readonly TreeUnit[], rootId: string, period: string, now: number): Promise<LoadedReport> {
  // Unsynced goal items or values change the figures: the device's own answer shows them at once.
  if (await pendingGoalWrites(db)) return { res: await onDevice(db, units, rootId, period, now), source: 'device' };
  return serverElseDevice(
    async () => {
      const res = await api.get(`/api/goals/report?rootId=${encodeURIComponent(rootId)}&period=${period}`, TertialReportSchema);
      void refreshGoalConfig(api, db, rootId);
      return overlayLocal(res, await goalDocument(db, units, rootId, period), period);
    },
    () => onDevice(db, units, rootId, period, now),
  );
}
