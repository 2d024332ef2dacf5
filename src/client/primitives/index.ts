/** Solid primitives over the client data layer; components use these, never Dexie. */
export { createLiveQuery } from './live-query';
export { createOnline } from './online';
export { createSyncStatus } from './sync-status';
export { askAgainAfterSync, askServerAgain, createAnswer, settled } from './ask-again';
