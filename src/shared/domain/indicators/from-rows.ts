/**
 * The indicator context of raw rows (IndicatorInput): facts computed from the rows with the
 * boards' own contributions (domain/facts), read through a memory reader. A unit's device uses it
 * for its own unit, and the tests use it as the model the server's stored facts must equal.
 */
import type { IndicatorReport, IndicatorSeries } from '../../indicators-api';
import { factsOfRows } from '../facts/contrib';
import type { DateRange } from '../facts/plan';
import { memoryReader, rangeKey } from '../facts/reader';
import { type RollupNode, subtreeIds } from '../rollup';
import { emptyFacts, factTree, loadPeriodFacts, quotasOf, treeFacts } from './facts';
import { indicatorReport, indicatorSeries } from './report';
import type { Facts, IndicatorContext, IndicatorInput } from './types';

export function contextFromRows(input: IndicatorInput, rootId: string = input.rootId): IndicatorContext {
  const rows = factsOfRows({ bhk: input.bhk, events: input.safetyEvents, days: input.safetyDays, shifts: input.shifts, beds: [] });
  const reader = memoryReader(rows, input.hrMonths, new Set(subtreeIds(input.units, rootId)), input.today);
  return { units: input.units, rootId, today: input.today, indicatorRows: input.indicatorRows, unitSettings: input.unitSettings, reader, reportedRows: input.reported ?? [] };
}

/** indicatorReport over raw rows. */
export const reportOfRows = (input: IndicatorInput, period: string, now: number): Promise<IndicatorReport> =>
  indicatorReport(contextFromRows(input), period, now);

/** indicatorSeries over raw rows (facts of unitId's subtree). */
export const seriesOfRows = (input: IndicatorInput, unitId: string, key: string, to: string, count: number, now: number): Promise<IndicatorSeries> =>
  indicatorSeries(contextFromRows(input, unitId), unitId, key, to, count, now);

/** Facts of every node under `rootId` for one range, from raw rows. */
export async function treeFactsOfRows(input: IndicatorInput, range: DateRange, rootId: string = input.rootId): Promise<Map<string, RollupNode<Facts>>> {
  const ctx = contextFromRows(input, rootId);
  const loaded = await loadPeriodFacts(ctx.reader, [range], input.today, ctx.reportedRows);
  return treeFacts(factTree(input.units, rootId), input.today, quotasOf(input.unitSettings), loaded.get(rangeKey(range)), range);
}

/** The pooled facts of `unitId` and everything under it for one range, from raw rows. */
export async function unitFactsOfRows(input: IndicatorInput, unitId: string, range: DateRange): Promise<Facts> {
  return (await treeFactsOfRows(input, range, unitId)).get(unitId)?.counts ?? emptyFacts();
}
