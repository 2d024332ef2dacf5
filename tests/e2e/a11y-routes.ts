/**
 * Every screen and screen state the accessibility suite (accessibility.test.ts) opens, per role.
 * Typed by the app's own screen list (src/client/kit/screens.ts): a new screen without an entry
 * here does not typecheck, and the suite also checks at run time that each segment is visited.
 * Each entry is a hash route of the demo organisation, plus an optional action that opens a
 * dialog or form state on it (then checked like any screen).
 */
import type { Page } from 'playwright-core';
import type { ScreenName } from '../../src/client/kit/screens';

export type Role = 'staff' | 'manager' | 'admin';

export interface A11yRoute {
  /** Shown in failure messages. */
  name: string;
  hash: string;
  roles: readonly Role[];
  /** Opens a state of the screen (a form, a disclosure) after it has loaded. */
  open?: (page: Page) => Promise<void>;
}

const ALL: readonly Role[] = ['staff', 'manager', 'admin'];
const LEADS: readonly Role[] = ['manager', 'admin'];

export const A11Y_ROUTES: Record<ScreenName | 'auth' | 'accessibility', readonly A11yRoute[]> = {
  hygiene: [
    { name: 'hygien tavla', hash: '#/hygien?unit=avd-21', roles: ALL },
    { name: 'hygien ny observation', hash: '#/hygien/observation?unit=avd-21', roles: ALL },
    {
      name: 'hygien ny observation, Mer öppet',
      hash: '#/hygien/observation?unit=avd-21',
      roles: ['staff'],
      open: async (page) => page.locator('details.more summary').click(),
    },
    {
      name: 'hygien teckenförklaring öppen',
      hash: '#/hygien?unit=avd-21',
      roles: ['staff'],
      open: async (page) => {
        const legend = page.locator('details summary', { hasText: 'Teckenförklaring' });
        if (await legend.count()) await legend.first().click();
      },
    },
  ],
  safety: [
    { name: 'gröna korset enhet', hash: '#/korset?unit=avd-21', roles: ALL },
    { name: 'gröna korset händelse', hash: '#/korset/handelse?unit=avd-21', roles: ALL },
    { name: 'gröna korset division', hash: '#/korset?unit=div-lsv', roles: LEADS },
    { name: 'gröna korset inställningar', hash: '#/korset/installningar?unit=avd-21', roles: LEADS },
  ],
  staffing: [
    { name: 'bemanning enhet', hash: '#/bemanning?unit=avd-21', roles: ALL },
    { name: 'bemanning division', hash: '#/bemanning?unit=div-lsv', roles: LEADS },
    { name: 'bemanning hr', hash: '#/bemanning/hr?unit=avd-21', roles: LEADS },
    { name: 'bemanning inställningar', hash: '#/bemanning/installningar?unit=avd-21', roles: LEADS },
  ],
  rollup: [{ name: 'hygienöversikt', hash: '#/oversikt', roles: LEADS }],
  admin: [
    { name: 'admin surfplattor', hash: '#/admin/surfplattor', roles: LEADS },
    { name: 'admin organisation', hash: '#/admin/organisation', roles: ['admin'] },
    { name: 'admin import', hash: '#/admin/import', roles: ['admin'] },
    { name: 'admin konton', hash: '#/admin/konton', roles: ['admin'] },
    { name: 'admin logg', hash: '#/admin/logg', roles: LEADS },
    {
      name: 'admin logg, säkerhetshändelser',
      hash: '#/admin/logg',
      roles: LEADS,
      open: async (page) => page.getByRole('button', { name: 'Säkerhetshändelser' }).click(),
    },
    { name: 'admin api-nycklar', hash: '#/admin/api-nycklar', roles: LEADS },
  ],
  settings: [{ name: 'inställningar', hash: '#/installningar', roles: ALL }],
  indicators: [
    { name: 'mål och resultat', hash: '#/mal', roles: ALL },
    { name: 'mål trend', hash: '#/mal/trend?unit=avd-21&key=bhkTotal', roles: ALL },
    { name: 'mål pulsvy', hash: '#/mal/puls', roles: ALL },
    { name: 'mål utskrift', hash: '#/mal/utskrift', roles: LEADS },
    { name: 'mål katalog', hash: '#/mal/katalog', roles: LEADS },
  ],
  meeting: [
    { name: 'pulsmöte start', hash: '#/mote?unit=avd-21', roles: ALL },
    { name: 'pulsmöte logg', hash: '#/mote/logg?unit=avd-21', roles: ALL },
    { name: 'pulsmöte dagordning', hash: '#/mote/dagordning?unit=avd-21', roles: LEADS },
  ],
  improvements: [
    { name: 'åtgärder', hash: '#/forbattring?unit=avd-21', roles: ALL },
    { name: 'idéer', hash: '#/forbattring/ideer?unit=avd-21', roles: ALL },
  ],
  wall: [
    { name: 'väggskärm', hash: '#/vagg?unit=avd-21', roles: ALL },
    // A rotating wall (wall-rotation.ts): whichever view the clock shows; every view alone is in the wall test.
    { name: 'väggskärm, roterande', hash: '#/vagg?enheter=avd-21,avd-22&tavlor=korset,atgarder&sek=3600', roles: LEADS },
  ],
  accessibility: [{ name: 'tillgänglighet', hash: '#/tillganglighet', roles: ALL }],
  auth: [],
};
