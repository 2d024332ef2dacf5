/** Entry: open the database, render the app, register the service worker. Nothing else. */
import { render } from 'solid-js/web';
import { App } from './app/App';
import { registerServiceWorker } from './kit/sw-update';
import { openDb } from './storage/db';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

const db = openDb();
render(() => <App db={db} />, root);
void registerServiceWorker();
