/**
 * Corrections and the profession list on the device: amend and void write new records that
 * reference the old (the old stays), a new date voids and re-records in one transaction, the
 * board's figures follow, and the profession list resolves local record → server answer → default.
 */
import './helpers';
import { describe, expect, it } from 'vitest';
import { observationsInPeriod } from '../../src/shared/domain/bhk-period';
import { periodRange } from '../../src/shared/domain/periods';
import { AppError } from '../../src/shared/errors';
import {
  addObservation,
  amendObservation,
  cacheBhkProfessions,
  getBhkProfessions,
  getOwnBhkProfessions,
  listUnitObservations,
  saveBhkProfessions,
  voidObservation,
} from '../../src/client/storage/bhk-repo';
import { replaceUnits } from '../../src/client/storage/org-repo';
import { UnitId } from '../../src/shared/schema/ids';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { observation, TEST_PERSONNUMMER, useSessionDbs } from './helpers';

const { sessionDb } = useSessionDbs('0190a0b0-c0d0-7e00-8000-000000000002', { deleteAfter: true });

const MARCH = periodRange('2025-03');
const APRIL = periodRange('2025-04');
const T = Date.UTC(2025, 3, 2, 8, 0, 0);

describe('amend and void', () => {
  it('amending writes a correction filed under the original’s date; the original stays', async () => {
    const db = await sessionDb();
    const original = await addObservation(db, observation('u1', '2025-03-28'), T);
    await amendObservation(db, original, { ...observation('u1', '2025-03-28'), profession: 'lakare' }, T + 60_000);
    const all = await listUnitObservations(db, 'u1');
    expect(all).toHaveLength(2);
    const fix = all.find((o) => o.id !== original.id);
    expect(fix).toMatchObject({ replaces: original.id, originalDate: '2025-03-28', date: '2025-03-28', profession: 'lakare' });
    expect(observationsInPeriod(all, MARCH).map((o) => o.id)).toEqual([fix?.id]);
    expect((await db.outbox.toArray()).map((r) => r.change.op)).toEqual(['insert', 'insert']);
  });

  it('voiding (made in April) removes the March observation from March and adds nothing to April', async () => {
    const db = await sessionDb();
    const original = await addObservation(db, observation('u1', '2025-03-28'), T);
    const v = await voidObservation(db, original, T + 60_000);
    expect(v).toMatchObject({ replaces: original.id, voided: true, originalDate: '2025-03-28', steps: original.steps });
    const all = await listUnitObservations(db, 'u1');
    expect(observationsInPeriod(all, MARCH)).toEqual([]);
    expect(observationsInPeriod(all, APRIL)).toEqual([]);
  });

  it('a new date voids the old and records anew, atomically; the observation moves month', async () => {
    const db = await sessionDb();
    const original = await addObservation(db, observation('u1', '2025-03-31'), T);
    await amendObservation(db, original, observation('u1', '2025-04-01'), T + 60_000);
    const all = await listUnitObservations(db, 'u1');
    expect(all).toHaveLength(3);
    expect(observationsInPeriod(all, MARCH)).toEqual([]);
    expect(observationsInPeriod(all, APRIL).map((o) => o.date)).toEqual(['2025-04-01']);
  });

  it('a rejected amendment (personnummer in the note) writes nothing, not even the void', async () => {
    const db = await sessionDb();
    const original = await addObservation(db, observation('u1', '2025-03-31'), T);
    const failed = await amendObservation(db, original, observation('u1', '2025-04-01', { note: `pat ${TEST_PERSONNUMMER}` }), T + 1).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('personnummer');
    expect(await listUnitObservations(db, 'u1')).toEqual([original]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('correcting a correction keeps the original’s date as originalDate', async () => {
    const db = await sessionDb();
    const original = await addObservation(db, observation('u1', '2025-03-10'), T);
    await amendObservation(db, original, observation('u1', '2025-03-10', { selfAssessment: true }), T + 1);
    const [current] = observationsInPeriod(await listUnitObservations(db, 'u1'), MARCH);
    if (!current) throw new Error('missing');
    await voidObservation(db, current, T + 2);
    const all = await listUnitObservations(db, 'u1');
    expect(all.filter((o) => o.replaces !== undefined).map((o) => o.originalDate)).toEqual(['2025-03-10', '2025-03-10']);
    expect(observationsInPeriod(all, MARCH)).toEqual([]);
  });
});

describe('the profession list in force', () => {
  const unit = (id: string, parentId: string | null, kind: OrgUnit['kind']): OrgUnit => ({ id, name: id, kind, parentId, closedAt: null }) as OrgUnit;
  const TREE = [unit('region', null, 'region'), unit('vo', 'region', 'vo'), unit('u1', 'vo', 'enhet')];
  const LIST = [{ code: 'lakare', label: 'Läkare' }, { code: 'skotare_natt', label: 'Skötare natt' }];

  it('is null (default) without any list, the cached server answer on a tablet, a local record when held', async () => {
    const db = await sessionDb();
    await replaceUnits(db, TREE);
    expect(await getBhkProfessions(db, 'u1')).toBeNull();
    await cacheBhkProfessions(db, 'u1', { sourceUnitId: null, professions: [] });
    expect(await getBhkProfessions(db, 'u1')).toBeNull();
    await cacheBhkProfessions(db, 'u1', { sourceUnitId: UnitId.parse('region'), professions: LIST });
    expect(await getBhkProfessions(db, 'u1')).toEqual(LIST);
    // A manager of the VO sets a list: their own record is nearer than the region's answer.
    await saveBhkProfessions(db, 'vo', [{ code: 'lakare', label: 'Doktor' }]);
    expect(await getBhkProfessions(db, 'u1')).toEqual([{ code: 'lakare', label: 'Doktor' }]);
    expect(await getOwnBhkProfessions(db, 'vo')).toEqual([{ code: 'lakare', label: 'Doktor' }]);
    expect(await getOwnBhkProfessions(db, 'u1')).toBeNull();
  });

  it('refuses an invalid list before it reaches the outbox', async () => {
    const db = await sessionDb();
    const bad = await saveBhkProfessions(db, 'vo', [{ code: 'a', label: 'A' }, { code: 'a', label: 'B' }]).catch((e: unknown) => e);
    expect((bad as AppError).code).toBe('validation');
    expect(await db.outbox.count()).toBe(0);
  });
});
