/**
 * The feed of facts (issue 16): flat, stable tables a BI tool (Power BI, Excel, Qlik) refreshes.
 * Counts stay counts: the feed never turns them into percentages, since a pooled figure needs the
 * parts (compliance = sum(total) / sum(n) over any set of units and days). Column names are the
 * wire names; a later column is only ever appended. Pure: the server fills and writes them.
 */
import { FAMILIES, type Family, fieldsOf, parseBhkKey } from '../domain/facts/families';

/** The fact tables: one per family (facts/families.ts), plus the HR months. */
export const FACT_TABLES = {
  bhk: 'bhk',
  safety: 'safety',
  'safety-categories': 'safetyCat',
  staffing: 'staff',
  beds: 'beds',
} as const satisfies Record<string, Family>;
export type FactTable = keyof typeof FACT_TABLES;
export const FEED_TABLES = ['units', ...(Object.keys(FACT_TABLES) as FactTable[]), 'hr', 'actions'] as const;
export type FeedTable = (typeof FEED_TABLES)[number];

export type FeedCell = string | number | boolean | null;
export type FeedRow = Record<string, FeedCell>;

/**
 * Actions and escalations without their free text (title, owner, note, the cause's words and the
 * escalation's reply stay in the app): status, dates, unit, where it was escalated and its answer.
 * `deleted` rows are sent too, so an incremental refresh can drop them.
 */
const ACTION_COLUMNS = [
  'actionId', 'unitId', 'status', 'due', 'createdAt', 'causeKind', 'escalatedTo', 'escalatedAt', 'escalationStatus',
  'escalationAnsweredBy', 'escalationAnsweredAt', 'deleted',
];

/** With `text=true`, for a caller allowed free text: the words as typed. */
export const ACTION_TEXT_COLUMNS = ['title', 'owner', 'note', 'causeLabel', 'escalationReply'];

/** An action row (its stored data) as a feed row: no free text unless `withText`. */
export function actionFeedRow(id: string, unitId: string, data: Record<string, unknown>, deleted: boolean, withText = false): FeedRow {
  const v = (k: string): FeedCell => (typeof data[k] === 'string' ? (data[k] as string) : null);
  const cause = data.cause as { kind?: unknown; label?: unknown } | null | undefined;
  const text: FeedRow = withText
    ? { title: v('title'), owner: v('owner'), note: v('note'), causeLabel: typeof cause?.label === 'string' ? cause.label : null, escalationReply: v('escalationReply') }
    : {};
  return {
    actionId: id,
    unitId,
    status: v('status'),
    due: v('due'),
    createdAt: v('createdAt'),
    causeKind: typeof cause?.kind === 'string' ? cause.kind : null,
    escalatedTo: v('escalatedTo'),
    escalatedAt: v('escalatedAt'),
    escalationStatus: v('escalationStatus'),
    escalationAnsweredBy: v('escalationAnsweredBy'),
    escalationAnsweredAt: v('escalationAnsweredAt'),
    deleted,
    ...text,
  };
}

/** What each table's rows hold, in column order. */
export function feedColumns(table: FeedTable): string[] {
  if (table === 'units') return ['unitId', 'hsaId', 'name', 'kind', 'parentId', 'closed', 'closedAt'];
  if (table === 'actions') return ACTION_COLUMNS;
  if (table === 'hr') return ['block', 'unitId', 'month', 'kvotTotal', 'kvotK', 'kvotM', 'korttid', 'ordinaryHours', 'source'];
  const family = FACT_TABLES[table];
  const split = family === 'bhk' ? ['source', 'profession'] : family === 'safetyCat' ? ['category'] : [];
  return ['block', 'unitId', 'grain', 'period', 'key', ...split, ...fieldsOf(family)];
}

/** One fact row as a feed row: the key split where it has parts (BHK source/profession, event category). */
export function factFeedRow(family: Family, block: string, r: { unitId: string; grain: string; period: string; key: string; v: readonly number[] }): FeedRow {
  const row: FeedRow = { block, unitId: r.unitId, grain: r.grain === 'd' ? 'day' : 'month', period: r.period, key: r.key };
  if (family === 'bhk') {
    const k = parseBhkKey(r.key);
    row.source = k.self ? 'self' : 'observed';
    row.profession = k.profession;
  }
  if (family === 'safetyCat') row.category = r.key;
  fieldsOf(family).forEach((f, i) => {
    row[f] = r.v[i] ?? 0;
  });
  return row;
}

/** A page of the feed: rows, and where the next refresh starts. */
export interface FeedPage {
  table: FeedTable;
  columns: string[];
  rows: FeedRow[];
  /**
   * Fact tables are sent in blocks: a unit's year of month rows (`Y2026`) or a month of day rows
   * (`D2026-03`). A refresh from `since` gets every block changed after it, whole: replace the
   * rows of each listed block (rows of a block can disappear when a record is deleted).
   */
  blocks: { unitId: string; block: string }[];
  /** Pass as `since` to get what changed after this page. */
  cursor: number;
  /** More pages wait after `cursor` (fetch again with since=cursor). */
  more: boolean;
}

/** RFC 4180 CSV (comma, CRLF, UTF-8) with the same columns as the JSON; formulas are defused. */
export function feedCsv(columns: readonly string[], rows: readonly FeedRow[]): string {
  const field = (v: FeedCell): string => {
    if (v === null) return '';
    const s = String(v);
    const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? null)).join(','))].join('\r\n')}\r\n`;
}

/** Every family has a table (a new family must be added above). */
export const FAMILY_TABLES_COMPLETE = Object.keys(FAMILIES).every((f) => Object.values(FACT_TABLES).includes(f as Family));
