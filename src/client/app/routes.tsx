/**
 * The route table: one lazy() chunk per feature, so the first load carries only the shell, the
 * data layer and the sync bar. Which screens a caller sees is kit/screens.ts.
 */
import { lazy, type Component } from 'solid-js';
import { SEGMENTS, type ScreenName } from '../kit/screens';
import { parseHash } from '../kit/router';

export const screens = {
  auth: lazy(() => import('../features/auth/AuthScreen')),
  hygiene: lazy(() => import('../features/hygiene/HygieneScreen')),
  safety: lazy(() => import('../features/safety-cross/SafetyScreen')),
  staffing: lazy(() => import('../features/staffing/StaffingScreen')),
  rollup: lazy(() => import('../features/rollup/RollupScreen')),
  admin: lazy(() => import('../features/admin/AdminScreen')),
  settings: lazy(() => import('../features/settings/SettingsScreen')),
  indicators: lazy(() => import('../features/indicators/IndicatorsScreen')),
  meeting: lazy(() => import('../features/meeting/MeetingScreen')),
  improvements: lazy(() => import('../features/improvements/ImprovementsScreen')),
  wall: lazy(() => import('../features/meeting/WallScreen')),
  accessibility: lazy(() => import('../features/accessibility/AccessibilityScreen')),
} satisfies Record<ScreenName | 'auth', Component>;

/**
 * Starts loading the chunk of the screen an address names (`#/hygien…`), before the session is
 * read, so the shell's data chunk and the screen's chunk load side by side. An address that names
 * no screen (the home screen depends on the role) preloads nothing.
 */
export function preloadScreenFor(hash: string): void {
  const segment = parseHash(hash).path[0];
  const name = (Object.keys(SEGMENTS) as ScreenName[]).find((s) => SEGMENTS[s] === segment);
  if (name !== undefined) void screens[name].preload();
}
