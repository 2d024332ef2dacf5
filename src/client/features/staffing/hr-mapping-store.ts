/**
 * The HR file's column mapping, remembered on this device per scope (the person's unit, VO or
 * division), so the next month's file imports without asking again. A mapping is plain column
 * names; an unreadable or outdated stored value is simply forgotten.
 */
import { HR_FIELDS, type HrCsvMapping } from '../../../shared/domain/hr-import';

const key = (scopeUnitId: string) => `pulstavlan.hrCsvMapping.${scopeUnitId}`;

export function loadMapping(scopeUnitId: string): HrCsvMapping | null {
  try {
    const raw = globalThis.localStorage?.getItem(key(scopeUnitId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { columns?: Record<string, unknown>; fraction?: unknown };
    const columns: HrCsvMapping['columns'] = {};
    for (const f of HR_FIELDS) {
      const c = parsed.columns?.[f];
      if (typeof c === 'string' && c !== '') columns[f] = c;
    }
    return { columns, fraction: parsed.fraction === true };
  } catch {
    return null;
  }
}

export function saveMapping(scopeUnitId: string, mapping: HrCsvMapping): void {
  try {
    globalThis.localStorage?.setItem(key(scopeUnitId), JSON.stringify(mapping));
  } catch {
    // Private mode or a full store: the mapping is asked for again next time, nothing is lost.
  }
}
