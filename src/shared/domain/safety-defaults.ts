/**
 * Gröna korset's defaults (issue 4, docs/domain.md §1.5), kept out of the schema files so they ship
 * with the feature's lazy chunk rather than in the first load (every schema in the registry does).
 */
import type { SafetySettings } from '../schema/safety-settings';

/** Default categories, editable per unit; the UI translates these codes. */
export const DEFAULT_SAFETY_CATEGORIES = ['fall', 'trycksar', 'vri', 'lakemedel', 'blasoverfyllnad', 'nutrition', 'ovrigt'] as const;

/** What a unit's board uses for every setting nobody has set. */
export const DEFAULT_SAFETY_SETTINGS: Omit<SafetySettings, 'id' | 'unitId'> = {
  categories: [...DEFAULT_SAFETY_CATEGORIES],
  levels: 4,
  crossCategories: [],
  // "Back-dating within a window (default 7 days); older changes need a manager."
  backdateDays: 7,
};
