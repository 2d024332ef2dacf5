/**
 * Language, storage protection, manual sync, export of unsynced changes, and log out. Logging
 * out with unsynced changes is refused, with the reason and the export offered instead: this
 * screen never forces a logout, so nobody can throw away a night's observations by one tap.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { AppError } from '../../../shared/errors';
import { LANGUAGES, type Language } from '../../../shared/i18n/format';
import { useApp, useSession } from '../../kit/context';
import { exportUnsyncedFile } from '../../kit/export';
import { errorOf, language, setLanguage, t, tn } from '../../kit/i18n';
import { redirect } from '../../kit/router';
import { logout } from '../../auth/session';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';

const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

export default function SettingsScreen(): JSX.Element {
  const { db, engine, sync, online, setSession } = useApp();
  const session = useSession();
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error' | 'warning'; text: string } | null>(null);

  const persistedText = () => {
    const p = sync()?.persisted;
    return p === true ? t('settings.persisted') : p === false ? t('settings.notPersisted') : t('settings.persistUnknown');
  };

  const doExport = async () => {
    await exportUnsyncedFile(db);
    setMessage({ tone: 'success', text: t('settings.exported') });
  };

  const doLogout = async () => {
    setMessage(null);
    try {
      const provider = await logout(db);
      setSession(null);
      // Signed in through the region: end that session too (back here when the provider is done).
      if (provider && navigator.onLine) window.location.assign(provider);
      else redirect([]);
    } catch (err) {
      const pending = err instanceof AppError && err.code === 'outbox-not-empty' ? (sync()?.pending ?? Number(err.meta?.pending ?? 0)) : null;
      setMessage(
        pending !== null
          ? { tone: 'warning', text: tn('settings.logoutBlocked', pending) }
          : { tone: 'error', text: errorOf(err) },
      );
    }
  };

  return (
    <div class="screen settings stack">
      <h1>{t('settings.title')}</h1>
      <section class="card">
        <h2>{t('settings.language')}</h2>
        <div class="chips" role="group" aria-label={t('settings.language')}>
          <For each={LANGUAGES}>
            {(lang) => (
              <Chip selected={language() === lang} onSelect={() => void setLanguage(lang)}>
                <span lang={lang}>{LANGUAGE_NAMES[lang]}</span>
              </Chip>
            )}
          </For>
        </div>
      </section>
      <section class="card">
        <h2>{t('settings.storage')}</h2>
        <p>
          <span aria-hidden="true">{sync()?.persisted === true ? '✓ ' : '⚠ '}</span>
          {persistedText()}
        </p>
      </section>
      <section class="card stack">
        <h2>{t('settings.sync')}</h2>
        <div class="button-row">
          <Button variant="primary" disabled={!online() || sync()?.syncing} onClick={() => void engine.syncNow().catch(() => undefined)}>
            {t('sync.now')}
          </Button>
          <Button onClick={() => void doExport()}>{t('settings.export')}</Button>
        </div>
      </section>
      <section class="card stack">
        <p>{t('settings.account', { name: session().identity.displayName, role: t(`role.${session().identity.role}`) })}</p>
        <Show when={message()}>
          {(m) => (
            <Banner
              tone={m().tone}
              actions={m().tone === 'warning' ? <Button onClick={() => void doExport()}>{t('settings.export')}</Button> : undefined}
            >
              {m().text}
            </Banner>
          )}
        </Show>
        <Button variant="danger" onClick={() => void doLogout()}>
          {t('settings.logout')}
        </Button>
      </section>
      <p>
        <a class="btn btn-link" href="#/tillganglighet">
          {t('nav.accessibility')}
        </a>
      </p>
    </div>
  );
}
