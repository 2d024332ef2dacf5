/** A division's goal document and data for the tertial report tests (report.test.ts, report-docx.test.ts). */
import { GoalAnalysis, goalAnalysisIdFor, GoalItem, StrategicAction } from '../../../../src/shared/schema/goal';
import { ReportedValue, reportedValueIdFor } from '../../../../src/shared/schema/reported-value';
import { input, observations, row } from '../indicators/fixtures';

export const NOW = Date.parse('2026-11-30T10:00:00Z');
export const AT = '2026-05-02T10:00:00.000Z';
let n = 0;
const uuid = () => `0195d1f0-0000-7000-8000-${String(++n).padStart(12, '0')}`;

const item = (unitId: string, kind: GoalItem['kind'], perspective: GoalItem['perspective'], parentId: string | null, title: string, more: Partial<GoalItem> = {}): GoalItem =>
  GoalItem.parse({ id: uuid(), unitId, kind, perspective, parentId, title, order: n, createdAt: AT, ...more });

const rv = (unitId: string, measure: string, period: string, num: number, den: number | null, k?: [number, number], m?: [number, number]) =>
  ReportedValue.parse({ id: reportedValueIdFor(unitId, measure, period), unitId, measure, period, num, den, numK: k?.[0] ?? null, denK: k?.[1] ?? null, numM: m?.[0] ?? null, denM: m?.[1] ?? null, source: 'manual' });

export const DEFS = [
  row('region', 'waitShare', { nameSv: 'Väntat ≤ 90 dagar', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', perspective: 'medborgare' }),
  row('region', 'budget', { nameSv: 'Resultat mot budget', source: { kind: 'reported', form: 'value', grain: 'tertial', at: 'unit' }, unit: 'mnkr', direction: 'higher', perspective: 'ekonomi' }),
  row('region', 'kpp', { nameSv: 'Produktivitet KPP', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' }, unit: 'count', direction: 'higher', perspective: 'ekonomi' }),
];

// Region: two strategic goals; the division adds a faktor and styrmått; a VO adds its own.
export const malMed = item('region', 'mal', 'medborgare', null, 'God nära och samordnad vård');
const malEk = item('region', 'mal', 'ekonomi', null, 'Långsiktigt hållbar ekonomi');
const fWait = item('div', 'faktor', 'medborgare', malMed.id, 'Tillgänglighet');
export const sWait = item('div', 'styrmatt', 'medborgare', fWait.id, 'Väntat ≤ 90 dagar till första besök', { indicatorKey: 'waitShare', target: { op: 'gte', value: 100, month: 12 } });
const sBhk = item('div', 'styrmatt', 'medborgare', fWait.id, 'Följsamhet till BHK', { indicatorKey: 'bhkTotal', target: { op: 'gte', value: 90 }, periods: ['DA08', 'AR'] });
const sNone = item('div', 'styrmatt', 'medborgare', fWait.id, 'Läkemedelsberättelse', { target: { op: 'gte', value: 70 } });
const fEk = item('div', 'faktor', 'ekonomi', malEk.id, 'Ekonomi i balans');
const sBudget = item('div', 'styrmatt', 'ekonomi', fEk.id, 'Verksamhet inom budget', { indicatorKey: 'budget', target: { op: 'gte', value: 0 } });
const sKpp = item('div', 'styrmatt', 'ekonomi', fEk.id, 'Produktivitet enligt KPP', { indicatorKey: 'kpp', target: { op: 'increase' } });
const voOwn = item('vo1', 'styrmatt', 'ekonomi', fEk.id, 'VO:s eget mått', { indicatorKey: 'budget' });

export const ITEMS = [malMed, malEk, fWait, sWait, sBhk, sNone, fEk, sBudget, sKpp, voOwn];
export const ANALYSIS = GoalAnalysis.parse({ id: goalAnalysisIdFor('div', sWait.id, '2026-DA04'), unitId: 'div', itemId: sWait.id, period: '2026-DA04', text: 'Väntetiderna minskar på två av tre enheter.', author: 'Divisionschef', writtenAt: AT });
export const ACTION = StrategicAction.parse({
  id: uuid(), unitId: 'div', year: 2026, nr: 1, goalId: malMed.id, perspective: 'medborgare', title: 'Produktionsplanering', description: 'Införa produktionsplanering', ansvarig: 'VO-chefer', tidplan: 'Start under tertial 1', effekt: 'Kortare väntetider',
  followDA04: { status: 'pagar', comment: 'Arbetet pågår inom divisionen' }, followDA08: { status: 'klar', comment: 'Klart' }, createdAt: AT,
});

export const REPORTED = [
  rv('avd1', 'waitShare', '2026-02', 41, 100, [20, 49], [21, 51]),
  rv('avd2', 'waitShare', '2026-04', 30, 40, [10, 20], [20, 20]),
  rv('avd1', 'waitShare', '2026-06', 50, 50, [25, 25], [25, 25]),
  rv('avd1', 'budget', '2026-T1', -10.5, null),
  rv('avd3', 'budget', '2026-T1', -7.2, null),
  rv('avd3', 'budget', '2026-T2', 3, null),
];

export const data = () => input({ indicatorRows: DEFS, reported: REPORTED, bhk: [...observations('avd1', '2026-03-02', 10, 9), ...observations('avd2', '2026-06-02', 10, 5)] });
export const DOC = { items: ITEMS, analyses: [ANALYSIS], actions: [ACTION] };

