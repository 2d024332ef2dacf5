/**
 * Indicator figures for a level: from the server when it answers, otherwise computed on this
 * device from its facts with the same shared functions (storage/device-facts.ts), marked as such (api/fallback.ts).
 * While online, the definitions set on the levels above (outside the replica) are cached so
 * the device resolves the same targets offline.
 */
import { localDate } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { indicatorReport, indicatorSeries } from '../../../shared/domain/indicators';
import { expandPackedReport, type IndicatorReport, IndicatorSeries, PackedIndicatorReport } from '../../../shared/indicators-api';
import { type Loaded, serverElseDevice } from '../../api/fallback';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { indicatorContext } from '../../storage/indicator-repo';
import { refreshConfig } from './config-refresh';

export { refreshConfig };

export type { Loaded };

export async function loadReport(api: Api, db: PulsDb, units: readonly TreeUnit[], rootId: string, period: string, now: number): Promise<Loaded<IndicatorReport>> {
  return serverElseDevice(
    async () => {
      // The packed form: a region's report is a third less JSON to parse and check than the compact one (issue 17).
      const res = expandPackedReport(await api.get(`/api/indicators/report?rootId=${encodeURIComponent(rootId)}&period=${period}&form=packed`, PackedIndicatorReport));
      void refreshConfig(api, db, rootId);
      return res;
    },
    async () => indicatorReport(await indicatorContext(db, [...units], rootId, localDate(now)), period, now),
  );
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
  const q = `unitId=${encodeURIComponent(unitId)}&key=${encodeURIComponent(key)}&to=${to}&count=${count}`;
  return serverElseDevice(
    () => api.get(`/api/indicators/series?${q}`, IndicatorSeries),
    async () => indicatorSeries(await indicatorContext(db, [...units], unitId, localDate(now)), unitId, key, to, count, now),
  );
}
