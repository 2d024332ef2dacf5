/**
 * The goal document in the local replica (issue 13): goal items, analyses and strategic actions
 * are synced rows, written offline through writeChange (outbox in the same transaction). Goal
 * items on the levels above the replica come from the cached /api/goals/config answer, so a
 * manager's device writes the tertial report offline from what it holds (goalDocument).
 */
import { uuidv7 } from 'uuidv7';
import type { GoalDocument } from '../../shared/domain/goals/report';
import { ancestorsOf, subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { Action } from '../../shared/schema/action';
import { AppError } from '../../shared/errors';
import { GoalConfigResponse } from '../../shared/goals-api';
import { FOLLOW_FIELD, type FollowUp, GoalAnalysis, goalAnalysisIdFor, GoalItem, type ReportPeriodKind, StrategicAction } from '../../shared/schema/goal';
import { RecordId } from '../../shared/schema/ids';
import { publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import type { z } from 'zod/mini';
import type { PulsDb } from './db';
import { writeChange } from './records';

const cacheKey = (unitId: string) => `goals.config:${unitId}`;

async function live<T>(db: PulsDb, entity: 'goalItem' | 'goalAnalysis' | 'strategicAction', unitId: string, schema: z.ZodMiniType<T>): Promise<T[]> {
  const rows = await db.rows.where('[entity+unitId]').equals([entity, unitId]).toArray();
  const out: T[] = [];
  for (const r of rows) {
    if (r.deleted) continue;
    const p = schema.safeParse(publicData(r));
    if (p.success) out.push(p.data);
  }
  return out;
}

function check<T>(schema: z.ZodMiniType<T>, value: unknown, entity: string): T {
  const p = schema.safeParse(value);
  if (!p.success) {
    const { code, path } = issueToError(p.error);
    throw new AppError(code, { entity }, path);
  }
  return p.data;
}

export async function cacheGoalConfig(db: PulsDb, unitId: string, res: GoalConfigResponse): Promise<void> {
  await db.meta.put({ key: cacheKey(unitId), value: res });
}

/** The goal items in force at `unitId`: its own and its ancestors' (replica first, then the cached answer). */
export async function goalItemsFor(db: PulsDb, units: readonly TreeUnit[], unitId: string): Promise<GoalItem[]> {
  const out = new Map<string, GoalItem>();
  const cached = GoalConfigResponse.safeParse((await db.meta.get(cacheKey(unitId)))?.value);
  if (cached.success) for (const i of cached.data.items) out.set(i.id, i);
  for (const id of [...ancestorsOf(units, unitId), unitId]) for (const i of await live(db, 'goalItem', id, GoalItem)) out.set(i.id, i);
  return [...out.values()];
}

/** What the report of `unitId` for `period` reads on this device. */
export async function goalDocument(db: PulsDb, units: readonly TreeUnit[], unitId: string, period: string): Promise<GoalDocument> {
  return {
    items: await goalItemsFor(db, units, unitId),
    analyses: (await live(db, 'goalAnalysis', unitId, GoalAnalysis)).filter((a) => a.period === period),
    actions: await live(db, 'strategicAction', unitId, StrategicAction),
  };
}

export async function listStrategicActions(db: PulsDb, unitId: string): Promise<StrategicAction[]> {
  return (await live(db, 'strategicAction', unitId, StrategicAction)).sort((a, b) => a.year - b.year || a.nr - b.nr);
}

/** Adds a goal item (mål, faktor or styrmått) at `input.unitId`. */
export async function addGoalItem(db: PulsDb, input: Omit<GoalItem, 'id' | 'createdAt'>, now: number = Date.now()): Promise<GoalItem> {
  const item = check(GoalItem, { ...input, id: RecordId.parse(uuidv7()), createdAt: new Date(now).toISOString() }, 'goalItem');
  const fields = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
  await writeChange(db, { entity: 'goalItem', op: 'insert', id: item.id, unitId: item.unitId, fields }, now);
  return item;
}

/** Writes the level's analysis of a styrmått for a report period, signed with who and when. */
export async function saveAnalysis(db: PulsDb, unitId: string, itemId: string, period: string, text: string, author: string, now: number = Date.now()): Promise<void> {
  const id = goalAnalysisIdFor(unitId, itemId, period);
  const a = check(GoalAnalysis, { id, unitId, itemId, period, text, author, writtenAt: new Date(now).toISOString() }, 'goalAnalysis');
  const existing = await db.rows.get(['goalAnalysis', id]);
  if (existing === undefined) await writeChange(db, { entity: 'goalAnalysis', op: 'insert', id, unitId, fields: { ...a } }, now);
  else await writeChange(db, { entity: 'goalAnalysis', op: 'patch', id, unitId, fields: { text: a.text, author: a.author, writtenAt: a.writtenAt, _deleted: false } }, now);
}

export async function addStrategicAction(db: PulsDb, input: Omit<StrategicAction, 'id' | 'createdAt'>, now: number = Date.now()): Promise<StrategicAction> {
  const a = check(StrategicAction, { ...input, id: RecordId.parse(uuidv7()), createdAt: new Date(now).toISOString() }, 'strategicAction');
  const fields = Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
  await writeChange(db, { entity: 'strategicAction', op: 'insert', id: a.id, unitId: a.unitId, fields }, now);
  return a;
}

/** Changes fields of a goal item of this device's replica (a patch: only `fields`). */
export async function updateGoalItem(db: PulsDb, item: GoalItem, fields: Partial<GoalItem>, now: number = Date.now()): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  check(GoalItem, { ...item, ...fields }, 'goalItem');
  await writeChange(db, { entity: 'goalItem', op: 'patch', id: item.id, unitId: item.unitId, fields: { ...fields } }, now);
}

/**
 * Deletes a goal item. Refused (AppError forbidden at children, nothing written) while an item
 * this device holds stands under it; the server refuses the same for the ones it does not hold.
 */
export async function deleteGoalItem(db: PulsDb, units: readonly TreeUnit[], item: GoalItem, now: number = Date.now()): Promise<void> {
  for (const id of new Set([item.unitId, ...subtreeIds(units, item.unitId)])) {
    const children = (await live(db, 'goalItem', id, GoalItem)).filter((i) => i.parentId === item.id).length;
    if (children > 0) throw new AppError('forbidden', { children }, ['children']);
  }
  await writeChange(db, { entity: 'goalItem', op: 'delete', id: item.id, unitId: item.unitId, fields: {} }, now);
}

export async function updateStrategicAction(db: PulsDb, action: StrategicAction, fields: Partial<StrategicAction>, now: number = Date.now()): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  check(StrategicAction, { ...action, ...fields }, 'strategicAction');
  await writeChange(db, { entity: 'strategicAction', op: 'patch', id: action.id, unitId: action.unitId, fields: { ...fields } }, now);
}

export async function deleteStrategicAction(db: PulsDb, action: StrategicAction, now: number = Date.now()): Promise<void> {
  await writeChange(db, { entity: 'strategicAction', op: 'delete', id: action.id, unitId: action.unitId, fields: {} }, now);
}

/** Sets an action's status and comment for one report period (its own field: other tertials are untouched). */
export async function followUpAction(db: PulsDb, action: StrategicAction, kind: ReportPeriodKind, follow: FollowUp, now: number = Date.now()): Promise<void> {
  const field = FOLLOW_FIELD[kind];
  check(StrategicAction, { ...action, [field]: follow }, 'strategicAction');
  await writeChange(db, { entity: 'strategicAction', op: 'patch', id: action.id, unitId: action.unitId, fields: { [field]: follow } }, now);
}

/** The level's analyses of the styrmått that read `indicatorKey`, newest report period first. */
export async function analysesOfIndicator(db: PulsDb, units: readonly TreeUnit[], unitId: string, indicatorKey: string): Promise<(GoalAnalysis & { styrmatt: string })[]> {
  const items = (await goalItemsFor(db, units, unitId)).filter((i) => i.kind === 'styrmatt' && i.indicatorKey === indicatorKey);
  const byId = new Map<string, GoalItem>(items.map((i) => [i.id, i]));
  return (await live(db, 'goalAnalysis', unitId, GoalAnalysis))
    .filter((a) => byId.has(a.itemId))
    .map((a) => ({ ...a, styrmatt: byId.get(a.itemId)?.title ?? '' }))
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : a.writtenAt < b.writtenAt ? 1 : -1));
}

/**
 * A level's strategic actions of `year` and, per action, how many actions at the units below
 * carry it out (their cause names it: kind `strategic`, ref = its id).
 */
export async function strategicOverview(db: PulsDb, units: readonly TreeUnit[], unitId: string, year: number): Promise<{ own: StrategicAction[]; linked: Map<string, number> }> {
  const own = (await listStrategicActions(db, unitId)).filter((a) => a.year === year);
  const linked = new Map<string, number>();
  if (own.length === 0) return { own, linked };
  for (const id of subtreeIds(units, unitId)) {
    for (const row of await db.rows.where('[entity+unitId]').equals(['action', id]).toArray()) {
      if (row.deleted) continue;
      const p = Action.safeParse(publicData(row));
      if (p.success && p.data.cause?.kind === 'strategic') linked.set(p.data.cause.ref, (linked.get(p.data.cause.ref) ?? 0) + 1);
    }
  }
  return { own, linked };
}
