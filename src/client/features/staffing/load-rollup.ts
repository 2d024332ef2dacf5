/**
 * The roll-up for a level: from the server when it answers, otherwise computed on this device
 * from its replica with the same shared function (a manager's device holds its whole read
 * scope), marked as such. Only a network failure falls back; any other error is shown.
 */
import { localDate } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { staffingReport } from '../../../shared/domain/staffing-report';
import { trendRange } from '../../../shared/domain/staffing-trend';
import { AppError } from '../../../shared/errors';
import { StaffingRollupResponse } from '../../../shared/staffing-api';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { staffingInput } from '../../storage/staffing-repo';

export interface LoadedRollup {
  res: StaffingRollupResponse;
  source: 'server' | 'device';
}

export async function loadRollup(api: Api, db: PulsDb, units: readonly TreeUnit[], rootId: string, month: string, now: number): Promise<LoadedRollup> {
  try {
    const res = await api.get(`/api/rollup/staffing?rootId=${encodeURIComponent(rootId)}&month=${month}`, StaffingRollupResponse);
    return { res, source: 'server' };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'network') throw err;
    const today = localDate(now);
    const range = trendRange(month, today);
    const input = await staffingInput(db, units, rootId, today, { from: range.from, to: `${month}-31` }, { from: range.months[0] as string, to: month });
    return { res: staffingReport(input, month), source: 'device' };
  }
}
