/**
 * Entry: paint the shell's top bar at once, then load the data side (app/start.ts: the database,
 * the session, the services) and the addressed screen's chunk side by side, and register the
 * service worker. The first load carries Solid, the texts and this skeleton, nothing else
 * (scripts/bundle-size.ts).
 */
import { render } from 'solid-js/web';
import { ErrorBoundary, lazy, Suspense, type JSX } from 'solid-js';
import { preloadScreenFor } from './app/routes';
import { Boot } from './app/Boot';
import { registerServiceWorker } from './kit/sw-update';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

const start = import('./app/start');
// No waterfall: the screen the address names starts loading now, not once the session is read.
preloadScreenFor(location.hash);
const Started = lazy(() =>
  start.then(({ App, openDb }) => {
    // Opened once, here: a prop is a getter in Solid, so `db={openDb()}` would open one per read.
    const db = openDb();
    return { default: () => <App db={db} /> };
  }),
);

render(
  (): JSX.Element => (
    <ErrorBoundary fallback={(_err, reset) => <Boot failed retry={() => (reset(), location.reload())} />}>
      <Suspense fallback={<Boot />}>
        <Started />
      </Suspense>
    </ErrorBoundary>
  ),
  root,
);
void registerServiceWorker();
