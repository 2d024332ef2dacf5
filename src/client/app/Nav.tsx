/** The main menu: only the screens the caller's role may open, the current one marked. */
import { Show, type JSX } from 'solid-js';
import { Tabs } from '../ui/Tabs';
import { useApp } from './context';
import { t } from './i18n';
import { href, route } from './router';
import { navItems, screenFor } from './routes';

export function Nav(): JSX.Element {
  const { session } = useApp();
  return (
    <Show when={session()}>
      {(s) => (
        <Tabs
          label={t('nav.main')}
          items={navItems(s().identity).map((item) => ({
            href: href([item.segment]),
            label: t(item.label),
            current: screenFor(route().path[0], s().identity) === item.screen,
          }))}
        />
      )}
    </Show>
  );
}
