/**
 * The audit log as a download, read from the store a page at a time (up to MAX_ROWS): auditRows
 * yields the header and then each change's row, so the CSV streams page by page
 * (http/csv-stream.ts: BOM, semicolons, CRLF, formulas defused) and the Excel file is the same rows
 * as one Sheet. The kind of record and the operation in Swedish words, the record's type code
 * beside them for a filter.
 */
import type { AuditChangesQuery } from '../../shared/audit-api';
import { auditLabels, labelOf } from '../../shared/i18n/features/audit-labels';
import type { Sheet } from '../../shared/export/sheet';
import type { Store, UnitRow } from '../store/store';
import { auditChanges } from './service';

export const MAX_ROWS = 50_000;
const sv = auditLabels.sv;

const HEADER = ['Löpnummer', 'Mottagen', 'HLC', 'Enhet', 'Enhets-id', 'Vem', 'Typ', 'Post', 'Posttyp', 'Rad-id', 'Åtgärd', 'Fält'] as const;

/** The header, then every change of the filtered log, newest first, fetched 500 at a time. */
export async function* auditRows(store: Store, root: UnitRow, q: Omit<AuditChangesQuery, 'rootId'>): AsyncGenerator<string[]> {
  yield [...HEADER];
  let before = q.before;
  let count = 0;
  for (;;) {
    const page = await auditChanges(store, root, { ...q, ...(before !== undefined ? { before } : {}), limit: 500 });
    for (const c of page.changes) {
      const kind = c.kind === 'tablet' ? 'surfplatta' : c.kind === 'account' ? 'konto' : '';
      yield [String(c.serverSeq), c.receivedAt, c.hlc, c.unitName, c.unitId, c.who, kind, labelOf(sv, 'entity', c.entity), c.entity, c.rowId, labelOf(sv, 'op', c.op), c.fields];
    }
    count += page.changes.length;
    if (page.next === null || count >= MAX_ROWS) return;
    before = page.next;
  }
}

/** The same rows as one Excel sheet (the sequence number typed as a number). */
export async function auditSheet(store: Store, root: UnitRow, q: Omit<AuditChangesQuery, 'rootId'>): Promise<Sheet> {
  const rows: (string | number | null)[][] = [];
  let header = true;
  for await (const row of auditRows(store, root, q)) {
    if (header) {
      header = false;
      continue;
    }
    rows.push([Number(row[0]), ...row.slice(1)]);
  }
  const text = (h: string) => ({ header: h, type: 'text' as const });
  return { name: 'Logg', columns: [{ header: HEADER[0], type: 'integer' }, ...HEADER.slice(1).map(text)], rows };
}
