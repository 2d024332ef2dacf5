/**
 * The audit log as a download: one Sheet (shared/export/sheet.ts), written as the CSV Swedish
 * Excel opens (BOM, semicolons, CRLF). Every page of the filtered log, up to MAX_ROWS. The kind of
 * record and the operation in Swedish words, the record's type code beside them for a filter.
 */
import type { AuditChangesQuery } from '../../shared/audit-api';
import { csvText } from '../../shared/domain/bhk-csv';
import { auditLabels, labelOf } from '../../shared/i18n/features/audit-labels';
import type { Sheet } from '../../shared/export/sheet';
import type { Store, UnitRow } from '../store/store';
import { auditChanges } from './service';

export const MAX_ROWS = 50_000;
const sv = auditLabels.sv;

export async function auditSheet(store: Store, root: UnitRow, q: Omit<AuditChangesQuery, 'rootId'>): Promise<Sheet> {
  const rows: (string | number | null)[][] = [];
  let before = q.before;
  for (;;) {
    const page = await auditChanges(store, root, { ...q, ...(before !== undefined ? { before } : {}), limit: 500 });
    for (const c of page.changes) {
      const kind = c.kind === 'tablet' ? 'surfplatta' : c.kind === 'account' ? 'konto' : '';
      rows.push([c.serverSeq, c.receivedAt, c.hlc, c.unitName, c.unitId, c.who, kind, labelOf(sv, 'entity', c.entity), c.entity, c.rowId, labelOf(sv, 'op', c.op), c.fields]);
    }
    if (page.next === null || rows.length >= MAX_ROWS) break;
    before = page.next;
  }
  const text = (header: string) => ({ header, type: 'text' as const });
  return {
    name: 'Logg',
    columns: [{ header: 'Löpnummer', type: 'integer' }, text('Mottagen'), text('HLC'), text('Enhet'), text('Enhets-id'), text('Vem'), text('Typ'), text('Post'), text('Posttyp'), text('Rad-id'), text('Åtgärd'), text('Fält')],
    rows,
  };
}

/** The sheet as the CSV every download writes (bhk-csv.ts csvText: BOM, `;`, CRLF, formulas defused). */
export function sheetCsv(sheet: Sheet): string {
  return csvText([sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
}
