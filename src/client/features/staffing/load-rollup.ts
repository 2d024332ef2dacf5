/**
 * The roll-up for a level: from the server when it answers, otherwise computed on this device
 * from its facts with the same shared function (storage/device-facts.ts), marked as such (api/fallback.ts).
 */
import { localDate } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { subtreeIds } from '../../../shared/domain/rollup';
import { staffingReportOf } from '../../../shared/domain/staffing-report';
import { StaffingRollupResponse } from '../../../shared/staffing-api';
import { type Loaded, serverElseDevice } from '../../api/fallback';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { deviceFacts } from '../../storage/device-facts';
import { indicatorRowsFor } from '../../storage/indicator-repo';
import { getStaffingSettings } from '../../storage/staffing-repo';

export type LoadedRollup = Loaded<StaffingRollupResponse>;

export async function loadRollup(api: Api, db: PulsDb, units: readonly TreeUnit[], rootId: string, month: string, now: number): Promise<LoadedRollup> {
  return serverElseDevice(
    () => api.get(`/api/rollup/staffing?rootId=${encodeURIComponent(rootId)}&month=${month}`, StaffingRollupResponse),
    async () => {
      const today = localDate(now);
      const settings = await getStaffingSettings(db, subtreeIds(units, rootId));
      const rows = await indicatorRowsFor(db, units, rootId);
      return staffingReportOf(await deviceFacts(db, units, rootId, today), units, rootId, today, settings, month, rows);
    },
  );
}
