/**
 * Indicator figures for a level: from the server when it answers, otherwise computed on this
 * device from its facts with the same shared functions (storage/device-facts.ts), marked as such. Only a network failure falls back; any other error is shown.
 * While online, the definitions set on the levels above (outside the replica) are cached so
 * the device resolves the same targets offline.
 */
import { localDate } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { indicatorReport, indicatorSeries } from '../../../shared/domain/indicators';
import { AppError } from '../../../shared/errors';
import { CompactIndicatorReport, expandReport, type IndicatorReport, IndicatorSeries } from '../../../shared/indicators-api';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { indicatorContext } from '../../storage/indicator-repo';
import { refreshConfig } from './config-refresh';

export { refreshConfig };

export interface Loaded<T> {
  res: T;
  source: 'server' | 'device';
}

const isNetwork = (err: unknown): boolean => err instanceof AppError && err.code === 'network';

export async function loadReport(api: Api, db: PulsDb, units: readonly TreeUnit[], rootId: string, period: string, now: number): Promise<Loaded<IndicatorReport>> {
  try {
    // The compact form: a region's report is a quarter of the size to fetch and check (issue 17).
    const res = expandReport(await api.get(`/api/indicators/report?rootId=${encodeURIComponent(rootId)}&period=${period}&form=compact`, CompactIndicatorReport));
    void refreshConfig(api, db, rootId);
    return { res, source: 'server' };
  } catch (err) {
    if (!isNetwork(err)) throw err;
    const ctx = await indicatorContext(db, [...units], rootId, localDate(now));
    return { res: await indicatorReport(ctx, period, now), source: 'device' };
  }
}

export async function loadSeries(
  api: Api,
  db: PulsDb,
  units: readonly TreeUnit[],
  unitId: string,
  key: string,
  to: string,
  count: number,
  now: number,
): Promise<Loaded<IndicatorSeries>> {
  try {
    const q = `unitId=${encodeURIComponent(unitId)}&key=${encodeURIComponent(key)}&to=${to}&count=${count}`;
    return { res: await api.get(`/api/indicators/series?${q}`, IndicatorSeries), source: 'server' };
  } catch (err) {
    if (!isNetwork(err)) throw err;
    const ctx = await indicatorContext(db, [...units], unitId, localDate(now));
    return { res: await indicatorSeries(ctx, unitId, key, to, count, now), source: 'device' };
  }
}
