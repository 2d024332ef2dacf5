/**
 * The profession list a unit offers and how a profession code reads. A region's list gives
 * codes and labels; without one, DEFAULT_PROFESSIONS with labels in the user's language. A code
 * no list knows any more (an old record) reads as the code itself rather than vanish.
 */
import type { BhkProfession } from '../../../shared/schema/bhk-config';
import { DEFAULT_PROFESSIONS } from '../../../shared/schema/bhk-observation';
import { t, tOr } from '../../kit/i18n';

/** The list in force: the configured one, or the default codes with their translated labels. */
export function effectiveProfessions(configured: readonly BhkProfession[] | null): BhkProfession[] {
  if (configured !== null && configured.length > 0) return [...configured];
  return DEFAULT_PROFESSIONS.map((code) => ({ code, label: t(`profession.${code}`) }));
}

/** Labels for codes, from the list in force first, then the default labels, then the code. */
export function professionLabeler(configured: readonly BhkProfession[] | null): (code: string) => string {
  const labels = new Map((configured ?? []).map((p) => [p.code, p.label]));
  return (code) => labels.get(code) ?? tOr(`profession.${code}`, code);
}

/**
 * Professions offered at entry: hidden ones are left out, except the one of the record being
 * amended, which is offered even when the list no longer has it.
 */
export function entryProfessions(list: readonly BhkProfession[], keep?: string): BhkProfession[] {
  const shown = list.filter((p) => p.hidden !== true || p.code === keep);
  if (keep !== undefined && !shown.some((p) => p.code === keep)) shown.push({ code: keep, label: tOr(`profession.${keep}`, keep) });
  return shown;
}

/**
 * A stable code for a new label ("Sjuksköterska natt" → "sjukskoterska_natt"), made unique among
 * `taken` with a number. Codes are what records store; labels may be renamed later.
 */
export function codeFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'yrke';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}
