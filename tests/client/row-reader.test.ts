import { describe, expect, it } from 'vitest';
import { recordOf, recordsOf } from '../../src/client/storage/row-reader';
import type { RowState } from '../../src/shared/sync/merge';

const ACTION_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const action = { id: ACTION_ID, unitId: 'u1', title: 'Städa förrådet', status: 'oppen', createdAt: '2026-11-02T07:45:00.000Z' };
const row = (over: Partial<RowState>): RowState => ({ entity: 'action', id: ACTION_ID, unitId: 'u1', data: action, hlcs: {}, deleted: false, ...over });

describe('board kit: one policy for reading stored rows back (storage/row-reader.ts)', () => {
  it('an lww row that parses is a record', () => {
    expect(recordOf(row({}))).toEqual(action);
  });
  it('an lww row built from a patch whose insert has not arrived is left out, not guessed at', () => {
    expect(recordOf(row({ data: { id: ACTION_ID, unitId: 'u1', status: 'klar' } }))).toBeUndefined();
  });
  it('a deleted row is no record, whatever its data', () => {
    expect(recordOf(row({ deleted: true }))).toBeUndefined();
    expect(recordOf(undefined)).toBeUndefined();
  });
  it('an append record (validated on its way in) is returned as stored, without a second parse', () => {
    const stored = { id: ACTION_ID, unitId: 'u1', date: '2026-11-02', anything: 'kept' };
    expect(recordOf(row({ entity: 'safetyEvent', data: stored }))).toEqual(stored);
  });
  it('the tombstone field of a revived lww row is not part of the record', () => {
    expect(recordOf(row({ data: { ...action, _deleted: false } }))).toEqual(action);
  });
  it('recordsOf keeps the order and drops what is no record', () => {
    const partial = row({ id: 'x', data: { id: 'x', unitId: 'u1' } });
    expect(recordsOf([row({}), partial, row({ deleted: true })])).toEqual([action]);
  });
});
