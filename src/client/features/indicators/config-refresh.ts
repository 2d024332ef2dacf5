/**
 * Keeps the definitions set on the levels above the device's replica (GET /api/indicators/config)
 * for offline use, so a board resolves the same target as Mål och resultat without network.
 * Its own small module: the boards (hygiene, staffing, wall) load it without the report code.
 */
import { IndicatorConfigResponse } from '../../../shared/indicators-api';
import type { Api } from '../../api/http';
import type { PulsDb } from '../../storage/db';
import { cacheIndicatorConfig } from '../../storage/indicator-repo';

/** Best effort: a failure leaves the previous cache in place. */
export async function refreshConfig(api: Api, db: PulsDb, unitId: string): Promise<void> {
  try {
    const res = await api.get(`/api/indicators/config?unitId=${encodeURIComponent(unitId)}`, IndicatorConfigResponse);
    await cacheIndicatorConfig(db, unitId, res);
  } catch {
    // Offline or refused: the cached rows (if any) still resolve the definitions.
  }
}
