/**
 * The main menu: only the screens the caller's role may open, the current one marked. A tablet
 * gets a (wrapping) tab bar; a phone one "Meny" button opening the full list, so no item is cut
 * off. Both are rendered; CSS shows the one that fits. Nothing on the wall screen.
 */
import { Show, type JSX } from 'solid-js';
import { navTexts } from '../../shared/i18n/features/nav';
import { MenuButton } from '../ui/MenuButton';
import { Tabs } from '../ui/Tabs';
import { useApp } from '../kit/context';
import { createTexts, t } from '../kit/i18n';
import { href, route } from '../kit/router';
import { navItems, screenFor, SEGMENTS } from '../kit/screens';

const txNav = createTexts(navTexts);

export function Nav(): JSX.Element {
  const { session } = useApp();
  return (
    <Show when={session() && route().path[0] !== SEGMENTS.wall ? session() : undefined}>
      {(s) => {
        const items = () =>
          navItems(s().identity).map((item) => ({
            href: href([item.segment]),
            label: t(item.label),
            current: screenFor(route().path[0], s().identity) === item.screen,
          }));
        return (
          <>
            <div class="nav-wide">
              <Tabs label={t('nav.main')} items={items()} />
            </div>
            <div class="nav-narrow">
              <MenuButton label={t('nav.main')} items={items()} menuText={txNav('menu')} closeText={txNav('close')} />
            </div>
          </>
        );
      }}
    </Show>
  );
}
