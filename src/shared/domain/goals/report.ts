/**
 * The division's tertial report, "Bilaga produktion och måluppfyllelse" (issue 13, docs/domain.md
 * §7), as data: per perspective the strategiska mål in force at the level (its own and its
 * ancestors': a region sets the goals, a division adds its styrmått), each with its rows
 * Framgångsfaktor | Styrmått | Mål | Uppföljningsperiod | Periodens utfall | Måluppfyllelse |
 * Utveckling and the analysis paragraph; then the follow-up of the level's strategic actions.
 * Figures come from the same facts and shared functions as Mål och resultat (indicators/*), so
 * the report, the screens and the server agree; the screen, the .docx and the .xlsx all render
 * this one model. Missing data is said in words, never a 0: "Data saknas" (the measure has no
 * value for the period), "Informationsunderlag till styrmåttet saknas" (no measure to read).
 */
import type { IndicatorDef, IndicatorStatus, TrendArrow } from '../../indicators-api';
import { FOLLOW_FIELD, type GoalAnalysis, type GoalItem, type ReportPeriodKind, type StrategicAction } from '../../schema/goal';
import { type IndicatorUnit, PERSPECTIVES, type Perspective } from '../../schema/indicator';
import type { DateRange } from '../facts/plan';
import { emptyFacts, loadPooledFacts, type PooledFacts } from '../indicators/facts';
import { ownLevelFacts } from '../indicators/reported';
import { pathTo, resolveDef } from '../indicators/resolve';
import type { Facts, IndicatorContext } from '../indicators/types';
import { sourceValue } from '../indicators/values';
import { DATA_SAKNAS, outcomeText, periodsText, targetText, UNDERLAG_SAKNAS } from './format';
import { reportPeriodRange, type ReportRange, shiftYears } from './periods';
import { type GoalFigures, goalStatus, goalTrend } from './status';

export const PERSPECTIVE_LABEL: Record<Perspective, string> = { medborgare: 'Medborgare', verksamhet: 'Verksamhet', medarbetare: 'Medarbetare', ekonomi: 'Ekonomi' };
export const FOLLOW_STATUS_LABEL = { ejPaborjad: 'Ej påbörjad', pagar: 'Pågår', klar: 'Klar', omtag: 'Omtag behövs' } as const;

export interface TertialRow {
  itemId: string;
  faktor: string;
  styrmatt: string;
  target: string;
  periods: string;
  outcome: string;
  unit: IndicatorUnit | null;
  value: number | null;
  valueK: number | null;
  valueM: number | null;
  compareValue: number | null;
  status: IndicatorStatus;
  trend: TrendArrow;
  improving: boolean | null;
  /** null: a figure; 'data': the measure has no value (Data saknas); 'underlag': no measure to read. */
  missing: 'data' | 'underlag' | null;
  analysis: { text: string; author: string; writtenAt: string } | null;
}

export interface TertialGoal {
  id: string;
  title: string;
  rows: TertialRow[];
}

export interface TertialPerspective {
  perspective: Perspective;
  label: string;
  goals: TertialGoal[];
}

export interface TertialAction {
  id: string;
  nr: number;
  perspective: Perspective;
  goal: string;
  title: string;
  description: string;
  ansvarig: string;
  tidplan: string;
  effekt: string;
  status: string;
  comment: string;
}

export interface TertialReport {
  rootId: string;
  rootName: string;
  period: string;
  label: string;
  computedAt: string;
  perspectives: TertialPerspective[];
  actions: TertialAction[];
}

export interface GoalDocument {
  items: readonly GoalItem[];
  analyses: readonly GoalAnalysis[];
  actions: readonly StrategicAction[];
}

const byOrder = (a: GoalItem, b: GoalItem) => a.order - b.order || a.title.localeCompare(b.title, 'sv') || (a.id < b.id ? -1 : 1);

/** The follow-up that a period reports: its own, or for a month the tertial report it falls in. */
function followKind(r: ReportRange): ReportPeriodKind {
  if (r.kind !== 'month') return r.kind;
  return r.lastMonth <= 4 ? 'DA04' : r.lastMonth <= 8 ? 'DA08' : 'AR';
}


function figures(ctx: IndicatorContext, def: IndicatorDef, facts: PooledFacts, range: DateRange, compare: DateRange, base: DateRange | null): GoalFigures {
  const at = (r: DateRange): Facts =>
    def.source.kind === 'reported' && def.source.at === 'level' ? ownLevelFacts(facts.own(r), ctx.rootId, def.key) : (facts(r).get(ctx.rootId)?.counts ?? emptyFacts());
  const now = sourceValue(def, at(range));
  const before = sourceValue(def, at(compare));
  const c = before.n >= def.minN ? before : null;
  const b = base === null ? null : sourceValue(def, at(base));
  return {
    value: now.value,
    valueK: now.valueK,
    valueM: now.valueM,
    n: now.n,
    compareValue: c?.value ?? null,
    compareK: c?.valueK ?? null,
    compareM: c?.valueM ?? null,
    baseValue: b !== null && b.n >= def.minN ? b.value : null,
  };
}

export async function tertialReport(ctx: IndicatorContext, doc: GoalDocument, period: string, now: number): Promise<TertialReport> {
  const range = reportPeriodRange(period);
  const path = new Set(pathTo(ctx.units, ctx.rootId));
  const items = doc.items.filter((i) => path.has(i.unitId));
  const children = (parentId: string, kind: GoalItem['kind']) => items.filter((i) => i.parentId === parentId && i.kind === kind).sort(byOrder);
  const compare = shiftYears(range, 1);

  // Every range any styrmått needs, loaded and pooled once.
  const ranges: DateRange[] = [range, compare];
  for (const i of items) if (i.kind === 'styrmatt' && i.target?.op === 'change') ranges.push(shiftYears(range, range.year - i.target.baseYear));
  const facts = await loadPooledFacts(ctx, ctx.rootId, ranges);

  const rowOf = (faktor: string, s: GoalItem): TertialRow => {
    const analysis = doc.analyses.find((a) => a.unitId === ctx.rootId && a.itemId === s.id && a.period === period);
    const def = s.indicatorKey ? resolveDef(ctx.indicatorRows, ctx.units, ctx.rootId, s.indicatorKey, true) : null;
    const target = s.target ?? null;
    const base = { itemId: s.id, faktor, styrmatt: s.title, periods: periodsText(s.periods ?? ['DA04', 'DA08', 'AR']), analysis: analysis ? { text: analysis.text, author: analysis.author, writtenAt: analysis.writtenAt } : null };
    if (def === null) {
      return { ...base, target: targetText(target, 'pct'), outcome: UNDERLAG_SAKNAS, unit: null, value: null, valueK: null, valueM: null, compareValue: null, status: 'unmeasurable', trend: 'none', improving: null, missing: 'underlag' };
    }
    const baseRange = target?.op === 'change' ? shiftYears(range, range.year - target.baseYear) : null;
    const f = figures(ctx, def, facts, range, compare, baseRange);
    const { trend, improving } = goalTrend(def, f);
    return {
      ...base,
      target: targetText(target, def.unit),
      outcome: outcomeText(f.value, f.valueK, f.valueM, def.unit),
      unit: def.unit,
      value: f.value,
      valueK: f.valueK,
      valueM: f.valueM,
      compareValue: f.compareValue,
      status: goalStatus(def, target, f, range.lastMonth),
      trend,
      improving,
      missing: f.value === null ? 'data' : null,
    };
  };

  const perspectives: TertialPerspective[] = PERSPECTIVES.map((p) => {
    const goals = items
      .filter((i) => i.kind === 'mal' && i.parentId === null && i.perspective === p)
      .sort(byOrder)
      .map((mal): TertialGoal => {
        const rows: TertialRow[] = [];
        for (const s of children(mal.id, 'styrmatt')) rows.push(rowOf('', s));
        for (const fk of children(mal.id, 'faktor')) for (const s of children(fk.id, 'styrmatt')) rows.push(rowOf(fk.title, s));
        return { id: mal.id, title: mal.title, rows };
      });
    return { perspective: p, label: PERSPECTIVE_LABEL[p], goals };
  }).filter((p) => p.goals.length > 0);

  const goalTitle = new Map(items.filter((i) => i.kind === 'mal').map((i) => [i.id, i.title]));
  const field = FOLLOW_FIELD[followKind(range)];
  const actions: TertialAction[] = doc.actions
    .filter((a) => a.unitId === ctx.rootId && a.year === range.year)
    .sort((a, b) => PERSPECTIVES.indexOf(a.perspective) - PERSPECTIVES.indexOf(b.perspective) || a.nr - b.nr)
    .map((a) => {
      const follow = a[field] ?? null;
      return {
        id: a.id,
        nr: a.nr,
        perspective: a.perspective,
        goal: a.goalId === null ? '' : (goalTitle.get(a.goalId) ?? ''),
        title: a.title,
        description: a.description,
        ansvarig: a.ansvarig,
        tidplan: a.tidplan,
        effekt: a.effekt,
        status: follow === null ? '' : FOLLOW_STATUS_LABEL[follow.status],
        comment: follow?.comment ?? '',
      };
    });

  const rootName = ctx.units.find((u) => u.id === ctx.rootId)?.name ?? ctx.rootId;
  return { rootId: ctx.rootId, rootName, period, label: range.label, computedAt: new Date(now).toISOString(), perspectives, actions };
}

export { DATA_SAKNAS, UNDERLAG_SAKNAS };
