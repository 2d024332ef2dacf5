/**
 * The shell's first paint: the top bar and a loading line, drawn by the first load before the
 * database and the screen's chunk have arrived. The same markup as App's top bar, so the switch
 * to the running app does not move anything. `failed`: the data chunk could not load.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../kit/i18n';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import './styles.css';

export function Boot(props: { failed?: boolean; retry?: () => void }): JSX.Element {
  return (
    <div class="app">
      <header class="topbar">
        <span class="brand">
          <span aria-hidden="true">✚ </span>
          <span class="brand-name">{t('app.name')}</span>
        </span>
      </header>
      <main class="content">
        <Show when={props.failed} fallback={<p class="muted">{t('app.loading')}</p>}>
          <Banner tone="error" actions={<Button onClick={() => props.retry?.()}>{t('app.retry')}</Button>}>
            {t('app.chunkFailed')}
          </Banner>
        </Show>
      </main>
    </div>
  );
}
