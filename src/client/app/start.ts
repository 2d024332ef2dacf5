/**
 * The data side of the shell, loaded as one lazy chunk by main.tsx: the app with its services and
 * the database (Dexie, the session, the sync status). Kept out of the first load so the shell can
 * paint its top bar while this chunk and the screen's chunk load side by side (issue 19).
 */
import { App } from './App';
import { openDb } from '../storage/db';

export { App, openDb };
