/**
 * Merge rules shared by the server (applying a push) and the client (applying a pull). Both
 * sides run this same function, so any set of accepted changes applied in any order and any
 * number of times gives the same row (README.md rules 10–13).
 */
import type { ChangeOp } from '../protocol';
import { ENTITY_KEYS } from '../schema/entity-keys';
import type { EntityName } from '../schema/registry';

/** The field that holds a tombstone under last-writer-wins. */
export const DELETED_FIELD = '_deleted';

export interface RowState {
  readonly entity: EntityName;
  readonly id: string;
  readonly unitId: string;
  /** Current field values (for lww rows, the winning value of each field). */
  readonly data: Readonly<Record<string, unknown>>;
  /** lww rows: HLC of the write that set each field, including DELETED_FIELD. Empty for append rows. */
  readonly hlcs: Readonly<Record<string, string>>;
  readonly deleted: boolean;
}

export interface MergeInput {
  readonly entity: EntityName;
  readonly id: string;
  readonly unitId: string;
  readonly op: ChangeOp;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly hlc: string;
}

/** Returns the row after the change and whether anything changed. Never mutates its inputs. */
export function mergeChange(row: RowState | undefined, change: MergeInput): { row: RowState; changed: boolean } {
  const def = ENTITY_KEYS[change.entity];
  if (def.mode === 'append') {
    // Rule 10: append records are immutable; the first insert of an id wins, replays are no-ops.
    if (row) return { row, changed: false };
    if (change.op !== 'insert') {
      // Only reachable with a change the server would have rejected; keep nothing.
      return { row: emptyRow(change), changed: false };
    }
    return { row: { ...emptyRow(change), data: { ...change.fields } }, changed: true };
  }
  // Rules 11–12: per-field last writer wins, the tombstone being one more field.
  const base = row ?? emptyRow(change);
  const data: Record<string, unknown> = { ...base.data };
  const hlcs: Record<string, string> = { ...base.hlcs };
  // An insert writes the whole cell, its existence included: after a delete, a later insert
  // brings the cell back, an earlier one does not (rule 12).
  const incoming: Record<string, unknown> =
    change.op === 'delete'
      ? { [DELETED_FIELD]: true }
      : change.op === 'insert'
        ? { ...change.fields, [DELETED_FIELD]: false }
        : { ...change.fields };
  let changed = false;
  for (const [field, value] of Object.entries(incoming)) {
    // Rule 13: immutable fields (id, unitId, and what a deterministic id encodes) are set once
    // and carry no HLC: an HLC there would make replicas differ by which write they saw first.
    if (def.immutable.includes(field)) {
      if (own(data, field) === undefined && value !== undefined) {
        setOwn(data, field, value);
        changed = true;
      }
      continue;
    }
    const current = own(hlcs, field);
    if (current !== undefined && current >= change.hlc) continue;
    setOwn(hlcs, field, change.hlc);
    setOwn(data, field, field === DELETED_FIELD ? value === true : value);
    changed = true;
  }
  return { row: { ...base, data, hlcs, deleted: data[DELETED_FIELD] === true }, changed };
}

/**
 * Field names come from the wire: "constructor" or "__proto__" must be plain data, never a member
 * read through the prototype or a prototype set by assignment (issue 18).
 */
function own<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function emptyRow(change: MergeInput): RowState {
  return {
    entity: change.entity,
    id: change.id,
    unitId: change.unitId,
    data: { id: change.id, unitId: change.unitId },
    hlcs: {},
    deleted: false,
  };
}

/** The row's data without bookkeeping fields, ready to parse with the entity schema. */
export function publicData(row: RowState): Record<string, unknown> {
  const { [DELETED_FIELD]: _deleted, ...rest } = row.data;
  return rest;
}

/**
 * Two states of one row merged as if every change behind both had been applied (a unit snapshot
 * meeting the device's own copy, rule 24): an append row keeps the copy it has; an lww row takes,
 * field by field, the value with the greater HLC, and immutable fields from whichever set them.
 */
export function mergeRowStates(local: RowState | undefined, remote: RowState): { row: RowState; changed: boolean } {
  if (local === undefined) return { row: remote, changed: true };
  const def = ENTITY_KEYS[remote.entity];
  if (def.mode === 'append') return { row: local, changed: false };
  const data: Record<string, unknown> = { ...local.data };
  const hlcs: Record<string, string> = { ...local.hlcs };
  let changed = false;
  for (const [field, value] of Object.entries(remote.data)) {
    if (def.immutable.includes(field) || field === 'id' || field === 'unitId') {
      if (data[field] === undefined && value !== undefined) {
        data[field] = value;
        changed = true;
      }
      continue;
    }
    const theirs = remote.hlcs[field];
    if (theirs === undefined) continue;
    const mine = hlcs[field];
    if (mine !== undefined && mine >= theirs) continue;
    hlcs[field] = theirs;
    data[field] = value;
    changed = true;
  }
  return { row: { ...local, data, hlcs, deleted: data[DELETED_FIELD] === true }, changed };
}
