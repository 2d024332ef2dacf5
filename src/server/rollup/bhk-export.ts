/**
 * GET /api/export/bhk.csv: every observation that counts in a period under a root the caller may
 * read, as the CSV Swedish Excel opens (shared/domain/bhk-csv.ts). Built from the same records
 * and the same per-unit function as the roll-up, so the file adds up to the figures on screen.
 */
import type { BhkExportResponse } from '../../shared/bhk-api';
import { bhkCsv, bhkCsvFilename } from '../../shared/domain/bhk-csv';
import { type BhkSource, observationsInPeriod } from '../../shared/domain/bhk-period';
import { periodRange, subtreeIds } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { sv } from '../../shared/i18n/sv';
import type { BhkObservation } from '../../shared/schema/bhk-observation';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';
import { loadPeriodObservations } from './bhk';
import { bhkProfessionsAt } from './bhk-config';

export async function bhkExportFor(
  store: Store,
  p: Principal,
  q: { rootId: string; period: string; source?: BhkSource | undefined },
): Promise<BhkExportResponse> {
  const units = await store.listUnits();
  const root = units.find((u) => u.id === q.rootId);
  if (!root) throw new AppError('not-found', { unitId: q.rootId }, ['rootId']);
  if (!root.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: q.rootId }, ['rootId']);
  const range = periodRange(q.period);
  const raw = await loadPeriodObservations(store, root.path, range);

  // Corrections resolve within a unit, exactly as in the roll-up.
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  const inTree = new Set(subtreeIds(tree, root.id));
  const byUnit = new Map<string, BhkObservation[]>();
  for (const o of raw) {
    if (!inTree.has(o.unitId)) continue;
    const list = byUnit.get(o.unitId) ?? [];
    list.push(o);
    byUnit.set(o.unitId, list);
  }
  const rows = [...byUnit.values()].flatMap((list) => observationsInPeriod(list, range, q.source ?? 'all'));

  const names = new Map(units.map((u) => [u.id, u.name]));
  const config = await bhkProfessionsAt(store, units, root.id);
  const labels = new Map(config.professions.map((x) => [x.code, x.label]));
  const csv = bhkCsv(rows, {
    unitName: (id) => names.get(id) ?? id,
    professionLabel: (code) => labels.get(code) ?? (sv as Record<string, string>)[`profession.${code}`] ?? code,
  });
  return { filename: bhkCsvFilename(root.name, q.period), csv };
}
