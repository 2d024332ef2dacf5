/**
 * The settings being edited, and the patch they make: only fields that differ from what is stored,
 * so two managers changing different settings offline both keep their change (rule 11).
 */
import type { SafetySettings } from '../../../shared/schema/safety-settings';

export type SettingsDraft = Pick<SafetySettings, 'categories' | 'levels' | 'crossCategories' | 'backdateDays'>;

export const MAX_CROSSES = 6;

export const draftOf = (s: SafetySettings): SettingsDraft => ({
  categories: [...s.categories],
  levels: s.levels,
  crossCategories: [...s.crossCategories],
  backdateDays: s.backdateDays,
});

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Adds a category typed by the user (trimmed; ignored when empty or already there). */
export function addCategory(d: SettingsDraft, raw: string): SettingsDraft {
  const c = raw.trim().replace(/\s+/g, ' ');
  if (c === '' || d.categories.includes(c)) return d;
  return { ...d, categories: [...d.categories, c] };
}

/** Removes a category, and its cross with it. */
export function removeCategory(d: SettingsDraft, c: string): SettingsDraft {
  return { ...d, categories: d.categories.filter((x) => x !== c), crossCategories: d.crossCategories.filter((x) => x !== c) };
}

/** Toggles a category's own cross, at most MAX_CROSSES of them. */
export function toggleCross(d: SettingsDraft, c: string): SettingsDraft {
  if (d.crossCategories.includes(c)) return { ...d, crossCategories: d.crossCategories.filter((x) => x !== c) };
  if (d.crossCategories.length >= MAX_CROSSES) return d;
  return { ...d, crossCategories: [...d.crossCategories, c] };
}

export function settingsPatch(stored: SafetySettings, d: SettingsDraft): Partial<SettingsDraft> {
  const patch: Partial<SettingsDraft> = {};
  if (!sameList(stored.categories, d.categories)) patch.categories = d.categories;
  if (stored.levels !== d.levels) patch.levels = d.levels;
  if (!sameList(stored.crossCategories, d.crossCategories)) patch.crossCategories = d.crossCategories;
  if (stored.backdateDays !== d.backdateDays) patch.backdateDays = d.backdateDays;
  return patch;
}
