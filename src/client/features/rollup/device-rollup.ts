/**
 * Hygienöversikt without the network: the answer GET /api/bhk/rollup would give, computed on the
 * device from its facts (storage/device-facts.ts) with the shared roll-up, and the profession list
 * the device holds (its replica or the cached config answer; none: the default list).
 */
import type { BhkPeriodRollupResponse } from '../../../shared/bhk-api';
import type { BhkSource } from '../../../shared/domain/bhk-period';
import { bhkPeriodRollupOf, bhkRollupAnswer } from '../../../shared/domain/bhk-rollup';
import { periodRange } from '../../../shared/domain/periods';
import { AppError } from '../../../shared/errors';
import { getBhkProfessions } from '../../storage/bhk-repo';
import type { PulsDb } from '../../storage/db';
import { deviceFacts } from '../../storage/device-facts';
import { listUnits } from '../../storage/org-repo';

export async function deviceBhkRollup(db: PulsDb, rootId: string, period: string, source: BhkSource, today: string): Promise<BhkPeriodRollupResponse> {
  const units = await listUnits(db);
  const root = units.find((u) => u.id === rootId);
  if (root === undefined) throw new AppError('network', { reason: 'tree-not-synced' });
  const nodes = await bhkPeriodRollupOf(await deviceFacts(db, units, rootId, today), units, rootId, periodRange(period), source);
  return bhkRollupAnswer(units, root, period, source, (await getBhkProfessions(db, rootId)) ?? [], nodes);
}
