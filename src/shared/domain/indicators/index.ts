/** Indicators, goals and trends (issue 6): the pure core shared by the server and the device. */
export { CUSTOM_ORDER, DEFAULT_INDICATOR_KEYS, DEFAULT_INDICATORS, DEFAULT_TOLERANCE } from './catalogue';
export { indicatorCsv, indicatorCsvFilename } from './csv';
export { addFacts, emptyFacts, factTree, FALL_CATEGORY, FALL_LOOKBACK_DAYS, loadPeriodFacts, proratedQuota, quotasOf, treeFacts, type PeriodFacts, type UnitPeriodFacts } from './facts';
export { contextFromRows, reportOfRows, seriesOfRows, treeFactsOfRows, unitFactsOfRows } from './from-rows';
export { type CompareReads, indicatorReport, indicatorReportCompact, indicatorReportPacked, indicatorSeries, rangeNeeds, reportNodes } from './report';
export { comparePeriodOf, compareRange, type LoadRange, reportRange, seriesPeriods, seriesRange } from './ranges';
export { defResolver, pathTo, resolveDef, resolveDefs } from './resolve';
export { median, runSignals, SHIFT_MIN, TREND_MIN } from './run-rules';
export { FLAT_THRESHOLD, indicatorStatus, sexStatuses, type SexPair, toleranceBand, trendArrow, worseStatus } from './status';
export { emptyInput, type DateRange, type Facts, type HrSums, type IndicatorContext, type IndicatorInput } from './types';
export { accumulates, nOf, sourceValue, type SourceValue } from './values';
