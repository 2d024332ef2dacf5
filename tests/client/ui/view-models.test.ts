import { describe, expect, it } from 'vitest';
import type { BhkRollupResponse } from '../../../src/shared/api';
import { emptyCounts } from '../../../src/shared/domain';
import { UnitId } from '../../../src/shared/schema/ids';
import type { OrgUnit } from '../../../src/shared/schema/org-unit';
import { href, parseHash } from '../../../src/client/kit/router';
import { checkEnrolCode } from '../../../src/client/features/auth/enrol-code';
import { moveTargets, treeRows } from '../../../src/client/features/admin/org-tree';
import { nextMonth, previousMonth, rollupView } from '../../../src/client/features/rollup/rollup-model';
import { syncView } from '../../../src/client/features/sync-status/status-model';
import type { SyncSnapshot } from '../../../src/client/storage/sync-state';

const id = (s: string) => UnitId.parse(s);
const unit = (u: string, parent: string | null, kind: OrgUnit['kind'] = 'enhet'): OrgUnit => ({
  id: id(u),
  name: u.toUpperCase(),
  kind,
  parentId: parent === null ? null : id(parent),
  closedAt: null,
});

describe('enrolment code input', () => {
  it('forgives spaces, dashes and lower case', () => {
    expect(checkEnrolCode(' abcd-efgh ')).toEqual({ ok: true, code: 'ABCDEFGH' });
    expect(checkEnrolCode('abcd efgh')).toEqual({ ok: true, code: 'ABCDEFGH' });
  });
  it('names look-alike characters codes never contain, and wrong lengths', () => {
    expect(checkEnrolCode('ABCD-EFG0')).toEqual({ ok: false, reason: 'chars', chars: '0' });
    expect(checkEnrolCode('ABCD-EF')).toEqual({ ok: false, reason: 'length', length: 6 });
  });
});

describe('hash routes', () => {
  it('round-trips path and query', () => {
    const h = href(['oversikt', 'a b'], { month: '2026-11', unit: undefined });
    expect(h).toBe('#/oversikt/a%20b?month=2026-11');
    expect(parseHash(h)).toEqual({ path: ['oversikt', 'a b'], query: { month: '2026-11' } });
    expect(parseHash('')).toEqual({ path: [], query: {} });
  });
});

describe('sync status thresholds', () => {
  const base: SyncSnapshot = {
    pending: 0, oldestPendingAt: null, rejected: [], lastSyncAt: null, lastError: null, syncing: false,
    progress: null, firstSyncDone: true, clockOffsetMs: null, clientTooOld: false, revoked: false, persisted: true,
  };
  it('escalates unsynced changes older than a day', () => {
    const now = 100 * 3_600_000;
    expect(syncView({ ...base, pending: 2, oldestPendingAt: now - 2 * 3_600_000 }, now)).toMatchObject({ oldestAgeMs: 2 * 3_600_000, stale: false });
    expect(syncView({ ...base, pending: 2, oldestPendingAt: now - 25 * 3_600_000 }, now).stale).toBe(true);
  });
  it('warns about the clock only beyond 2 minutes either way', () => {
    expect(syncView({ ...base, clockOffsetMs: 119_000 }, 0).clockOffMinutes).toBeNull();
    expect(syncView({ ...base, clockOffsetMs: -5 * 60_000 }, 0).clockOffMinutes).toBe(5);
  });
});

describe('roll-up navigation', () => {
  const node = (u: string, parent: string | null, n: number, totalAllOk: number) => ({
    unitId: id(u), name: u, kind: 'enhet' as const, parentId: parent === null ? null : id(parent), closed: false,
    counts: { ...emptyCounts(), n, totalAllOk, hygieneAllOk: totalAllOk, dressAllOk: n },
    reporting: n > 0 ? 1 : 0, expected: 1,
  });
  const res: BhkRollupResponse = {
    month: '2026-11',
    rootId: id('div'),
    nodes: [node('region', null, 30, 20), node('div', 'region', 30, 20), node('a', 'div', 20, 18), node('b', 'div', 10, 2)],
  };
  it('starts at the answer root, pools from counts, and lists children', () => {
    const v = rollupView(res, undefined);
    expect(v?.node.unitId).toBe('div');
    expect(v?.trail.map((n) => n.unitId)).toEqual(['div']);
    expect(v?.figures.total.pct).toBeCloseTo((20 / 30) * 100);
    expect(v?.children.map((c) => c.node.unitId)).toEqual(['a', 'b']);
  });
  it('drills down with a breadcrumb that stops at the root', () => {
    expect(rollupView(res, 'b')?.trail.map((n) => n.unitId)).toEqual(['div', 'b']);
  });
  it("greys each node on its own catalogue minimum n (as Mål och resultat does), 10 until it is known", () => {
    expect(rollupView(res, undefined)?.children.map((c) => c.figures.tooFew)).toEqual([false, false]);
    const minN: Record<string, number> = { div: 40, a: 25, b: 5 };
    const v = rollupView(res, undefined, (u) => minN[u] ?? 10);
    expect(v?.figures.tooFew).toBe(true);
    expect(v?.children.map((c) => [c.node.unitId, c.figures.tooFew])).toEqual([['a', true], ['b', false]]);
  });
  it('steps months across the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });
});

describe('org tree', () => {
  const units = [unit('r', null, 'region'), unit('d', 'r', 'division'), unit('v', 'd', 'vo'), unit('e', 'v'), unit('d2', 'r', 'division')];
  it('indents children under parents', () => {
    expect(treeRows(units).map((r) => `${r.depth}${r.unit.id}`)).toEqual(['0r', '1d', '2v', '3e', '1d2']);
  });
  it('never offers a move into the unit itself, its subtree, or under an enhet', () => {
    expect(moveTargets(units, 'd').map((u) => u.id)).toEqual(['r', 'd2']);
  });
});
