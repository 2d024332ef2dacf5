/**
 * The indicator report as a Workbook (sheet.ts) for "Ladda ner Excel": the CSV's rows with typed
 * cells: the result as a number (and, for percentage indicators, as a formatted percentage), its
 * numerator, denominator and n as numbers, and the reporting units as counts. Pure.
 */
import type { IndicatorCell, IndicatorReport } from '../indicators-api';
import type { Sheet, Workbook } from './sheet';

type Lang = 'sv' | 'en';

const TEXT = {
  sv: {
    sheet: 'Indikatorer',
    cols: ['Enhet', 'Nivå', 'Indikator', 'Period', 'Utfall', 'Andel', 'Täljare', 'Nämnare', 'n', 'Mål', 'Status', 'Trend', 'Rapporterande enheter', 'Av enheter'],
    status: { met: 'uppfyllt', partial: 'delvis', notMet: 'ej uppfyllt', unmeasurable: 'ej mätbart' },
    kind: { region: 'Region', division: 'Division', vo: 'Verksamhetsområde', enhet: 'Enhet' },
    target: { gte: '≥', lte: '≤', increase: 'Öka', decrease: 'Minska' },
  },
  en: {
    sheet: 'Indicators',
    cols: ['Unit', 'Level', 'Indicator', 'Period', 'Result', 'Share', 'Numerator', 'Denominator', 'n', 'Target', 'Status', 'Trend', 'Reporting units', 'Of units'],
    status: { met: 'met', partial: 'partly met', notMet: 'not met', unmeasurable: 'not measurable' },
    kind: { region: 'Region', division: 'Division', vo: 'Department', enhet: 'Unit' },
    target: { gte: '≥', lte: '≤', increase: 'Increase', decrease: 'Decrease' },
  },
} as const;
const ARROWS = { up: '↑', down: '↓', flat: '→', diverging: '↕', none: '' } as const;

export function indicatorWorkbook(report: IndicatorReport, filename: string, lang: Lang = 'sv'): Workbook {
  const t = TEXT[lang];
  const types = ['text', 'text', 'text', 'text', 'number', 'percent', 'number', 'number', 'number', 'text', 'text', 'text', 'integer', 'integer'] as const;
  const cells = new Map<string, IndicatorCell>(report.cells.map((c) => [`${c.unitId}\u0000${c.key}`, c]));
  const rows: (string | number | null)[][] = [];
  for (const node of report.nodes) {
    for (const def of report.defs) {
      const c = cells.get(`${node.id}\u0000${def.key}`);
      if (c === undefined) continue;
      const target = c.target === null ? '' : c.target.op === 'gte' || c.target.op === 'lte' ? `${t.target[c.target.op]} ${c.target.value ?? ''}` : t.target[c.target.op];
      rows.push([
        node.name,
        t.kind[node.kind],
        def.name[lang],
        report.period,
        c.value,
        def.unit === 'pct' ? c.value : null,
        c.num,
        c.den,
        c.n,
        target,
        t.status[c.status],
        ARROWS[c.trend],
        c.reporting,
        c.expected,
      ]);
    }
  }
  const sheet: Sheet = { name: t.sheet, columns: t.cols.map((header, i) => ({ header, type: types[i] as (typeof types)[number], ...(i === 8 ? { decimals: 0 } : {}) })), rows };
  return { filename, sheets: [sheet] };
}
