/**
 * An indicator table (IndicatorReport) as CSV for Swedish Excel, like the BHK export: UTF-8 with
 * a byte-order mark, `;` between fields, CRLF line ends, decimal comma, and every field through
 * bhk-csv.ts's csvText/csvField (quoting, and an apostrophe before anything Excel would run as a formula:
 * unit and indicator names are typed by people). One row per node × indicator, in report order.
 * The server's export route and a manager's device both call this.
 */
import type { CompactIndicatorReport, IndicatorCell, IndicatorDef, IndicatorNode, IndicatorReport, IndicatorStatus, TrendArrow } from '../../indicators-api';
import type { IndicatorTarget } from '../../schema/indicator';
import type { UnitKind } from '../../schema/org-unit';
import { csvText, fileSlug } from '../bhk-csv';

type Lang = 'sv' | 'en';

const TEXT = {
  sv: {
    header: ['Enhet', 'Nivå', 'Indikator', 'Period', 'Utfall', 'Mål', 'Status', 'Trend', 'n', 'Rapporterande enheter'],
    status: { met: '● uppfyllt', partial: '▲ delvis', notMet: '◆ ej uppfyllt', unmeasurable: '□ ej mätbart' },
    kind: { region: 'Region', division: 'Division', vo: 'Verksamhetsområde', enhet: 'Enhet' },
    increase: 'Öka',
    decrease: 'Minska',
    of: 'av',
  },
  en: {
    header: ['Unit', 'Level', 'Indicator', 'Period', 'Result', 'Target', 'Status', 'Trend', 'n', 'Reporting units'],
    status: { met: '● met', partial: '▲ partly met', notMet: '◆ not met', unmeasurable: '□ not measurable' },
    kind: { region: 'Region', division: 'Division', vo: 'Department', enhet: 'Unit' },
    increase: 'Increase',
    decrease: 'Decrease',
    of: 'of',
  },
} satisfies Record<Lang, { status: Record<IndicatorStatus, string>; kind: Record<UnitKind, string> } & Record<string, unknown>>;

const ARROWS: Record<TrendArrow, string> = { up: '↑', down: '↓', flat: '→', diverging: '↕', none: '' };

const UNIT_SUFFIX = { pct: ' %', count: '', days: '', kr: ' kr', mnkr: ' mnkr' } as const;

/** Decimal comma; one decimal for percentages and fractions, none for whole numbers. */
export function decimal(value: number, decimals: number): string {
  const text = value.toFixed(decimals).replace('.', ',');
  // "-0,0" (a tiny negative rounded) is written "0,0"; only a text starting with "-" is looked at.
  return text.charCodeAt(0) === 45 ? text.replace(/^-(0(,0*)?)$/, '$1') : text;
}

const decimalsFor = (def: IndicatorDef, value: number): number => (def.unit === 'pct' || !Number.isInteger(value) ? 1 : 0);

function targetText(def: IndicatorDef, target: IndicatorTarget | null, lang: Lang): string {
  if (target === null) return '';
  if (target.op === 'increase') return TEXT[lang].increase;
  if (target.op === 'decrease') return TEXT[lang].decrease;
  const sign = target.op === 'gte' ? '≥' : '≤';
  const bound = (v: number) => `${sign} ${decimal(v, Number.isInteger(v) ? 0 : 1)}${UNIT_SUFFIX[def.unit]}`;
  // A target per sex: "K ≤ 16 % M ≤ 17,2 %" (K/M as the region's documents write it), in brackets after the total's.
  const perSex = target.k !== undefined && target.m !== undefined ? `K ${bound(target.k)} M ${bound(target.m)}` : '';
  if (target.value === undefined) return perSex;
  return perSex === '' ? bound(target.value) : `${bound(target.value)} (${perSex})`;
}

/** "indikatorer-division-medicin-2026-11.csv". */
export function indicatorCsvFilename(rootName: string, period: string): string {
  return `indikatorer-${fileSlug(rootName)}-${period}.csv`;
}

export function indicatorCsv(report: IndicatorReport, lang: Lang = 'sv'): { filename: string; csv: string } {
  const { filename, rows } = indicatorCsvRows(report, lang);
  return { filename, csv: csvText([...rows]) };
}

/**
 * The file's rows (header first) and name from a report's cells: what a device writes (the
 * server streams the same rows from the compact report, indicatorCsvRowsCompact). The rows are
 * made as they are read, so a region's 17,000 can be formatted chunk by chunk between a server's
 * turns of the event loop, not all before the first byte (issue 17).
 */
export function indicatorCsvRows(report: IndicatorReport, lang: Lang = 'sv'): { filename: string; rows: Iterable<string[]> } {
  return { filename: filenameOf(report), rows: csvRowsOf(report, cellFinder(report.cells), lang) };
}

/**
 * The same file from the report's compact form (indicators-api.ts), as the server streams it: the
 * cells read from their tuples where they stand (node by node, each node's in `defs` order), so a
 * region's 17,000 full cell objects (20 fields) are never made; a row takes the 7 figures it shows.
 */
export function indicatorCsvRowsCompact(report: CompactIndicatorReport, lang: Lang = 'sv'): { filename: string; rows: Iterable<string[]> } {
  const width = report.defs.length;
  if (report.cells.length !== report.nodes.length * width) throw new Error('a compact report needs one cell per node and definition');
  const cellAt: CellAt = (_node, _def, ni, di) => {
    const t = report.cells[ni * width + di];
    return t === undefined ? undefined : { value: t[0], n: t[3], status: t[9], trend: t[10], target: t[12], reporting: t[13], expected: t[14] };
  };
  return { filename: filenameOf(report), rows: csvRowsOf(report, cellAt, lang) };
}

const filenameOf = (report: Pick<IndicatorReport, 'nodes' | 'rootId' | 'period'>) => indicatorCsvFilename(report.nodes[0]?.name ?? report.rootId, report.period);

/** What a row shows of a cell. */
type CsvCell = Pick<IndicatorCell, 'value' | 'target' | 'status' | 'trend' | 'n' | 'reporting' | 'expected'>;
/** The cell of a node (index `ni` in the report's nodes) and a definition (index `di`), if the report has one. */
type CellAt = (node: IndicatorNode, def: IndicatorDef, ni: number, di: number) => CsvCell | undefined;

/**
 * Finds a node's cell for a definition. indicatorReport writes the cells node by node in the
 * definitions' order, so the next cell is the one asked for and a region's 17,000 are found without
 * a key each; a report in any other order is looked up by key (built on first need).
 */
function cellFinder(cells: readonly IndicatorCell[]): CellAt {
  let next = 0;
  let byKey: Map<string, IndicatorCell> | undefined;
  return (node, def) => {
    const c = cells[next];
    if (c !== undefined && c.unitId === node.id && c.key === def.key) {
      next++;
      return c;
    }
    byKey ??= new Map(cells.map((x) => [`${x.unitId}\u0000${x.key}`, x]));
    return byKey.get(`${node.id}\u0000${def.key}`);
  };
}

function* csvRowsOf(report: Pick<IndicatorReport, 'nodes' | 'defs' | 'period'>, cellAt: CellAt, lang: Lang): Generator<string[]> {
  const t = TEXT[lang];
  // On the server a column's cells share their target objects (a region's 17,000 cells hold one per definition):
  // each one's words are written once, not per cell. A report parsed from JSON (a device's) has
  // an object per cell; there every cell misses and is written as before.
  const targetTexts = new Map<IndicatorDef, Map<IndicatorTarget | null, string>>();
  const targetOf = (def: IndicatorDef, target: IndicatorTarget | null): string => {
    let byTarget = targetTexts.get(def);
    if (byTarget === undefined) targetTexts.set(def, (byTarget = new Map()));
    let text = byTarget.get(target);
    if (text === undefined) byTarget.set(target, (text = targetText(def, target, lang)));
    return text;
  };
  yield t.header;
  for (let ni = 0; ni < report.nodes.length; ni++) {
    const node = report.nodes[ni] as IndicatorNode;
    for (let di = 0; di < report.defs.length; di++) {
      const def = report.defs[di] as IndicatorDef;
      const c = cellAt(node, def, ni, di);
      if (c === undefined) continue;
      yield [
        node.name,
        t.kind[node.kind],
        def.name[lang],
        report.period,
        c.value === null ? '' : decimal(c.value, decimalsFor(def, c.value)),
        targetOf(def, c.target),
        t.status[c.status],
        ARROWS[c.trend],
        String(c.n % 1 === 0 ? c.n : decimal(c.n, 1)),
        `${c.reporting} ${t.of} ${c.expected}`,
      ];
    }
  }
}
