/**
 * Compact wire forms (issue 17). Gröna korset's roll-up with `form=compact` (days as tuples) and
 * with `form=packed` (the app's: a unit's days as one character each) expands to exactly the full
 * answer. The indicator report's (shared/indicators-api.ts): the route's
 * `form=compact` answer, checked by its schema and expanded, is exactly the report the route gives
 * as objects (the demo region's tree and figures, a month and a year), in well under half the
 * bytes; its `form=packed` answer (the app's) likewise, in fewer bytes than the compact one, each
 * distinct target once and the split by sex only where a cell has one; a report whose cells are
 * not node × definition in order is refused rather than sent mislabelled, a packed cell naming a
 * target the report lacks is refused; an unknown form is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactIndicatorReport, compactReport, expandPackedReport, expandReport, IndicatorReport, PackedIndicatorReport, packReport } from '../../src/shared/indicators-api';
import { CompactSafetyRollupResponse, expandSafetyRollup, PackedSafetyRollupResponse, SafetyRollupResponse } from '../../src/shared/api-safety';
import { call, type Client, expectError, type Harness, harness, loginAs, MONTH } from './helpers';

let h: Harness;
let admin: Client;
beforeAll(async () => {
  h = await harness();
  admin = await loginAs(h, 'admin');
});
afterAll(async () => {
  await h.close();
});

const get = (query: string) => call(h, 'GET', `/api/indicators/report?${query}`, { token: admin });

describe('the compact and packed indicator report', () => {
  for (const [rootId, period] of [['region', MONTH], ['region', MONTH.slice(0, 4)], ['vo-med', MONTH], ['avd-21', MONTH]] as const) {
    it(`${rootId} ${period}: expands to exactly the report as objects, in fewer bytes`, async () => {
      const plain = await get(`rootId=${rootId}&period=${period}`);
      const compact = await get(`rootId=${rootId}&period=${period}&form=compact`);
      expect(plain.statusCode, plain.body).toBe(200);
      expect(compact.statusCode, compact.body).toBe(200);
      const report = IndicatorReport.parse(plain.json());
      expect(report.cells.length).toBeGreaterThan(0);
      expect(expandReport(CompactIndicatorReport.parse(compact.json()))).toEqual(report);
      if (rootId === 'region') expect(compact.body.length).toBeLessThan(plain.body.length / 2);
    });
  }

  for (const [rootId, period] of [['region', MONTH], ['region', MONTH.slice(0, 4)], ['avd-21', MONTH]] as const) {
    it(`${rootId} ${period}: packed, expands to exactly the report as objects, in fewer bytes than compact`, async () => {
      const plain = await get(`rootId=${rootId}&period=${period}`);
      const compact = await get(`rootId=${rootId}&period=${period}&form=compact`);
      const packed = await get(`rootId=${rootId}&period=${period}&form=packed`);
      expect(packed.statusCode, packed.body).toBe(200);
      const report = IndicatorReport.parse(plain.json());
      const p = PackedIndicatorReport.parse(packed.json());
      expect(expandPackedReport(p)).toEqual(report);
      // Made directly, it is what packing the compact answer gives.
      expect(p).toEqual(packReport(CompactIndicatorReport.parse(compact.json())));
      expect(packed.body.length).toBeLessThan(compact.body.length);
      // Each distinct target once; cells with a split by sex carry it, the others do not.
      expect(new Set(p.targets.map((t) => JSON.stringify(t))).size).toBe(p.targets.length);
      const split = report.cells.filter((c) => c.valueK !== null || c.valueM !== null || c.compareK !== null || c.compareM !== null).length;
      expect(p.cells.filter((c) => c.length === 15).length).toBe(split);
      if (rootId === 'region') expect(p.targets.length).toBeLessThan(p.cells.length / 10);
    });
  }

  it('its schema refuses a cell of another length, a target index that is not a whole number, a wrong status', async () => {
    const p = PackedIndicatorReport.parse((await get(`rootId=vo-med&period=${MONTH}&form=packed`)).json());
    const first = p.cells[0] as unknown[];
    const withCell = (c: unknown[]) => ({ ...p, cells: [c, ...p.cells.slice(1)] });
    expect(PackedIndicatorReport.safeParse(withCell([...first])).success).toBe(true);
    expect(PackedIndicatorReport.safeParse(withCell([...first, null])).success).toBe(false);
    expect(PackedIndicatorReport.safeParse(withCell(first.slice(0, 10))).success).toBe(false);
    expect(PackedIndicatorReport.safeParse(withCell(first.map((x, i) => (i === 8 ? 0.5 : x)))).success).toBe(false);
    expect(PackedIndicatorReport.safeParse(withCell(first.map((x, i) => (i === 5 ? 'bra' : x)))).success).toBe(false);
  });

  it('refuses a packed cell naming a target the report does not have', async () => {
    const p = PackedIndicatorReport.parse((await get(`rootId=vo-med&period=${MONTH}&form=packed`)).json());
    const [first, ...rest] = p.cells;
    for (const index of [p.targets.length, -1]) {
      const bad = [...(first as unknown[])];
      bad[8] = index;
      expect(() => expandPackedReport({ ...p, cells: [bad as typeof first, ...rest] as typeof p.cells })).toThrow(/names target/);
    }
  });

  it('refuses cells out of node × definition order, and a compact form that does not add up', async () => {
    const report = IndicatorReport.parse((await get(`rootId=vo-med&period=${MONTH}`)).json());
    expect(report.defs.length).toBeGreaterThan(1);
    const swapped = { ...report, cells: [report.cells[1], report.cells[0], ...report.cells.slice(2)] } as IndicatorReport;
    expect(() => compactReport(swapped)).toThrow(/out of order/);
    const short = compactReport(report);
    expect(() => expandReport({ ...short, cells: short.cells.slice(1) })).toThrow(/one cell per node/);
  });

  it('an unknown form is refused with the field named', async () => {
    expect(expectError(await get(`rootId=region&period=${MONTH}&form=tiny`), 400, 'validation').path).toEqual(['form']);
  });
});

describe('the compact and packed Gröna korset roll-up', () => {
  it('each expands to exactly the full answer, in fewer bytes, and an unknown form is refused', async () => {
    for (const rootId of ['region', 'avd-21']) {
      const q = `/api/rollup/safety?rootId=${rootId}&month=${MONTH}`;
      const plain = await call(h, 'GET', q, { token: admin });
      const compact = await call(h, 'GET', `${q}&form=compact`, { token: admin });
      expect(plain.statusCode, plain.body).toBe(200);
      const full = SafetyRollupResponse.parse(plain.json());
      expect(full.nodes.length).toBeGreaterThan(0);
      expect(expandSafetyRollup(CompactSafetyRollupResponse.parse(compact.json()))).toEqual(full);
      expect(compact.body.length).toBeLessThan(plain.body.length / 2);
      // Packed (the app's form): the units' own crosses as a character a day, the levels as tuples.
      const packed = await call(h, 'GET', `${q}&form=packed`, { token: admin });
      const p = PackedSafetyRollupResponse.parse(packed.json());
      expect(expandSafetyRollup(p)).toEqual(full);
      expect(p.nodes.filter((n) => n.leaf).every((n) => typeof n.counts.days === 'string')).toBe(true);
      expect(packed.body.length).toBeLessThan(compact.body.length);
    }
    // The region's levels pool several units a day: tuples.
    const region = PackedSafetyRollupResponse.parse((await call(h, 'GET', `/api/rollup/safety?rootId=region&month=${MONTH}&form=packed`, { token: admin })).json());
    expect(region.nodes.some((n) => !n.leaf && Array.isArray(n.counts.days))).toBe(true);
    expect(expectError(await call(h, 'GET', `/api/rollup/safety?rootId=region&month=${MONTH}&form=x`, { token: admin }), 400, 'validation').path).toEqual(['form']);
  });
});
