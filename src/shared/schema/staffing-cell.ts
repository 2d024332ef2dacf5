/**
 * What the staffing board's cells share: counts, percentages, and ids that name their unit and
 * day (or month) so that no device can claim another unit's cell (registry ownsId, rule 13).
 * Kept small on purpose: every schema in the registry is in the app's first load.
 */
import { z } from 'zod/mini';
import { ID_PATTERN } from './ids';

/** A head count on a shift or of beds; 999 is far above any unit and catches a slipped digit. */
export const StaffCount = z.int().check(z.gte(0), z.lte(999));
export const Pct = z.number().check(z.gte(0), z.lte(100));
export const CellId = z.string().check(z.maxLength(220), z.regex(ID_PATTERN));

/** `<entity>:<unitId>:<key>`, e.g. `bedsDay:avd-21:2026-03-10`. */
export const cellId = (entity: string, unitId: string, key: string): string => `${entity}:${unitId}:${key}`;

/** ownsId for cells whose id is `<entity>:<unitId>:<key>` with `key` matching `tail`. */
export const ownsCell =
  (entity: string, tail: RegExp) =>
  (id: string, unitId: string): boolean => {
    const prefix = `${entity}:${unitId}:`;
    return id.startsWith(prefix) && tail.test(id.slice(prefix.length));
  };

export const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
