/**
 * Validates one change against its entity schema (README.md rules 4 and 13). Shared so the
 * client can refuse bad input before it reaches the outbox, and the server can refuse it again.
 */
import { z } from 'zod/mini';
import type { ErrorCode } from '../errors';
import type { Change } from '../protocol';
import { RecordId } from '../schema/ids';
import { ENTITIES } from '../schema/registry';
import { FREE_TEXT_PERSONNUMMER_MESSAGE } from '../schema/text';
import { DELETED_FIELD } from './merge';

export type Path = (string | number)[];
export type Validation = { ok: true; fields: Record<string, unknown> } | { ok: false; code: ErrorCode; path: Path };

/** Turns the first zod issue into an error code and a field path. */
export function issueToError(error: z.core.$ZodError, prefix: Path = []): { code: ErrorCode; path: Path } {
  const issue = error.issues[0];
  if (!issue) return { code: 'validation', path: prefix };
  const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  // An unknown field is reported at its own path, not at the object that holds it.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const code: ErrorCode = issue.message === FREE_TEXT_PERSONNUMMER_MESSAGE ? 'personnummer' : 'validation';
  return { code, path };
}

export function validateChange(change: Pick<Change, 'entity' | 'id' | 'unitId' | 'op' | 'fields'>): Validation {
  const def = ENTITIES[change.entity];
  const at = (path: Path, code: ErrorCode = 'validation'): Validation => ({ ok: false, code, path: ['fields', ...path] });
  if (def.mode === 'append' && change.op !== 'insert') return { ok: false, code: 'validation', path: ['op'] };
  // The id names another unit's row: the same refusal as for a stored row of another unit (rule 13).
  if (def.ownsId && !def.ownsId(change.id, change.unitId)) return { ok: false, code: 'scope-denied', path: ['unitId'] };
  // Other ids are client-generated UUIDs (an insert's is checked with its record); a patch or a
  // delete must name one too, never any string that happens to fit the wire format (issue 18).
  if (!def.ownsId && change.op !== 'insert' && !RecordId.safeParse(change.id).success) return { ok: false, code: 'validation', path: ['id'] };
  if (change.op === 'delete') {
    return Object.keys(change.fields).length === 0 ? { ok: true, fields: {} } : at([Object.keys(change.fields)[0] as string]);
  }
  if (change.op === 'insert') {
    const parsed = def.schema.safeParse(change.fields);
    if (!parsed.success) {
      const e = issueToError(parsed.error, ['fields']);
      return { ok: false, ...e };
    }
    const fields = parsed.data as Record<string, unknown>;
    if (fields.id !== change.id) return at(['id']);
    if (fields.unitId !== change.unitId) return at(['unitId']);
    return { ok: true, fields };
  }
  // patch: every field must be known, mutable, and valid on its own.
  const shape = (def.schema as unknown as { def: { shape?: Record<string, z.ZodMiniType> } }).def.shape ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change.fields)) {
    if (key === DELETED_FIELD) {
      if (value !== false) return at([key]);
      out[key] = false;
      continue;
    }
    // Own keys only: a field named "constructor" or "toString" is unknown like any other (issue 18).
    const fieldSchema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!fieldSchema) return at([key]);
    if (def.immutable.includes(key)) return at([key], 'immutable-field');
    const parsed = fieldSchema.safeParse(value);
    if (!parsed.success) {
      const e = issueToError(parsed.error, ['fields', key]);
      return { ok: false, ...e };
    }
    out[key] = parsed.data;
  }
  if (Object.keys(out).length === 0) return at([]);
  return { ok: true, fields: out };
}
