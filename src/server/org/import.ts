/**
 * Org tree import from CSV (`id,name,kind,parentId[,hsaId]`) or JSON (array of the same objects).
 * A parent may be named by its HSA-id (issue 12); an empty hsaId cell leaves the unit's as it is,
 * JSON's `"hsaId": null` removes it.
 * Everything is checked first and every error reported with its line; only a clean file is
 * written, in one transaction, so nothing is ever half-imported.
 */
import { z } from 'zod/mini';
import type { ImportErrorItem } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { UnitId } from '../../shared/schema/ids';
import { HsaId, UnitKind } from '../../shared/schema/org-unit';
import { NameText } from '../../shared/schema/text';
import { issueToError } from '../../shared/sync/validate';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { Store, UnitRow } from '../store/store';
import { moveUnit } from './service';

const ImportRow = z.strictObject({
  id: UnitId,
  name: NameText,
  kind: UnitKind,
  parentId: z.nullable(UnitId),
  hsaId: z.optional(z.nullable(HsaId)),
});
type ImportRow = z.infer<typeof ImportRow>;
interface Line { line: number; raw: unknown }

export class ImportError extends AppError {
  constructor(errors: ImportErrorItem[]) {
    super('import-invalid', undefined, undefined, errors);
  }
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export function parseLines(format: 'csv' | 'json', content: string): Line[] {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw new ImportError([{ line: 1, code: 'malformed-json' }]);
    }
    if (!Array.isArray(data)) throw new ImportError([{ line: 1, code: 'validation', path: [] }]);
    return data.map((raw, i) => ({ line: i + 1, raw }));
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const want = ['id', 'name', 'kind', 'parentid'];
  const withHsa = header[4] === 'hsaid';
  if (want.some((h, i) => header[i] !== h) || header.length > (withHsa ? 5 : 4)) throw new ImportError([{ line: 1, code: 'validation', path: ['header'] }]);
  const out: Line[] = [];
  lines.slice(1).forEach((text, i) => {
    if (text.trim() === '') return;
    const [id, name, kind, parentId, hsaId] = splitCsvLine(text);
    out.push({ line: i + 2, raw: { id, name, kind, parentId: parentId ? parentId : null, ...(withHsa && hsaId ? { hsaId } : {}) } });
  });
  return out;
}

/** Units per file: a division at a time (a whole large region goes in a few files). */
export const MAX_IMPORT_ROWS = 5_000;

export async function importOrg(store: Store, p: Principal, format: 'csv' | 'json', content: string): Promise<{ created: number; updated: number }> {
  const lines = parseLines(format, content);
  const extra = lines[MAX_IMPORT_ROWS];
  if (extra) throw new ImportError([{ line: extra.line, code: 'validation', path: [] }]);
  return store.tx(async (tx) => {
    const existing = new Map((await tx.listUnits()).map((u) => [u.id, u]));
    const errors: ImportErrorItem[] = [];
    const rows = new Map<string, ImportRow & { line: number }>();
    for (const { line, raw } of lines) {
      const parsed = ImportRow.safeParse(raw);
      if (!parsed.success) { errors.push({ line, ...issueToError(parsed.error) }); continue; }
      if (rows.has(parsed.data.id)) { errors.push({ line, code: 'duplicate', path: ['id'] }); continue; }
      rows.set(parsed.data.id, { ...parsed.data, line });
    }
    // HSA-ids: unique in the file and against units the file does not give another one; a parent
    // named by HSA-id becomes that unit's id.
    const byHsa = new Map<string, string>();
    for (const u of existing.values()) if (u.hsaId) byHsa.set(u.hsaId, u.id);
    for (const row of rows.values()) {
      const current = existing.get(row.id)?.hsaId;
      if (current && row.hsaId !== undefined && row.hsaId !== current && byHsa.get(current) === row.id) byHsa.delete(current);
    }
    const claimed = new Set<string>();
    for (const row of rows.values()) {
      if (!row.hsaId) continue;
      const holder = byHsa.get(row.hsaId);
      if (claimed.has(row.hsaId) || (holder !== undefined && holder !== row.id)) errors.push({ line: row.line, code: 'duplicate', path: ['hsaId'] });
      claimed.add(row.hsaId);
      byHsa.set(row.hsaId, row.id);
    }
    for (const row of rows.values()) {
      if (row.parentId !== null && !rows.has(row.parentId) && !existing.has(row.parentId)) {
        const named = byHsa.get(row.parentId);
        if (named !== undefined) row.parentId = named as typeof row.parentId;
      }
    }
    const roots = [...rows.values()].filter((r) => r.parentId === null).length;
    for (const row of rows.values()) {
      const target = existing.get(row.id);
      if (row.parentId === null) {
        // Only the existing root may stand without a parent, and only an admin whose scope it is may
        // rename it; in an empty organisation the file's one parentless row creates the root (issue 12).
        if (!target && existing.size === 0 && roots === 1) {
          if (!may(p, 'administer', { path: `/${row.id}/` })) errors.push({ line: row.line, code: 'scope-denied', path: ['id'] });
        } else if (!target || target.parentId !== null) errors.push({ line: row.line, code: 'validation', path: ['parentId'] });
        else if (!may(p, 'administer', target)) errors.push({ line: row.line, code: 'scope-denied', path: ['id'] });
        continue;
      }
      if (!rows.has(row.parentId) && !existing.has(row.parentId)) errors.push({ line: row.line, code: 'not-found', path: ['parentId'] });
      if (target && !may(p, 'administer', target)) errors.push({ line: row.line, code: 'scope-denied', path: ['id'] });
      // A parent from the file is checked on its own line; a stored one must lie in scope too.
      const storedParent = rows.has(row.parentId) ? undefined : existing.get(row.parentId);
      if (storedParent && !may(p, 'administer', storedParent)) errors.push({ line: row.line, code: 'scope-denied', path: ['parentId'] });
      // Walk up through the file's parents (falling back to stored ones) to find cycles. Only rows
      // on the cycle are blamed; a row that merely hangs below one is fine once the cycle is fixed.
      const seen = new Set<string>([row.id]);
      let cur: string | null = row.parentId;
      while (cur !== null) {
        if (seen.has(cur)) {
          if (cur === row.id) errors.push({ line: row.line, code: 'cycle', path: ['parentId'] });
          break;
        }
        seen.add(cur);
        cur = rows.get(cur)?.parentId ?? existing.get(cur)?.parentId ?? null;
      }
    }
    if (errors.length > 0) throw new ImportError(errors.sort((a, b) => a.line - b.line));
    let created = 0;
    let updated = 0;
    const units = new Map<string, UnitRow>(existing);
    // Parents before children: by depth within the file (a row whose parent is not in the file
    // has depth 0; cycles were refused above). Linear, where picking the next ready row by
    // scanning the rest was cubic in the worst order (issue 18).
    const depth = new Map<string, number>();
    const depthOf = (id: string): number => {
      const known = depth.get(id);
      if (known !== undefined) return known;
      const parentId = rows.get(id)?.parentId ?? null;
      const d = parentId !== null && rows.has(parentId) ? depthOf(parentId) + 1 : 0;
      depth.set(id, d);
      return d;
    };
    const ordered = [...rows.values()].sort((a, b) => depthOf(a.id) - depthOf(b.id));
    // A unit giving its HSA-id away lets go of it first, so the unique index never sees two holders.
    for (const row of ordered) {
      const held = existing.get(row.id)?.hsaId;
      if (held && row.hsaId !== undefined && row.hsaId !== held) await tx.updateUnit(row.id, { hsaId: null });
    }
    for (const row of ordered) {
      const parent = row.parentId ? (units.get(row.parentId) as UnitRow) : null;
      const current = units.get(row.id);
      if (!current) {
        // A parentless new row is the root of an empty organisation (checked above).
        const path = parent ? `${parent.path}${row.id}/` : `/${row.id}/`;
        if (!parent && existing.size > 0) throw new AppError('validation', undefined, ['parentId']);
        if (!may(p, 'administer', { path })) throw new ImportError([{ line: 0, code: 'scope-denied', path: ['parentId'] }]);
        const unit: UnitRow = { id: row.id, name: row.name, kind: row.kind, parentId: parent?.id ?? null, path, closedAt: null, hsaId: row.hsaId ?? null };
        await tx.insertUnit(unit);
        units.set(unit.id, unit);
        created++;
      } else {
        let unit = current;
        if (parent && parent.id !== current.parentId) unit = await moveUnit(tx, current, parent);
        const hsa = row.hsaId === undefined ? {} : { hsaId: row.hsaId };
        await tx.updateUnit(row.id, { name: row.name, kind: row.kind, ...hsa });
        units.set(row.id, { ...unit, name: row.name, kind: row.kind, ...hsa });
        if (unit !== current) for (const u of await tx.listUnits()) units.set(u.id, u);
        updated++;
      }
    }
    return { created, updated };
  });
}
