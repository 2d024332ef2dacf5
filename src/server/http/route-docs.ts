/**
 * One line per route on what it answers, for the OpenAPI document (openapi.ts), for routes that do
 * not carry a `description` in their route() declaration. tests/server/openapi.test.ts fails when a
 * registered route has neither. Keyed "METHOD url" as in the route table.
 */
export const ROUTE_DOCS: Readonly<Record<string, string>> = {
  'GET /api/health': 'Liveness: {ok: true} while the server answers.',
  'POST /api/auth/login': 'Signs a person in with username and password; answers a long-lived device credential.',
  'POST /api/auth/enrol': 'Enrols a ward tablet with a one-time code; answers its device credential.',
  'POST /api/auth/token': 'Exchanges a device credential for a short-lived access token.',
  'POST /api/auth/logout': 'Ends this device (revokes its credential).',
  'GET /api/me': 'The identity of the calling device.',
  'POST /api/sync/push': 'Sends a device\'s outbox of changes; each is applied or refused alone (sync rules 3–5).',
  'GET /api/sync/pull': 'The change log after a cursor, filtered to the caller\'s scope (sync rule 14).',
  'GET /api/sync/facts': 'Fact blocks after a cursor for a device in facts mode (sync rules 22–24).',
  'GET /api/sync/unit': 'One unit\'s board rows, for a device in facts mode that pins it.',
  'GET /api/org': 'The org tree: units in the caller\'s scope and the levels above it.',
  'POST /api/admin/units': 'Creates a unit under a parent.',
  'PATCH /api/admin/units/:id': 'Renames, moves, closes or reopens a unit.',
  'POST /api/admin/units/import': 'Imports an org tree from CSV or JSON, all or nothing.',
  'GET /api/admin/accounts': 'The accounts whose scope lies in the caller\'s.',
  'POST /api/admin/accounts': 'Creates an account with a role and a scope unit.',
  'PATCH /api/admin/accounts/:id': 'Disables or re-enables an account (disabling ends its devices).',
  'GET /api/admin/accounts/:id/devices': 'The devices a person is or was logged in on.',
  'POST /api/enrol-codes': 'A one-time enrolment code for a unit\'s tablet (valid 10 minutes).',
  'GET /api/devices': 'The tablets of a unit.',
  'POST /api/devices/:id/revoke': 'Revokes a tablet, or a person\'s device.',
  'GET /api/rollup/bhk': 'A month\'s BHK counts per node under rootId.',
  'GET /api/bhk/rollup': 'A period\'s pooled BHK counts per node and per profession under rootId.',
  'GET /api/bhk/config': 'The profession list in force for a unit.',
  'GET /api/export/bhk.csv': 'The period\'s BHK observations under rootId as a CSV file.',
  'GET /api/rollup/safety': 'A month\'s Gröna korset day statuses and events per node under rootId.',
  'GET /api/rollup/staffing': 'A month\'s pooled staffing, HR and beds counts per node under rootId.',
  'GET /api/indicators/report': 'Every node under rootId × every indicator in force: value, n, target, status, trend.',
  'GET /api/indicators/series': 'One indicator\'s series of periods for a unit, with median and run-chart signals.',
  'GET /api/indicators/config': 'Indicator rows on a unit\'s ancestors (offline definitions).',
  'GET /api/export/indicators.csv': 'The indicator report under rootId as a CSV file.',
};
