/**
 * GET /api/export/bhk.csv: every observation that counts in a period under a root the caller may
 * read, as the CSV Swedish Excel opens (shared/domain/bhk-csv.ts). Built from the same records
 * and the same per-unit function as the roll-up, so the file adds up to the figures on screen.
 */
import { bhkFigures, countObservations } from '../../shared/domain/bhk';
import { type BhkCsvContext, bhkCsvFilename, bhkRows } from '../../shared/domain/bhk-csv';
import { bhkWorkbook } from '../../shared/export/bhk-sheet';
import type { Workbook } from '../../shared/export/sheet';
import { type BhkSource, observationsInPeriod } from '../../shared/domain/bhk-period';
import { periodRange, subtreeIds } from '../../shared/domain';
import { sv } from '../../shared/i18n/sv';
import type { BhkObservation } from '../../shared/schema/bhk-observation';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { loadPeriodObservations } from './bhk';
import { bhkProfessionsAt } from './bhk-config';

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function bhkExportFor(
  store: Store,
  org: OrgView,
  root: UnitRow,
  q: { period: string; source?: BhkSource | undefined },
): Promise<{ filename: string; rows: string[][] }> {
  const { rows, ctx } = await exportRows(store, org, root, q);
  return { filename: bhkCsvFilename(root.name, q.period), rows: bhkRows(rows, ctx) };
}

/** GET /api/export/bhk.xlsx (issue 16): the same observations, with the root's figures on a summary sheet. */
export async function bhkWorkbookFor(store: Store, org: OrgView, root: UnitRow, q: { period: string; source?: BhkSource | undefined }): Promise<Workbook> {
  const { rows, ctx } = await exportRows(store, org, root, q);
  return bhkWorkbook({ filename: bhkCsvFilename(root.name, q.period), unitName: root.name, period: q.period, figures: bhkFigures(countObservations(rows), 0), observations: rows, ctx });
}

async function exportRows(
  store: Store,
  org: OrgView,
  root: UnitRow,
  q: { period: string; source?: BhkSource | undefined },
): Promise<{ rows: BhkObservation[]; ctx: BhkCsvContext }> {
  const range = periodRange(q.period);
  const raw = await loadPeriodObservations(store, root.path, range);

  // Corrections resolve within a unit, exactly as in the roll-up.
  const inTree = new Set(subtreeIds(org.tree, root.id));
  const byUnit = new Map<string, BhkObservation[]>();
  for (const o of raw) {
    if (!inTree.has(o.unitId)) continue;
    const list = byUnit.get(o.unitId) ?? [];
    list.push(o);
    byUnit.set(o.unitId, list);
  }
  const rows = [...byUnit.values()].flatMap((list) => observationsInPeriod(list, range, q.source ?? 'all'));

    const config = await bhkProfessionsAt(store, org, root.id);
  const labels = new Map(config.professions.map((x) => [x.code, x.label]));
  const ctx: BhkCsvContext = {
    unitName: (id) => org.get(id)?.name ?? id,
    professionLabel: (code) => labels.get(code) ?? (sv as Record<string, string>)[`profession.${code}`] ?? code,
  };
  return { rows, ctx };
}
