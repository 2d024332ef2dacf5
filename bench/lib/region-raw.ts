/**
 * The hand-written GROUP BYs the region section measures the indicator report and CSV against:
 * the same numbers the report's root cells show, computed straight from the raw rows of the
 * whole subtree in one pass per entity — BHK observed and all-correct (bhkTotal), the Gröna
 * korset green and filled days and the harm days (greenShare, harmDays), staff sick of planned
 * (sickShare), and the reported measures' sums of the months in the range (waitShare's numerator,
 * denominator and women's share, as the report divides it; hiredCost). They ignore corrections and voids, which the
 * generated data does not contain.
 */
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS } from '../../src/shared/schema/bhk-observation';
import type { RawDb } from './rawdb';

export interface RawFigures {
  bhkN: number;
  bhkOk: number;
  green: number;
  filled: number;
  harm: number;
  sick: number;
  planned: number;
  waitNum: number;
  waitDen: number;
  waitK: number;
  hired: number;
}

const like = (path: string) => `${path}%`;

export async function rawIndicatorFigures(raw: RawDb, path: string, from: string, to: string): Promise<RawFigures> {
  const pg = raw.dialect === 'postgres';
  const d = pg ? 'r.data::jsonb' : 'r.data';
  const f = (p: string) => (pg ? `(d #>> '{${p.split('.').join(',')}}')` : `json_extract(d, '$.${p}')`);
  const fence = pg ? ' offset 0' : '';
  const scope = `from rows r join units u on u.id = r.unit_id where u.path like ? escape '\\' and r.deleted = 0 and r.sort_key between ? and ?`;
  const okAll = [...BHK_HYGIENE_STEPS, ...BHK_DRESS_STEPS].map((s) => `${f(`steps.${s}`)} = 'nej'`).join(' or ');
  const params = [like(path), from, to];
  const [bhk] = await raw.query<{ n: number; ok: number }>(
    `select count(*) as n, sum(case when ${okAll} then 0 else 1 end) as ok from (select ${d} as d ${scope} and r.entity = 'bhkObservation'${fence}) x`,
    params,
  );
  const [staff] = await raw.query<{ sick: number; planned: number }>(
    `select sum(cast(${f('sick')} as integer)) as sick, sum(cast(${f('planned')} as integer)) as planned from (select ${d} as d ${scope} and r.entity = 'staffingShift'${fence}) x`,
    params,
  );
  const conf = pg ? `case when (d ->> 'confirmedGreen')::boolean then 1 else 0 end` : `case when json_extract(d, '$.confirmedGreen') then 1 else 0 end`;
  const harm = `case when ${f('severity')} in ('orange', 'rod') then 1 else 0 end`;
  const [safety] = await raw.query<{ green: number; filled: number; harm: number }>(
    `select sum(case when conf = 1 and ev = 0 then 1 else 0 end) as green, count(*) as filled, sum(case when harm > 0 then 1 else 0 end) as harm from (
       select unit_id, day, max(conf) as conf, sum(ev) as ev, sum(harm) as harm from (
         select unit_id, day, ${conf} as conf, 0 as ev, 0 as harm from (select r.unit_id, r.sort_key as day, ${d} as d ${scope} and r.entity = 'safetyDay'${fence}) a
         union all
         select unit_id, day, 0, 1, ${harm} from (select r.unit_id, r.sort_key as day, ${d} as d ${scope} and r.entity = 'safetyEvent'${fence}) b
       ) x group by unit_id, day
     ) y where conf = 1 or ev > 0`,
    [...params, ...params],
  );
  // Reported values are filed by their period (a month here), not by a date.
  const months = [like(path), from.slice(0, 7), to.slice(0, 7)];
  const int = (p: string) => `cast(${f(p)} as bigint)`;
  const wait = (p: string) => `sum(case when ${f('measure')} = 'waitShare' then ${int(p)} else 0 end)`;
  const [rep] = await raw.query<{ wn: number; wd: number; wk: number; wdk: number; hired: number }>(
    `select ${wait('num')} as wn, ${wait('den')} as wd, ${wait('numK')} as wk, ${wait('denK')} as wdk, sum(case when ${f('measure')} = 'hiredCost' then ${int('num')} else 0 end) as hired from (select ${d} as d ${scope} and r.entity = 'reportedValue'${fence}) x`,
    months,
  );
  const n = (v: unknown) => Number(v ?? 0);
  return {
    waitNum: n(rep?.wn),
    waitDen: n(rep?.wd),
    waitK: n(rep?.wdk) > 0 ? (n(rep?.wk) / n(rep?.wdk)) * 100 : 0,
    hired: n(rep?.hired),
    bhkN: n(bhk?.n),
    bhkOk: n(bhk?.ok),
    green: n(safety?.green),
    filled: n(safety?.filled),
    harm: n(safety?.harm),
    sick: n(staff?.sick),
    planned: n(staff?.planned),
  };
}

interface Cell {
  unitId: string;
  key: string;
  value: number | null;
  num: number | null;
  den: number | null;
  valueK: number | null;
}

/** The same figures read from the report's root cells. */
export function reportFigures(report: { rootId: string; cells: Cell[] }): RawFigures {
  const cell = (key: string): Cell => {
    const c = report.cells.find((x) => x.unitId === report.rootId && x.key === key);
    if (c === undefined) throw new Error(`the report has no ${key} cell at its root`);
    return c;
  };
  const n = (v: number | null) => v ?? 0;
  return {
    bhkN: n(cell('bhkTotal').den),
    bhkOk: n(cell('bhkTotal').num),
    green: n(cell('greenShare').num),
    filled: n(cell('greenShare').den),
    harm: n(cell('harmDays').value),
    sick: n(cell('sickShare').num),
    planned: n(cell('sickShare').den),
    waitNum: n(cell('waitShare').num),
    waitDen: n(cell('waitShare').den),
    waitK: n(cell('waitShare').valueK),
    hired: n(cell('hiredCost').num),
  };
}

/** Lines where the two disagree (none = equal). */
export function figureDifferences(route: RawFigures, group: RawFigures): string[] {
  return (Object.keys(group) as (keyof RawFigures)[]).filter((k) => route[k] !== group[k]).map((k) => `${k}: route ${route[k]} ≠ GROUP BY ${group[k]}`);
}
