/**
 * Which screens exist, their address-bar segments and which a caller sees (data only: the lazy
 * chunks live in app/routes.tsx). Features import this, never the shell. The server enforces the
 * same rules; this only keeps the menu honest.
 */
import type { Identity } from '../../shared/api';
import type { MessageKey } from '../../shared/i18n/sv';

export type ScreenName = 'hygiene' | 'safety' | 'staffing' | 'rollup' | 'admin' | 'settings' | 'indicators' | 'meeting' | 'improvements' | 'wall' | 'accessibility';

/** First path segment (Swedish, as users see it in the address bar) → screen. */
export const SEGMENTS: Record<ScreenName, string> = {
  hygiene: 'hygien',
  safety: 'korset',
  staffing: 'bemanning',
  rollup: 'oversikt',
  admin: 'admin',
  settings: 'installningar',
  indicators: 'mal',
  meeting: 'mote',
  improvements: 'forbattring',
  wall: 'vagg',
  accessibility: 'tillganglighet',
};
/** Re-enrolment of a revoked tablet: the auth screen, reachable while a (dead) session exists. */
export const ENROL_SEGMENT = 'registrera';

const NAV_LABEL: Record<ScreenName, MessageKey> = {
  hygiene: 'nav.hygiene',
  safety: 'nav.safety',
  staffing: 'nav.staffing',
  rollup: 'nav.rollup',
  admin: 'nav.admin',
  settings: 'nav.settings',
  indicators: 'nav.indicators',
  meeting: 'nav.meeting',
  improvements: 'nav.improvements',
  wall: 'nav.wall',
  accessibility: 'nav.accessibility',
};

export function allowedScreens(identity: Identity): ScreenName[] {
  const isLead = identity.role === 'manager' || identity.role === 'admin';
  // Managers see the unit board too: a ward manager's scope is often the ward itself.
  return isLead
    ? ['indicators', 'meeting', 'rollup', 'hygiene', 'safety', 'staffing', 'improvements', 'admin', 'settings', 'wall']
    : ['hygiene', 'safety', 'staffing', 'meeting', 'improvements', 'indicators', 'settings', 'wall'];
}

export function homeScreen(identity: Identity): ScreenName {
  return allowedScreens(identity)[0] ?? 'settings';
}

export function screenFor(segment: string | undefined, identity: Identity): ScreenName {
  const allowed = allowedScreens(identity);
  const hit = allowed.find((s) => SEGMENTS[s] === segment);
  return hit ?? homeScreen(identity);
}

export function navItems(identity: Identity): { screen: ScreenName; segment: string; label: MessageKey }[] {
  // The wall screen is opened from the meeting screen, not from the menu.
  return allowedScreens(identity).filter((s) => s !== 'wall').map((screen) => ({ screen, segment: SEGMENTS[screen], label: NAV_LABEL[screen] }));
}
