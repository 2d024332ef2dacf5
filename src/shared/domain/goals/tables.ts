/**
 * The tertial report's tables as the seed document lays them out, for every renderer (the screen,
 * the .docx, the .xlsx through the shared table model export/sheet.ts): the goal table's columns
 * Framgångsfaktor | Styrmått | Mål | Uppföljningsperiod | Periodens utfall | Måluppfyllelse |
 * Utveckling, and the actions' Nr | Mål | Åtgärd | Status | Kommentar. Symbols carry their word,
 * so the report reads in black and white and to a screen reader.
 */
import type { IndicatorStatus, TrendArrow } from '../../indicators-api';
import type { Sheet, Workbook } from '../../export/sheet';
import type { TertialAction, TertialReport, TertialRow } from './report';

export const GOAL_COLUMNS = ['Framgångsfaktor', 'Styrmått', 'Mål', 'Uppföljningsperiod', 'Periodens utfall', 'Måluppfyllelse', 'Utveckling'] as const;
export const ACTION_COLUMNS = ['Nr', 'Mål', 'Åtgärd', 'Status', 'Kommentar'] as const;

export const STATUS_MARK: Record<IndicatorStatus, string> = { met: '● uppfyllt', partial: '▲ delvis', notMet: '◆ ej uppfyllt', unmeasurable: '□ ej mätbart' };
export const TREND_MARK: Record<TrendArrow, string> = { up: '↑', down: '↓', flat: '→', diverging: '↕', none: '' };

/** A goal table row as text, in GOAL_COLUMNS order. */
export const goalCells = (r: TertialRow): string[] => [r.faktor, r.styrmatt, r.target, r.periods, r.outcome, STATUS_MARK[r.status], TREND_MARK[r.trend]];

/** The Åtgärd cell's lines, as the seed writes them. */
export function actionLines(a: TertialAction): string[] {
  return [
    `Åtgärd: ${a.title}`,
    ...(a.description ? [`Beskrivning av genomförande: ${a.description}`] : []),
    ...(a.ansvarig ? [`Ansvarig: ${a.ansvarig}`] : []),
    ...(a.tidplan ? [`Tidplan: ${a.tidplan}`] : []),
    ...(a.effekt ? [`Förväntad effekt: ${a.effekt}`] : []),
  ];
}

export const actionCells = (a: TertialAction): string[] => [String(a.nr), a.goal, actionLines(a).join('\n'), a.status, a.comment];

/** "tertialrapport-division-lansjukvard-2026-DA04". */
export function reportFilename(r: Pick<TertialReport, 'rootName' | 'period'>): string {
  const slug = r.rootName
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `tertialrapport-${slug || 'niva'}-${r.period}`;
}

/** One sheet per perspective (its goals' rows, values as numbers) and one for the actions. */
export function tertialWorkbook(r: TertialReport): Workbook {
  const sheets: Sheet[] = r.perspectives.map((p) => ({
    name: p.label,
    columns: [
      { header: 'Strategiskt mål', type: 'text' },
      ...GOAL_COLUMNS.slice(0, 4).map((h) => ({ header: h, type: 'text' as const })),
      { header: 'Periodens utfall', type: 'text' },
      { header: 'Utfall (tal)', type: 'number', decimals: 1 },
      { header: 'Utfall K', type: 'number', decimals: 1 },
      { header: 'Utfall M', type: 'number', decimals: 1 },
      { header: 'Måluppfyllelse', type: 'text' },
      { header: 'Utveckling', type: 'text' },
      { header: 'Analys', type: 'text' },
    ],
    rows: p.goals.flatMap((g) =>
      g.rows.map((row) => [g.title, row.faktor, row.styrmatt, row.target, row.periods, row.outcome, row.value, row.valueK, row.valueM, STATUS_MARK[row.status], TREND_MARK[row.trend], row.analysis?.text ?? '']),
    ),
  }));
  sheets.push({ name: 'Strategiska åtgärder', columns: ACTION_COLUMNS.map((h) => ({ header: h, type: h === 'Nr' ? 'integer' : 'text' })), rows: r.actions.map((a) => [a.nr, ...actionCells(a).slice(1)]) });
  return { filename: reportFilename(r), sheets };
}
