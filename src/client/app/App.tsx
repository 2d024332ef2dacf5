/**
 * The shell: services in context, the top bar (brand, menu, sync status) on every screen, and
 * the routed screen below it. Logged out, the screen is login/enrolment.
 */
import { createEffect, createSignal, ErrorBoundary, Match, on, onCleanup, Suspense, Switch, type JSX } from 'solid-js';
import { createApi } from '../api/http';
import { loadSession, type Session } from '../auth/session';
import { createOnline, createSyncStatus } from '../primitives';
import type { PulsDb } from '../storage/db';
import { createLazySyncEngine } from '../sync/lazy-engine';
import SyncStatus from '../features/sync-status/SyncStatus';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { AppContext, useApp, type AppServices } from '../kit/context';
import { t } from '../kit/i18n';
import { Nav } from './Nav';
import { route } from '../kit/router';
import { ENROL_SEGMENT, SEGMENTS, screenFor } from '../kit/screens';
import { announcement, focusHeading } from '../kit/focus';
import { dropFirstPaint, noteSession } from '../kit/first-paint';
import { screens } from './routes';
import './styles.css';

export function App(props: { db: PulsDb }): JSX.Element {
  const [session, setSession] = createSignal<Session | null | undefined>(undefined);
  const [storageBroken, setStorageBroken] = createSignal(false);
  // Opening is the probe docs/sync.md §2.3 asks for: private modes that refuse IndexedDB fail here,
  // and data entry is blocked rather than silently lost.
  props.db
    .open()
    .then(() => loadSession(props.db))
    .then(setSession, () => {
      setStorageBroken(true);
      setSession(null);
    });
  // The first paint's copies belong to this session only (kit/first-paint.ts).
  createEffect(on(session, (s) => s !== undefined && noteSession(s?.deviceId ?? null)));

  const engine = createLazySyncEngine({ db: props.db });
  createEffect(
    on(session, (s) => {
      if (!s) return engine.stop();
      // The board's first figure comes first: the engine (its chunk, a token check against a
      // server that may be down, a pull) starts once the page is idle, at most 2 s later (issue 19).
      whenIdle(() => {
        if (session()) engine.start();
      });
    }),
  );
  onCleanup(() => engine.stop());

  const services: AppServices = {
    db: props.db,
    api: createApi(props.db),
    engine,
    session,
    setSession,
    sync: createSyncStatus(props.db),
    online: createOnline(),
  };

  // A new screen (another path, not a changed month or unit) starts on its heading.
  createEffect(
    on(
      () => route().path.join('/'),
      () => {
        const active = document.activeElement;
        if (active && active !== document.body && active.closest('main h1')) return;
        focusHeading(document.querySelector('main h1'));
      },
      { defer: true },
    ),
  );

  return (
    <AppContext.Provider value={services}>
      <a class="skip-link" href="#innehall" onClick={(e) => (e.preventDefault(), focusHeading())}>
        {t('app.skip')}
      </a>
      <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">
        {announcement()}
      </div>
      <div class="app">
        <header class="topbar">
          <span class="brand">
            <span aria-hidden="true">✚ </span>
            <span class="brand-name">{t('app.name')}</span>
          </span>
          <Nav />
        </header>
        <SyncStatus />
        <main class="content" id="innehall">
          <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
            <Match when={storageBroken()}>
              <Banner tone="error">{t('app.storageUnavailable')}</Banner>
            </Match>
            <Match when={session() !== undefined}>
              <Routed />
            </Match>
          </Switch>
        </main>
      </div>
    </AppContext.Provider>
  );
}

/** The screens that keep a first-paint copy. */
const FIRST_PAINT_SCREENS: ReadonlySet<string> = new Set(['hygiene', 'safety', 'indicators']);

/** The current screen, loaded lazily; a chunk that fails to load offers a guarded retry. */
function Routed(): JSX.Element {
  const { session } = useApp();
  // A copy drawn before the app (kit/first-paint.ts) stands for a board's figure; on any other
  // screen it goes at once instead of waiting for a figure that will not come.
  createEffect(() => {
    const s = session();
    const segment = route().path[0];
    if (!s || segment === SEGMENTS.accessibility || segment === ENROL_SEGMENT || !FIRST_PAINT_SCREENS.has(screenFor(segment, s.identity))) dropFirstPaint();
  });
  return (
    <ErrorBoundary
      fallback={(_err, reset) => (
        <Banner tone="error" actions={<Button onClick={() => (reset(), location.reload())}>{t('app.retry')}</Button>}>
          {t('app.chunkFailed')}
        </Banner>
      )}
    >
      <Suspense fallback={<p class="muted">{t('app.loading')}</p>}>
        <Switch>
          <Match when={route().path[0] === SEGMENTS.accessibility}>
            <screens.accessibility />
          </Match>
          <Match when={!session() || route().path[0] === ENROL_SEGMENT}>
            <screens.auth />
          </Match>
          <Match when={session()}>{(s) => <Screen name={screenFor(route().path[0], s().identity)} />}</Match>
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}

function Screen(props: { name: ReturnType<typeof screenFor> }): JSX.Element {
  return (
    <Switch>
      <Match when={props.name === 'hygiene'}>
        <screens.hygiene />
      </Match>
      <Match when={props.name === 'safety'}>
        <screens.safety />
      </Match>
      <Match when={props.name === 'staffing'}>
        <screens.staffing />
      </Match>
      <Match when={props.name === 'rollup'}>
        <screens.rollup />
      </Match>
      <Match when={props.name === 'admin'}>
        <screens.admin />
      </Match>
      <Match when={props.name === 'settings'}>
        <screens.settings />
      </Match>
      <Match when={props.name === 'indicators'}>
        <screens.indicators />
      </Match>
      <Match when={props.name === 'meeting'}>
        <screens.meeting />
      </Match>
      <Match when={props.name === 'improvements'}>
        <screens.improvements />
      </Match>
      <Match when={props.name === 'wall'}>
        <screens.wall />
      </Match>
    </Switch>
  );
}

/** Runs `fn` when the main thread is idle (Safari has no requestIdleCallback: a short timeout). */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}
