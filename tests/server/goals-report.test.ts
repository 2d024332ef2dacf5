/**
 * /api/goals/report and /config (issue 13) on SQLite and PostgreSQL: a goal document pushed
 * through sync (the region's goals, the division's faktorer and styrmått, an analysis, an action,
 * reported values): the server's report equals the shared function fed the same rows (what a
 * manager's device computes offline); the ancestors' items come from /config; scope is enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgResponse } from '../../src/shared/api';
import { contextFromRows, type IndicatorInput } from '../../src/shared/domain/indicators';
import { tertialReport } from '../../src/shared/domain/goals/report';
import { GoalConfigResponse, TertialReportSchema } from '../../src/shared/goals-api';
import type { Change } from '../../src/shared/protocol';
import { type GoalAnalysis, goalAnalysisIdFor, type GoalItem, type StrategicAction } from '../../src/shared/schema/goal';
import { type Indicator, indicatorIdFor } from '../../src/shared/schema/indicator';
import { type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { call, type Client, expectError, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

const AT = '2026-03-01T09:00:00.000Z';
const id = (n: number) => `0195d1f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const DEF = { id: indicatorIdFor('region', 'waitShare'), unitId: 'region', key: 'waitShare', nameSv: 'Väntat ≤ 90 dagar', perspective: 'medborgare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 70 } } as Indicator;
const ITEMS = [
  { id: id(1), unitId: 'region', kind: 'mal', perspective: 'medborgare', parentId: null, title: 'God nära och samordnad vård', order: 1, createdAt: AT },
  { id: id(2), unitId: 'div-lsv', kind: 'faktor', perspective: 'medborgare', parentId: id(1), title: 'Tillgänglighet', order: 1, createdAt: AT },
  { id: id(3), unitId: 'div-lsv', kind: 'styrmatt', perspective: 'medborgare', parentId: id(2), title: 'Väntat ≤ 90 dagar till första besök', order: 1, indicatorKey: 'waitShare', target: { op: 'gte', value: 100, month: 12 }, createdAt: AT },
  { id: id(4), unitId: 'div-lsv', kind: 'styrmatt', perspective: 'medborgare', parentId: id(2), title: 'Produktivitet', order: 2, indicatorKey: 'bhkTotal', target: { op: 'increase' }, createdAt: AT },
] as GoalItem[];
const ANALYSIS = { id: goalAnalysisIdFor('div-lsv', id(3), '2026-DA04'), unitId: 'div-lsv', itemId: id(3), period: '2026-DA04', text: 'Väntetiderna minskar.', author: 'Divisionschef', writtenAt: AT } as GoalAnalysis;
const ACTION = { id: id(5), unitId: 'div-lsv', year: 2026, nr: 1, goalId: id(1), perspective: 'medborgare', title: 'Produktionsplanering', description: 'Införa', ansvarig: 'VO-chefer', tidplan: 'Tertial 1', effekt: 'Kortare köer', followDA04: { status: 'pagar', comment: 'Pågår' }, createdAt: AT } as StrategicAction;
const rv = (unitId: string, period: string, num: number, den: number) => ({ id: reportedValueIdFor(unitId, 'waitShare', period), unitId, measure: 'waitShare', period, num, den, numK: Math.floor(num / 2), denK: Math.floor(den / 2), numM: num - Math.floor(num / 2), denM: den - Math.floor(den / 2), source: 'manual' }) as ReportedValue;
const VALUES = [rv('avd-21', '2026-01', 41, 100), rv('avd-22', '2026-02', 30, 40), rv('avd-31', '2026-03', 12, 20), rv('avd-21', '2025-02', 20, 100)];

let h: Harness;
let admin: Client;
let counter = 0;
const change = (who: Client, seq: number, entity: EntityName, row: { id: string; unitId: string }): Change =>
  ({ seq, entity, id: row.id, unitId: row.unitId, op: 'insert', fields: { ...row }, hlc: formatHlc({ millis: NOW, counter: counter++, node: nodeFromDeviceId(who.deviceId) }), schemaVersion: SCHEMA_VERSION }) as unknown as Change;

describe.each(STORES)('the tertial report route (%s)', (dialect, factory) => {
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    admin = await loginAs(h, 'admin');
    const rows: [EntityName, { id: string; unitId: string }][] = [['indicator', DEF], ...ITEMS.map((i) => ['goalItem', i] as [EntityName, GoalItem]), ['goalAnalysis', ANALYSIS], ['strategicAction', ACTION], ...VALUES.map((v) => ['reportedValue', v] as [EntityName, ReportedValue])];
    const res = await push(h, admin, rows.map(([e, r], i) => change(admin, i + 1, e, r)));
    expect(res.ok && res.rejected).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('equals the shared function on the same rows, for DÅ04, DÅ08, ÅR and a month', async () => {
    const units = OrgResponse.parse((await call(h, 'GET', '/api/org', { token: admin })).json()).units;
    const input: IndicatorInput = {
      units: units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })),
      rootId: 'div-lsv', today: TODAY, indicatorRows: [DEF], bhk: [], unitSettings: [], safetyEvents: [], safetyDays: [], shifts: [], staffingSettings: [], hrMonths: [], reported: VALUES,
    };
    for (const period of ['2026-DA04', '2026-DA08', '2026-AR', '2026-02']) {
      const res = await call(h, 'GET', `/api/goals/report?rootId=div-lsv&period=${period}`, { token: admin });
      expect(res.statusCode, res.body).toBe(200);
      const body = TertialReportSchema.parse(res.json());
      const doc = { items: ITEMS, analyses: [ANALYSIS].filter((a) => a.period === period), actions: [ACTION] };
      expect(body).toEqual(await tertialReport(contextFromRows(input), doc, period, NOW));
    }
    const da04 = TertialReportSchema.parse((await call(h, 'GET', '/api/goals/report?rootId=div-lsv&period=2026-DA04', { token: admin })).json());
    expect(da04.perspectives[0]?.goals[0]?.rows.map((r) => [r.styrmatt, r.outcome, r.status, r.analysis?.text ?? null])).toEqual([
      // K (20 + 15 + 6) / (50 + 20 + 10) = 51,25 %, M (21 + 15 + 6) / 80 = 52,5 %; 100 % is due in December: ▲.
      ['Väntat ≤ 90 dagar till första besök', 'K: 51,2 % M: 52,5 %', 'partial', 'Väntetiderna minskar.'],
      ['Produktivitet', 'Data saknas', 'unmeasurable', null],
    ]);
    expect(da04.actions.map((a) => [a.nr, a.status, a.comment])).toEqual([[1, 'Pågår', 'Pågår']]);
  });

  it('config gives the ancestors\' items; a bad period is 400 at period; out of scope is 403', async () => {
    const cfg = GoalConfigResponse.parse((await call(h, 'GET', '/api/goals/config?unitId=div-lsv', { token: admin })).json());
    expect(cfg.items.map((i) => i.id)).toEqual([id(1)]);
    expect(expectError(await call(h, 'GET', '/api/goals/report?rootId=div-lsv&period=2026-T1', { token: admin }), 400, 'validation').path).toEqual(['period']);
    const staff = await loginAs(h, 'personal21');
    expectError(await call(h, 'GET', '/api/goals/report?rootId=div-lsv&period=2026-DA04', { token: staff }), 403, 'scope-denied');
  });
});
