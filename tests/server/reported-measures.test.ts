/**
 * Reported measures (issue 13) through the real sync path, on SQLite and PostgreSQL:
 *  - random values (re-written, deleted, some on levels) pushed by an admin: the server's indicator
 *    report equals the shared function fed the same rows (what a device computes), and each node's
 *    pooled share equals Σnum / Σden of its leaf units' values, computed by hand here;
 *  - who may write: the unit's manager yes, staff no (forbidden at `entity`), nothing applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgResponse } from '../../src/shared/api';
import { type IndicatorInput, reportOfRows } from '../../src/shared/domain/indicators';
import { reportedSumsByRange } from '../../src/shared/domain/indicators/reported';
import { periodRange } from '../../src/shared/domain/periods';
import { seededRandom } from '../../src/shared/domain/random';
import { subtreeIds } from '../../src/shared/domain/rollup';
import { decodeBlock, type FactBlock, FactsPullResponse, reportedOfBlock } from '../../src/shared/facts-api';
import { IndicatorReport } from '../../src/shared/indicators-api';
import type { Change } from '../../src/shared/protocol';
import { type Indicator, indicatorIdFor } from '../../src/shared/schema/indicator';
import { hrMonthIdFor } from '../../src/shared/schema/hr-month';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { contextOf } from '../../src/server/indicators/service';
import { orgView } from '../../src/server/org/view';
import type { UnitRow } from '../../src/server/store/store';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { call, type Client, type Harness, harness, loginAs, NOW, pullAll, push, TODAY } from './helpers';

const SEED = Number(process.env.REPORTED_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`reported-measures.test.ts: REPORTED_SEED=${SEED}`);

const ENHETER = ['avd-21', 'avd-22', 'avd-23', 'mott-med', 'avd-31', 'avd-32', 'akm'];
const LEVELS = ['div-lsv', 'vo-med', 'vo-kir'];
const MONTHS = ['2025-01', '2025-02', '2026-01', '2026-02', '2026-03'];

const DEFS: Indicator[] = [
  { id: indicatorIdFor('region', 'waitShare'), unitId: 'region', key: 'waitShare', nameSv: 'Väntande ≤ 90 dagar till första besök', perspective: 'medborgare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 70 } } as Indicator,
  { id: indicatorIdFor('region', 'hyrkostnad'), unitId: 'region', key: 'hyrkostnad', nameSv: 'Kostnad inhyrd personal', perspective: 'ekonomi', source: { kind: 'reported', form: 'value', grain: 'tertial', at: 'unit' }, unit: 'mnkr', direction: 'lower', target: { op: 'decrease' } } as Indicator,
  { id: indicatorIdFor('div-lsv', 'kpp'), unitId: 'div-lsv', key: 'kpp', nameSv: 'Produktivitet enligt KPP', perspective: 'ekonomi', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' }, unit: 'count', direction: 'higher', target: null } as Indicator,
];

let h: Harness;
let admin: Client;
let seq = 1;
let counter = 0;
const model = new Map<string, ReportedValue>();

function change(who: Client, entity: EntityName, id: string, unitId: string, op: 'insert' | 'patch' | 'delete', fields: Record<string, unknown>, s: number): Change {
  const hlc = formatHlc({ millis: NOW, counter: counter++, node: nodeFromDeviceId(who.deviceId) });
  return { seq: s, entity, id, unitId, op, fields, hlc, schemaVersion: SCHEMA_VERSION } as Change;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function randomValue(rand: () => number): ReportedValue {
  const r = rand();
  const unitId = rand() < 0.85 ? pick(rand, ENHETER) : pick(rand, LEVELS);
  if (r < 0.6) {
    const den = Math.floor(rand() * 300);
    const num = Math.floor(rand() * (den + 1));
    const split = rand() < 0.6;
    const denK = Math.floor(den / 2);
    const numK = Math.min(denK, Math.floor(num / 2));
    const period = pick(rand, MONTHS);
    return { id: reportedValueIdFor(unitId, 'waitShare', period), unitId, measure: 'waitShare', period, num, den, numK: split ? numK : null, denK: split ? denK : null, numM: split ? num - numK : null, denM: split ? den - denK : null, source: 'manual' } as ReportedValue;
  }
  if (r < 0.9) {
    const period = pick(rand, ['2025-T1', '2026-T1']);
    return { id: reportedValueIdFor(unitId, 'hyrkostnad', period), unitId, measure: 'hyrkostnad', period, num: Math.round(rand() * 400) / 100, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import' } as ReportedValue;
  }
  const period = pick(rand, ['2025', '2026']);
  const at = pick(rand, ['div-lsv', 'vo-med', 'avd-21']);
  return { id: reportedValueIdFor(at, 'kpp', period), unitId: at, measure: 'kpp', period, num: Math.floor(rand() * 200), den: null, numK: null, denK: null, numM: null, denM: null, source: 'manual' } as ReportedValue;
}

function randomBatch(rand: () => number, size: number): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < size; i++) {
    const v = randomValue(rand);
    const known = model.has(v.id);
    if (known && rand() < 0.2) {
      out.push(change(admin, 'reportedValue', v.id, v.unitId, 'delete', {}, seq++));
      model.delete(v.id);
      continue;
    }
    // Every write carries every field; a known cell is patched (and revived).
    const { id: _id, unitId: _u, measure: _m, period: _p, ...rest } = v;
    out.push(change(admin, 'reportedValue', v.id, v.unitId, known ? 'patch' : 'insert', known ? { ...rest, _deleted: false } : { ...v }, seq++));
    model.set(v.id, v);
  }
  return out;
}

function modelInput(units: OrgUnit[], rootId: string): IndicatorInput {
  return {
    units: units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })),
    rootId,
    today: TODAY,
    indicatorRows: DEFS,
    bhk: [],
    unitSettings: [],
    safetyEvents: [],
    safetyDays: [],
    shifts: [],
    staffingSettings: [],
    hrMonths: [],
    reported: [...model.values()],
  };
}

describe.each(STORES)('reported measures through sync (%s)', (dialect, factory) => {
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    admin = await loginAs(h, 'admin');
    seq = 1;
    counter = 0;
    model.clear();
    const res = await push(h, admin, DEFS.map((d) => change(admin, 'indicator', d.id, d.unitId, 'insert', { ...d }, seq++)));
    expect(res.ok && res.rejected).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`server = shared function = hand computation on random values (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const units = OrgResponse.parse((await call(h, 'GET', '/api/org', { token: admin })).json()).units;
    const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt }));
    const parents = new Set(tree.map((u) => u.parentId));
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      const res = await push(h, admin, randomBatch(rand, round === 0 ? 200 : 60));
      expect(res.ok && res.rejected).toEqual([]);
      for (const rootId of ['div-lsv', 'vo-med']) {
        for (const period of ['2026-02', '2026-T1', '2026', '2025-T1']) {
          const r = await call(h, 'GET', `/api/indicators/report?rootId=${rootId}&period=${period}`, { token: admin });
          expect(r.statusCode, r.body).toBe(200);
          const body = IndicatorReport.parse(r.json());
          expect(body).toEqual(await reportOfRows(modelInput(units, rootId), period, NOW));
          const range = periodRange(period);
          for (const node of body.nodes) {
            const under = new Set(subtreeIds(tree, node.id));
            const mine = [...model.values()].filter((v) => v.measure === 'waitShare' && under.has(v.unitId) && !parents.has(v.unitId) && `${v.period}-01` >= range.from && `${v.period}-01` <= range.to);
            const num = mine.reduce((s, v) => s + v.num, 0);
            const den = mine.reduce((s, v) => s + (v.den ?? 0), 0);
            const c = body.cells.find((x) => x.unitId === node.id && x.key === 'waitShare');
            if (den === 0) expect(c?.value ?? null).toBeNull();
            else {
              expect(c?.value).toBeCloseTo((num / den) * 100, 9);
              checked++;
            }
          }
        }
      }
    }
    // Not vacuous: many nodes had a pooled share to check.
    expect(checked).toBeGreaterThan(20);
  });

  it('a manager\'s device gets its leaf units\' values in their year blocks, not as rows, and a level\'s values both ways (rule 22)', async () => {
    const vochef = await loginAs(h, 'vochef');
    const units = OrgResponse.parse((await call(h, 'GET', '/api/org', { token: admin })).json()).units;
    const parents = new Set(units.map((u) => u.parentId));
    const under = new Set(subtreeIds(units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })), 'vo-med'));
    const feed = await pullAll(h, vochef);
    const rowsOf = feed.filter((c) => c.entity === 'reportedValue');
    expect(rowsOf.filter((c) => !parents.has(c.unitId))).toEqual([]);
    const blocks: FactBlock[] = [];
    for (let cursor = 0; ; ) {
      const page = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${cursor}&protocolVersion=4`, { token: vochef })).json());
      if (!page.ok) throw new Error('refused');
      blocks.push(...page.blocks);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const byId = (a: ReportedValue, b: ReportedValue) => (a.id < b.id ? -1 : 1);
    const expected = [...model.values()].filter((v) => under.has(v.unitId)).sort(byId);
    // Not vacuous: leaf units' and a level's values both.
    expect(expected.some((v) => parents.has(v.unitId)) && expected.some((v) => !parents.has(v.unitId))).toBe(true);
    expect(blocks.flatMap(reportedOfBlock).sort(byId)).toEqual(expected);
    // A change to a value gives its year's block a new number: the next page has it, alone.
    const head = Math.max(...blocks.map((b) => b.seq));
    const v = expected.find((x) => !parents.has(x.unitId) && x.period.startsWith('2026')) as ReportedValue;
    expect((await push(h, admin, [change(admin, 'reportedValue', v.id, v.unitId, 'patch', { num: 0, numK: v.numK === null ? null : 0, numM: v.numM === null ? null : 0 }, seq++)])).ok).toBe(true);
    model.set(v.id, { ...v, num: 0, numK: v.numK === null ? null : 0, numM: v.numM === null ? null : 0 });
    const next = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${head}&protocolVersion=4`, { token: vochef })).json());
    if (!next.ok) throw new Error('refused');
    expect(next.blocks.map((b) => `${b.unitId} ${b.block}`)).toEqual([`${v.unitId} Y2026`]);
    expect(reportedOfBlock(next.blocks[0] as FactBlock).find((x) => x.id === v.id)).toEqual(model.get(v.id));
    expect((await pullAll(h, vochef, feed.at(-1)?.serverSeq ?? 0)).filter((c) => c.id === v.id)).toEqual([]);
    // A change that loses to a later write (an older clock) changes nothing, yet its block is sent
    // again: the device that sent it drops its own row when the block arrives.
    const stale = { ...change(admin, 'reportedValue', v.id, v.unitId, 'patch', { num: 5 }, seq++), hlc: formatHlc({ millis: NOW - 60_000, counter: 0, node: nodeFromDeviceId(admin.deviceId) }) };
    expect(await push(h, admin, [stale])).toMatchObject({ ok: true, rejected: [] });
    const after = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${next.cursor}&protocolVersion=4`, { token: vochef })).json());
    if (!after.ok) throw new Error('refused');
    expect(after.blocks.map((b) => `${b.unitId} ${b.block}`)).toEqual([`${v.unitId} Y2026`]);
    expect(reportedOfBlock(after.blocks[0] as FactBlock).find((x) => x.id === v.id)).toEqual(model.get(v.id));
    // So is an HR month's (a device keeps its own HR write over the block until a block of its year comes).
    const month = { id: hrMonthIdFor('avd-21', '2026-04'), unitId: 'avd-21', month: '2026-04', kvotTotal: 5.5, kvotK: null, kvotM: null, korttid: null, ordinaryHours: 1600, source: 'import' };
    expect(await push(h, admin, [change(admin, 'hrMonth', month.id, 'avd-21', 'insert', month, seq++)])).toMatchObject({ ok: true, rejected: [] });
    const withHr = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${after.cursor}&protocolVersion=4`, { token: vochef })).json());
    if (!withHr.ok) throw new Error('refused');
    expect(withHr.blocks.map((b) => `${b.unitId} ${b.block}`)).toEqual(['avd-21 Y2026']);
    const staleHr = { ...change(admin, 'hrMonth', month.id, 'avd-21', 'patch', { kvotTotal: 9 }, seq++), hlc: formatHlc({ millis: NOW - 60_000, counter: 0, node: nodeFromDeviceId(admin.deviceId) }) };
    expect(await push(h, admin, [staleHr])).toMatchObject({ ok: true, rejected: [] });
    const afterHr = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${withHr.cursor}&protocolVersion=4`, { token: vochef })).json());
    if (!afterHr.ok) throw new Error('refused');
    expect(afterHr.blocks.map((b) => `${b.unitId} ${b.block}`)).toEqual(['avd-21 Y2026']);
    expect(decodeBlock(afterHr.blocks[0] as FactBlock).hr.find((m) => m.month === '2026-04')?.kvotTotal).toBe(5.5);
    // A client below protocol 3 replicates every row, the leaf units' values included.
    const old = (await pullAll(h, vochef, 0, 2)).filter((c) => c.entity === 'reportedValue');
    const oldIds = new Set(old.map((c) => c.id));
    const leafIds = expected.filter((x) => !parents.has(x.unitId)).map((x) => x.id);
    expect(leafIds.length).toBeGreaterThan(0);
    expect(leafIds.filter((id) => !oldIds.has(id))).toEqual([]);
  });

  it('a report reads the reported values of the periods inside its ranges only, summed as the shared code sums them', async () => {
    const old = { id: reportedValueIdFor('avd-21', 'waitShare', '2019-05'), unitId: 'avd-21', measure: 'waitShare', period: '2019-05', num: 1, den: 2, numK: null, denK: null, numM: null, denM: null, source: 'manual' } as ReportedValue;
    // And values whose sum depends on the order they are added in: (1e12 + 5e-5) + 5e-5 ≠ 1e12 + (5e-5 + 5e-5).
    const fractional = (['2026-T1', '2026-T2', '2026-T3'] as const).map((period, i) => ({ id: reportedValueIdFor('avd-22', 'hyrkostnad', period), unitId: 'avd-22', measure: 'hyrkostnad', period, num: [1e12, 0.00005, 0.00005][i] as number, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import' }) as ReportedValue);
    const write = (v: ReportedValue) => {
      const { id: _id, unitId: _u, measure: _m, period: _p, ...rest } = v;
      return model.has(v.id) ? change(admin, 'reportedValue', v.id, v.unitId, 'patch', { ...rest, _deleted: false }, seq++) : change(admin, 'reportedValue', v.id, v.unitId, 'insert', { ...v }, seq++);
    };
    const res = await push(h, admin, [old, ...fractional].map(write));
    expect(res.ok && res.rejected).toEqual([]);
    for (const v of [old, ...fractional]) model.set(v.id, v);
    const org = orgView(await h.store.listUnits());
    const root = org.get('div-lsv') as UnitRow;
    const under = new Set(subtreeIds(org.tree, 'div-lsv'));
    const ctx = await contextOf(h.store, org, root, NOW);
    // A month, a tertial, a year, a range that is no period, 2019's May, and years to a day (read from the year-to-month sums).
    const ranges = [periodRange('2026-02'), periodRange('2026-T1'), periodRange('2025'), { from: '2025-01-15', to: '2026-03-31' }, periodRange('2019-05'), { from: '2026-01-01', to: '2026-03-15' }, { from: '2026-01-01', to: '2026-05-31' }];
    const read = await (ctx.reportedSums as NonNullable<typeof ctx.reportedSums>)(ranges);
    expect(read).toEqual(reportedSumsByRange([...model.values()].filter((v) => under.has(v.unitId)), ranges));
    expect(read[4]?.get('avd-21')?.get('waitShare')).toMatchObject({ num: 1, den: 2, units: 1, reporters: 1 });
    const year = (await (ctx.reportedSums as NonNullable<typeof ctx.reportedSums>)([periodRange('2026')]))[0]?.get('avd-22')?.get('hyrkostnad');
    expect(year?.num).toBe(1e12 + 0.00005 + 0.00005);
    expect(1e12 + 0.00005 + 0.00005).not.toBe(1e12 + (0.00005 + 0.00005));
    // Not vacuous: each range but the last holds many units' sums.
    expect(read.slice(0, 4).every((m) => m.size > 3)).toBe(true);
  });

  it('a measure owned by its level (writers: owner) takes values only from that level\'s managers', async () => {
    const def = { id: indicatorIdFor('div-lsv', 'bemanningskostnad'), unitId: 'div-lsv', key: 'bemanningskostnad', nameSv: 'Bemanningskostnad (import)', perspective: 'ekonomi', source: { kind: 'reported', form: 'value', grain: 'month', at: 'unit', writers: 'owner' }, unit: 'mnkr', direction: 'lower' };
    const res = await push(h, admin, [change(admin, 'indicator', def.id, def.unitId, 'insert', def, seq++)]);
    expect(res.ok && res.rejected).toEqual([]);
    const v = (unitId: string) => ({ id: reportedValueIdFor(unitId, 'bemanningskostnad', '2026-02'), unitId, measure: 'bemanningskostnad', period: '2026-02', num: 1.5, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import' });
    const chef = await loginAs(h, 'avdchef21');
    const bad = await push(h, chef, [change(chef, 'reportedValue', v('avd-21').id, 'avd-21', 'insert', v('avd-21'), 1)]);
    expect(bad.ok && bad.rejected.map((r) => [r.code, r.path])).toEqual([['forbidden', ['measure']]]);
    const div = await loginAs(h, 'divisionschef');
    const ok = await push(h, div, [change(div, 'reportedValue', v('avd-21').id, 'avd-21', 'insert', v('avd-21'), 1)]);
    expect(ok.ok && ok.rejected).toEqual([]);
    // A measure without the setting stays the unit manager's (waitShare, above).
  });

  it('a unit manager writes values of the unit; staff may not (rejected alone, nothing applied)', async () => {
    const chef = await loginAs(h, 'avdchef21');
    const staff = await loginAs(h, 'personal21');
    const v = { id: reportedValueIdFor('avd-21', 'waitShare', '2026-03'), unitId: 'avd-21', measure: 'waitShare', period: '2026-03', num: 41, den: 100, numK: 20, denK: 49, numM: 21, denM: 51, source: 'manual' };
    const ok = await push(h, chef, [change(chef, 'reportedValue', v.id, v.unitId, 'insert', v, 1)]);
    expect(ok.ok && ok.rejected).toEqual([]);
    const bad = await push(h, staff, [change(staff, 'reportedValue', v.id, v.unitId, 'patch', { num: 99 }, 1)]);
    expect(bad.ok && bad.rejected.map((r) => [r.seq, r.code, r.path])).toEqual([[1, 'forbidden', ['entity']]]);
    const r = IndicatorReport.parse((await call(h, 'GET', '/api/indicators/report?rootId=avd-21&period=2026-03', { token: chef })).json());
    expect(r.cells.find((c) => c.key === 'waitShare')).toMatchObject({ value: 41, valueK: (20 / 49) * 100, valueM: (21 / 51) * 100 });
  });
});
