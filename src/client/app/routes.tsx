/**
 * The route table: one lazy() chunk per feature, so the first load carries only the shell, the
 * data layer and the sync bar. Which screens a caller sees is kit/screens.ts.
 */
import { lazy, type Component } from 'solid-js';
import type { ScreenName } from '../kit/screens';

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
