/**
 * The hand-written minimal roll-ups that item 4 measures the routes against: one GROUP BY over
 * the same rows per unit of the division. BHK computes the same pooled counts as the route
 * (n, self-assessed, ja/nej per step, all-correct for hygiene, dress and all 8); Gröna korset
 * counts events by severity and colours every unit's day as the route's cross does (its worst
 * event, else green if confirmed), counting the days of each colour; staffing sums the shift
 * counts. They ignore corrections and voids, which the generated data does not contain, so
 * where both answers name the same total they must agree exactly.
 */
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS, BHK_STEPS } from '../../src/shared/schema/bhk-observation';
import type { RawDb } from '../lib/rawdb';

export type Totals = Record<string, number>;
type Dialect = RawDb['dialect'];

/** JSON field access on the subquery's parsed column `d`. */
const field = (dialect: Dialect, path: string[], cast = '') =>
  dialect === 'sqlite' ? `json_extract(d, '$.${path.join('.')}')` : `((d #>> '{${path.join(',')}}')${cast})`;

/**
 * One entity's rows of the division-month, grouped by unit: the same WHERE as the store's
 * listRows, so both sides take the same access path. `data` is text on both dialects;
 * PostgreSQL parses it once per row in the subquery (without the OFFSET 0 fence the planner
 * inlines the cast into every use, 5–10× slower with the ~40 uses of the BHK query).
 */
function perUnit(dialect: Dialect, entity: string, cols: readonly string[]): string {
  return `select unit_id, ${cols.join(', ')} from (${rowsOf(dialect, entity)}) x group by unit_id`;
}

/** An entity's rows of the division-month with unit, day (its sort key) and parsed data `d`. */
function rowsOf(dialect: Dialect, entity: string): string {
  const d = dialect === 'sqlite' ? 'r.data as d' : 'r.data::jsonb as d';
  const fence = dialect === 'sqlite' ? '' : ' offset 0';
  return `select r.unit_id, r.sort_key as day, ${d} from rows r join units u on u.id = r.unit_id
          where r.entity = '${entity}' and r.deleted = 0 and r.sort_key >= ? and r.sort_key <= ? and u.path like ? escape '\\'${fence}`;
}

/**
 * Gröna korset's cross: each unit's day is its worst event's colour, else green if confirmed
 * (domain/safety-colour.ts); the days of each colour over the units and the month. The route
 * answers these per day and node; its root's days summed are these four numbers.
 */
function crossSql(dialect: Dialect): string {
  const rank = `case ${field(dialect, ['severity'])} when 'rod' then 3 when 'orange' then 2 else 1 end`;
  const green = `case when ${field(dialect, ['confirmedGreen'], '::boolean')} then 1 else 0 end`;
  return `select sum(case when worst = 0 and green = 1 then 1 else 0 end) as green_days,
      sum(case when worst = 1 then 1 else 0 end) as yellow_days,
      sum(case when worst = 2 then 1 else 0 end) as orange_days,
      sum(case when worst = 3 then 1 else 0 end) as red_days
    from (select unit_id, day, max(green) as green, max(worst) as worst
          from (select unit_id, day, ${green} as green, 0 as worst from (${rowsOf(dialect, 'safetyDay')}) x
                union all
                select unit_id, day, 0 as green, ${rank} as worst from (${rowsOf(dialect, 'safetyEvent')}) y) z
          group by unit_id, day) w`;
}

function bhkCols(dialect: Dialect): string[] {
  const step = (s: string) => field(dialect, ['steps', s]);
  const noNej = (steps: readonly string[]) => `sum(case when ${steps.map((s) => `${step(s)} = 'nej'`).join(' or ')} then 0 else 1 end)`;
  return [
    'count(*) as n',
    `sum(case when ${field(dialect, ['selfAssessment'], '::boolean')} then 1 else 0 end) as self_n`,
    ...BHK_STEPS.flatMap((s, i) => [`sum(case when ${step(s)} = 'ja' then 1 else 0 end) as s${i}_ja`, `sum(case when ${step(s)} = 'nej' then 1 else 0 end) as s${i}_nej`]),
    `${noNej(BHK_HYGIENE_STEPS)} as hygiene_ok`,
    `${noNej(BHK_DRESS_STEPS)} as dress_ok`,
    `${noNej(BHK_STEPS)} as total_ok`,
  ];
}

const STAFF = ['planned', 'sick', 'vab', 'otherAbsence', 'covered'];

export type GroupBoard = 'bhk' | 'safety' | 'staffing';

/** The board's GROUP BYs; each binds (from, to, path) once per entity it reads. */
const SQL: Record<GroupBoard, { sql: (d: Dialect) => string }[]> = {
  bhk: [{ sql: (d) => perUnit(d, 'bhkObservation', bhkCols(d)) }],
  safety: [
    { sql: (d) => perUnit(d, 'safetyEvent', ['count(*) as events', `sum(case when ${field(d, ['severity'])} = 'rod' then 1 else 0 end) as red`]) },
    { sql: crossSql },
  ],
  staffing: [{ sql: (d) => perUnit(d, 'staffingShift', STAFF.map((f) => `sum(${field(d, [f], '::int')}) as ${f.toLowerCase()}`)) }],
};

/** Runs the board's GROUP BYs for one division-month and pools every column over the units. */
export async function groupBy(raw: RawDb, board: GroupBoard, divisionPath: string, month: string): Promise<Totals> {
  const out: Totals = {};
  for (const { sql } of SQL[board]) {
    const text = sql(raw.dialect);
    const params = Array.from({ length: (text.match(/\?/g)?.length ?? 0) / 3 }, () => [`${month}-01`, `${month}-31`, `${divisionPath}%`]).flat();
    const rows = await raw.query<Record<string, unknown>>(text, params);
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'unit_id') out[k] = (out[k] ?? 0) + Number(v);
  }
  return out;
}
