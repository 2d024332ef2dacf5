/**
 * Excel files from the server (issue 16), on SQLite and PostgreSQL: /api/export/bhk.xlsx and
 * /api/export/indicators.xlsx read back with ExcelJS (not the writer) hold the roll-up's and the
 * report's numbers as typed cells, a frozen header and sized columns; the app's JSON form carries
 * the same file; a key reads them as a BI tool would.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/store';
import { BhkPeriodRollupResponse } from '../../src/shared/bhk-api';
import { IndicatorReport } from '../../src/shared/indicators-api';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, MONTH, NOW, push, TODAY } from './helpers';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe.each([
  ['SQLite', async (): Promise<Store | undefined> => undefined],
  ['PostgreSQL', async (): Promise<Store | undefined> => (await assertPgReachable(), freshPgStore())],
] as const)('Excel exports on %s', (_, makeStore) => {
  let h: Harness;
  let vochef: Client;
  beforeAll(async () => {
    h = await harness({}, await makeStore());
    vochef = await loginAs(h, 'vochef');
    const t = await enrolTablet(h, vochef, 'avd-21');
    const box = outbox(t.deviceId, NOW);
    await push(h, t, [box.insertObs(observation('avd-21', TODAY)), box.insertObs(observation('avd-21', TODAY, { steps: { ...observation('x', TODAY).steps, gloves: 'nej' } }))]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('bhk.xlsx: the roll-up\'s figures as typed numbers and the observations with dates', async () => {
    const res = await call(h, 'GET', `/api/export/bhk.xlsx?rootId=vo-med&period=${MONTH}`, { token: vochef });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`bhk-vo-medicin-${MONTH}.xlsx`);
    const wb = await read(res.rawPayload);
    const summary = wb.getWorksheet('Sammanställning')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rollup = BhkPeriodRollupResponse.parse((await call(h, 'GET', `/api/bhk/rollup?rootId=vo-med&period=${MONTH}`, { token: vochef })).json());
    const root = rollup.nodes.find((n) => n.unitId === 'vo-med')!;
    const total = summary.getRow(2);
    expect([total.getCell(5).value, total.getCell(6).value]).toEqual([Object.values(root.professions).reduce((a, p) => a + p.totalAllOk, 0), root.counts.n]);
    expect(total.getCell(4).value).toBe(0.5);
    expect(total.getCell(4).numFmt).toBe('0.0%');
    const obs = wb.getWorksheet('Observationer')!;
    expect(obs.rowCount).toBe(1 + root.counts.n);
    expect(obs.getRow(2).getCell(1).value).toEqual(new Date(`${TODAY}T00:00:00Z`));
    // The app's JSON form carries the same file.
    const json = await call(h, 'GET', `/api/export/bhk.xlsx?rootId=vo-med&period=${MONTH}`, { token: vochef, headers: { accept: 'application/json' } });
    const body = json.json() as { filename: string; base64: string };
    expect(body.filename).toBe(`bhk-vo-medicin-${MONTH}.xlsx`);
    expect((await read(Buffer.from(body.base64, 'base64'))).getWorksheet('Observationer')!.rowCount).toBe(obs.rowCount);
  });

  it('indicators.xlsx read with an API key (HTTP Basic): every report cell, its value a number', async () => {
    const created = await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Excel', scopeUnitId: 'vo-med' } });
    const { secret } = created.json() as { secret: string };
    const res = await call(h, 'GET', `/api/export/indicators.xlsx?rootId=vo-med&period=${MONTH}`, { headers: { authorization: `Basic ${Buffer.from(`excel:${secret}`).toString('base64')}` } });
    expect(res.statusCode).toBe(200);
    const report = IndicatorReport.parse((await call(h, 'GET', `/api/indicators/report?rootId=vo-med&period=${MONTH}`, { token: vochef })).json());
    const ws = (await read(res.rawPayload)).worksheets[0]!;
    expect(ws.rowCount).toBe(1 + report.cells.length);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const value = header.indexOf('Utfall') + 1;
    const withValue = report.cells.filter((c) => c.value !== null).length;
    let numbers = 0;
    ws.eachRow((row, i) => {
      if (i > 1 && typeof row.getCell(value).value === 'number') numbers++;
    });
    expect(numbers).toBe(withValue);
    expect(withValue).toBeGreaterThan(0);
    for (let c = 1; c <= header.length; c++) expect(ws.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(3);
  });
});
