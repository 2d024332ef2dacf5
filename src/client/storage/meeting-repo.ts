/**
 * Pulse meeting on the device (issue 7): actions, improvement ideas, escalation, the unit's agenda
 * settings and the meeting log. Reads come from the local replica (offline), writes go through
 * writeChange (one transaction with the outbox row). Every write is a per-field patch of what
 * changed, so two tablets editing different fields of one action both keep their change.
 * Invalid input throws AppError (code, field path) and writes nothing.
 */
import { uuidv7 } from 'uuidv7';
import { meetingConfig, type MeetingConfig } from '../../shared/domain/meeting/agenda';
import {
  answerPatch,
  type EscalationAnswer,
  escalationPatch,
  forwardPatch,
  inboxFor,
  mayAnswer,
  mayTakeBack,
} from '../../shared/domain/meeting/escalation';
import type { TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { Action } from '../../shared/schema/action';
import { escalationFields } from '../../shared/schema/escalation';
import { Idea } from '../../shared/schema/idea';
import { RecordId } from '../../shared/schema/ids';
import { IsoDate } from '../../shared/schema/ids';
import { MeetingLog, meetingLogIdFor, MeetingSettings } from '../../shared/schema/meeting';
import { ENTITIES } from '../../shared/schema/registry';
import { publicData } from '../../shared/sync/merge';
import type { PulsDb } from './db';
import { getMeta } from './meta';
import { writeChange } from './records';
import { recordOf, recordsOf } from './row-reader';
import { readSettings, saveSettings } from './settings-repo';

export type NewAction = Omit<Action, 'id' | 'createdAt'>;
export type NewIdea = Omit<Idea, 'id' | 'createdAt'>;
export type ItemEntity = 'action' | 'idea';
export type InboxItem = { entity: ItemEntity; item: Action | Idea; fromUnitId: string; fromName: string };
type Item = Action | Idea;

async function listItems<T extends Item>(db: PulsDb, entity: ItemEntity, unitId: string): Promise<T[]> {
  const rows = await db.rows.where('[entity+unitId]').equals([entity, unitId]).toArray();
  return recordsOf<T>(rows);
}

async function addItem<T extends Item>(db: PulsDb, entity: ItemEntity, input: Omit<T, 'id' | 'createdAt'>, now: number): Promise<T> {
  const id = RecordId.parse(uuidv7());
  const fields = Object.fromEntries(Object.entries({ ...input, id, createdAt: new Date(now).toISOString() }).filter(([, v]) => v !== undefined));
  await writeChange(db, { entity, op: 'insert', id, unitId: input.unitId, fields }, now);
  const row = await db.rows.get([entity, id]);
  return (row ? publicData(row) : fields) as T;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Written only by escalate, forward and answer, never by an edit. */
const ESCALATION_KEYS: readonly string[] = Object.keys(escalationFields);

/**
 * Writes only the fields of `patch` that differ from `current`: never id, unitId, createdAt, and
 * never the escalation fields (a form saving a stale copy of the whole row would otherwise write
 * an old escalation state: refused by the server together with the edit, or undoing an answer).
 */
async function updateItem<T extends Item>(db: PulsDb, entity: ItemEntity, current: T, patch: Partial<T>, now: number): Promise<void> {
  const immutable = ENTITIES[entity].immutable;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || immutable.includes(key) || ESCALATION_KEYS.includes(key)) continue;
    if (!same((current as Record<string, unknown>)[key], value)) fields[key] = value;
  }
  if (Object.keys(fields).length === 0) return;
  await writeChange(db, { entity, op: 'patch', id: current.id, unitId: current.unitId, fields }, now);
}

/**
 * Deletes (a tombstone). An item a level above has taken on (received, being handled, forwarded)
 * is refused with 'forbidden' at ['op'] unless this device's scope covers that level: the server
 * refuses it too, and refused only after the next sync the unit would have lost sight of the
 * item while the level still works on it. Without a known identity or tree the server decides.
 */
async function deleteItem(db: PulsDb, entity: ItemEntity, item: Item, now: number): Promise<void> {
  const identity = await getMeta(db, 'identity');
  const units = await db.units.toArray();
  if (identity && item.escalatedTo && units.some((u) => u.id === item.escalatedTo) && !mayTakeBack(units, item, true) && !mayAnswer(units, identity.scopeUnitId, item)) {
    throw new AppError('forbidden', { id: item.id }, ['op']);
  }
  await writeChange(db, { entity, op: 'delete', id: item.id, unitId: item.unitId, fields: {} }, now);
}

/** Live actions owned by `unitId` (unsorted: see domain/meeting/actions.ts sortActions). */
export const listActions = (db: PulsDb, unitId: string): Promise<Action[]> => listItems<Action>(db, 'action', unitId);
export const addAction = (db: PulsDb, a: NewAction, now: number = Date.now()): Promise<Action> => addItem<Action>(db, 'action', a, now);
export const updateAction = (db: PulsDb, current: Action, patch: Partial<Action>, now: number = Date.now()): Promise<void> =>
  updateItem(db, 'action', current, patch, now);
export const deleteAction = (db: PulsDb, a: Action, now: number = Date.now()): Promise<void> => deleteItem(db, 'action', a, now);

/** Live ideas owned by `unitId` (unsorted: see ideasByStage). */
export const listIdeas = (db: PulsDb, unitId: string): Promise<Idea[]> => listItems<Idea>(db, 'idea', unitId);
export const addIdea = (db: PulsDb, i: NewIdea, now: number = Date.now()): Promise<Idea> => addItem<Idea>(db, 'idea', i, now);
export const updateIdea = (db: PulsDb, current: Idea, patch: Partial<Idea>, now: number = Date.now()): Promise<void> =>
  updateItem(db, 'idea', current, patch, now);
export const deleteIdea = (db: PulsDb, i: Idea, now: number = Date.now()): Promise<void> => deleteItem(db, 'idea', i, now);

async function writeFields(db: PulsDb, entity: ItemEntity, item: Item, fields: Record<string, unknown>, now: number): Promise<void> {
  await writeChange(db, { entity, op: 'patch', id: item.id, unitId: item.unitId, fields }, now);
}

/** Sends the item to its unit's parent level. Throws 'validation' (path escalatedTo) if it cannot. */
export async function escalate(db: PulsDb, units: readonly TreeUnit[], entity: ItemEntity, item: Item, now: number = Date.now()): Promise<void> {
  const patch = escalationPatch(units, item, now);
  if (!patch) throw new AppError('validation', { id: item.id }, ['escalatedTo']);
  await writeFields(db, entity, item, patch, now);
}

/**
 * The server's rule asked early (server/meeting/write-rule.ts), so the raising unit hears "not
 * yours to answer" at once instead of as a rejection after the next sync: refuses when this
 * device's scope is known and does not cover the holder. Without a session identity or a known
 * tree it lets the server decide.
 */
async function requireHolderScope(db: PulsDb, units: readonly TreeUnit[], item: Item, field: string): Promise<void> {
  const identity = await getMeta(db, 'identity');
  const holder = item.escalatedTo;
  if (!identity || !holder || !units.some((u) => u.id === holder)) return;
  if (!mayAnswer(units, identity.scopeUnitId, item)) throw new AppError('forbidden', { id: item.id }, ['fields', field]);
}

/** Passes the item from its holder to the holder's parent. Throws 'validation' at the root,
 * 'forbidden' when this device's scope does not cover the holder. */
export async function forward(db: PulsDb, units: readonly TreeUnit[], entity: ItemEntity, item: Item, now: number = Date.now()): Promise<void> {
  await requireHolderScope(db, units, item, 'escalatedTo');
  const patch = forwardPatch(units, item, now);
  if (!patch) throw new AppError('validation', { id: item.id }, ['escalatedTo']);
  await writeFields(db, entity, item, patch, now);
}

/** The holding level's answer (mottagen / atgardas / lost / tillbaka) and an optional reply.
 * Throws 'forbidden' when this device's scope does not cover the holder (see the tree in db.units). */
export async function answer(
  db: PulsDb,
  entity: ItemEntity,
  item: Item,
  status: EscalationAnswer,
  reply: string | null,
  answeringUnitId: string,
  now: number = Date.now(),
): Promise<void> {
  await requireHolderScope(db, await db.units.toArray(), item, 'escalationStatus');
  await writeFields(db, entity, item, answerPatch(item, status, reply, answeringUnitId, now), now);
}

/** Every action and idea in the replica held by `levelId`, unanswered first (domain inboxFor). */
export async function listInbox(db: PulsDb, units: readonly TreeUnit[], levelId: string): Promise<InboxItem[]> {
  const entityOf = new Map<Item, ItemEntity>();
  const all: Item[] = [];
  for (const entity of ['action', 'idea'] as const) {
    const rows = await db.rows.where('[entity+id]').between([entity, ''], [entity, '\uffff'], true, true).toArray();
    const held = rows.filter((r) => r.data.escalatedTo === levelId);
    for (const item of recordsOf<Item>(held)) {
      entityOf.set(item, entity);
      all.push(item);
    }
  }
  return inboxFor(units, all, levelId).map((e) => ({ entity: entityOf.get(e.item) as ItemEntity, item: e.item, fromUnitId: e.fromUnitId, fromName: e.fromName }));
}

/** The unit's agenda and time box, defaults for what it has not set. */
export async function getMeetingConfig(db: PulsDb, unitId: string): Promise<MeetingConfig> {
  return meetingConfig((await readSettings(db, 'meetingSettings', unitId)) as Partial<MeetingSettings>);
}

/** Saves the given settings fields only (a per-field patch). */
export async function saveMeetingSettings(
  db: PulsDb,
  unitId: string,
  patch: Partial<Pick<MeetingSettings, 'agenda' | 'timeboxMinutes'>>,
  now: number = Date.now(),
): Promise<void> {
  await saveSettings(db, 'meetingSettings', unitId, patch, now);
}

export async function getMeetingLog(db: PulsDb, unitId: string, date: string): Promise<MeetingLog | null> {
  const row = await db.rows.get(['meetingLog', meetingLogIdFor(unitId, date)]);
  if (row?.unitId !== unitId) return null;
  return recordOf<MeetingLog>(row) ?? null;
}

export type MeetingLogPatch = Partial<Omit<MeetingLog, 'id' | 'unitId' | 'date'>>;

/**
 * Saves the given log fields of the unit's meeting on `date`: an insert naming the day when the
 * device has no row yet (the day is immutable and sorts the log), else a patch of those fields.
 */
export async function saveMeetingLog(db: PulsDb, unitId: string, date: string, patch: MeetingLogPatch, now: number = Date.now()): Promise<void> {
  if (!IsoDate.safeParse(date).success) throw new AppError('validation', { date }, ['date']);
  const id = meetingLogIdFor(unitId, date);
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && !['id', 'unitId', 'date'].includes(k)));
  const existing = await db.rows.get(['meetingLog', id]);
  if (existing && !existing.deleted) {
    if (Object.keys(fields).length === 0) return;
    await writeChange(db, { entity: 'meetingLog', op: 'patch', id, unitId, fields }, now);
    return;
  }
  await writeChange(db, { entity: 'meetingLog', op: 'insert', id, unitId, fields: { ...fields, id, unitId, date } }, now);
}

/** The unit's meeting logs, newest first. */
export async function listMeetingLogs(db: PulsDb, unitId: string, limit = 30): Promise<MeetingLog[]> {
  const rows = await db.rows
    .where('[entity+unitId+sortKey]')
    .between(['meetingLog', unitId, ''], ['meetingLog', unitId, '\uffff'], true, true)
    .reverse()
    .limit(Math.max(0, limit))
    .toArray();
  return recordsOf<MeetingLog>(rows);
}
