/**
 * Every route in src/client/README.md's route table against bad input: malformed JSON, wrong
 * types (400 validation with the field path), unknown fields (path names the field), bodies over
 * 1 MiB (413), and missing or garbage tokens (401). Each route lists what input it takes; a check
 * that cannot apply (a GET has no body, a public route needs no token) is left out for it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/shared/protocol';
import { call, type Client, expectError, type Harness, MONTH, signedIn } from './helpers';

type Method = 'GET' | 'POST' | 'PATCH';
interface Bad {
  /** A body (POST/PATCH) or a query string (GET) with one wrong field. */
  input: unknown;
  path: (string | number)[];
  url?: string;
}
interface Route {
  method: Method;
  url: string;
  auth: boolean;
  /** A valid body, for routes that take one. */
  body?: () => unknown;
  wrongType?: Bad[];
  unknown?: Bad;
}

let h: Harness;
let admin: Client;
beforeAll(async () => void ({ h, user: admin } = await signedIn('admin')));
afterAll(() => h.close());

const ROUTES: Route[] = [
  {
    method: 'POST', url: '/api/auth/login', auth: false,
    body: () => ({ username: 'admin', password: 'pulstavlan' }),
    wrongType: [{ input: { username: 5, password: 'x' }, path: ['username'] }, { input: { username: 'admin', password: '' }, path: ['password'] }],
    unknown: { input: { username: 'admin', password: 'pulstavlan', remember: true }, path: ['remember'] },
  },
  {
    method: 'POST', url: '/api/auth/enrol', auth: false,
    body: () => ({ code: 'ABCDEFGH' }),
    wrongType: [{ input: { code: 12345678 }, path: ['code'] }, { input: { code: 'ABC' }, path: ['code'] }],
    unknown: { input: { code: 'ABCDEFGH', unitId: 'avd-21' }, path: ['unitId'] },
  },
  {
    method: 'POST', url: '/api/auth/token', auth: false,
    body: () => ({ deviceId: admin.deviceId, deviceSecret: admin.deviceSecret }),
    wrongType: [{ input: { deviceId: 'x', deviceSecret: 42 }, path: ['deviceSecret'] }],
    unknown: { input: { deviceId: 'x', deviceSecret: 'y'.repeat(43), role: 'admin' }, path: ['role'] },
  },
  { method: 'POST', url: '/api/auth/logout', auth: true },
  { method: 'GET', url: '/api/me', auth: true },
  {
    method: 'POST', url: '/api/sync/push', auth: true,
    body: () => ({ protocolVersion: 1, deviceId: admin.deviceId, changes: [] }),
    wrongType: [
      { input: { protocolVersion: '1', deviceId: 'x', changes: [] }, path: ['protocolVersion'] },
      { input: { protocolVersion: 1, deviceId: 'x', changes: {} }, path: ['changes'] },
      { input: { protocolVersion: 1, deviceId: 'x', changes: [{ seq: 'one' }] }, path: ['changes', 0, 'seq'] },
    ],
    unknown: { input: { protocolVersion: 1, deviceId: 'x', changes: [], since: 3 }, path: ['since'] },
  },
  {
    method: 'GET', url: '/api/sync/pull?cursor=0&protocolVersion=1', auth: true,
    wrongType: [
      { input: '', url: '/api/sync/pull?cursor=abc&protocolVersion=1', path: ['cursor'] },
      { input: '', url: '/api/sync/pull?cursor=-1&protocolVersion=1', path: ['cursor'] },
      { input: '', url: '/api/sync/pull?cursor=0', path: ['protocolVersion'] },
    ],
    unknown: { input: '', url: '/api/sync/pull?cursor=0&protocolVersion=1&limit=9', path: ['limit'] },
  },
  {
    method: 'GET', url: '/api/sync/pull?cursor=0&protocolVersion=4&pinned=avd-21', auth: true,
    wrongType: [
      { input: '', url: '/api/sync/pull?cursor=0&protocolVersion=4&pinned=avd%2021', path: ['pinned', 0] },
      { input: '', url: `/api/sync/pull?cursor=0&protocolVersion=4&pinned=${Array.from({ length: 13 }, () => 'avd-21').join(',')}`, path: ['pinned'] },
    ],
  },
  {
    method: 'GET', url: '/api/sync/facts?cursor=0&protocolVersion=4', auth: true,
    wrongType: [
      { input: '', url: '/api/sync/facts?cursor=x&protocolVersion=4', path: ['cursor'] },
      { input: '', url: '/api/sync/facts?cursor=0', path: ['protocolVersion'] },
    ],
    unknown: { input: '', url: '/api/sync/facts?cursor=0&protocolVersion=4&pinned=avd-21', path: ['pinned'] },
  },
  {
    method: 'GET', url: '/api/sync/unit?unitId=avd-21', auth: true,
    wrongType: [{ input: '', url: '/api/sync/unit?unitId=avd%2021', path: ['unitId'] }],
    unknown: { input: '', url: '/api/sync/unit?unitId=avd-21&since=3', path: ['since'] },
  },
  { method: 'GET', url: '/api/org', auth: true },
  {
    method: 'POST', url: '/api/admin/units', auth: true,
    body: () => ({ name: 'Ny enhet', kind: 'enhet', parentId: 'vo-med' }),
    wrongType: [
      { input: { name: 'Ny', kind: 'ward', parentId: 'vo-med' }, path: ['kind'] },
      { input: { name: 'Ny', kind: 'enhet', parentId: 'vo med' }, path: ['parentId'] },
    ],
    unknown: { input: { name: 'Ny', kind: 'enhet', parentId: 'vo-med', id: 'x' }, path: ['id'] },
  },
  {
    method: 'PATCH', url: '/api/admin/units/avd-21', auth: true,
    body: () => ({ name: 'Avdelning 21' }),
    wrongType: [
      { input: { closed: 'yes' }, path: ['closed'] },
      { input: { name: 'x' }, url: '/api/admin/units/avd%2021', path: ['id'] },
    ],
    unknown: { input: { name: 'x', kind: 'vo' }, path: ['kind'] },
  },
  {
    method: 'POST', url: '/api/admin/units/import', auth: true,
    body: () => ({ format: 'csv', content: 'id,name,kind,parentId\n' }),
    wrongType: [{ input: { format: 'xml', content: '' }, path: ['format'] }, { input: { format: 'csv', content: 5 }, path: ['content'] }],
    unknown: { input: { format: 'csv', content: '', dryRun: true }, path: ['dryRun'] },
  },
  { method: 'GET', url: '/api/admin/accounts', auth: true },
  {
    method: 'POST', url: '/api/admin/accounts', auth: true,
    body: () => ({ username: 'ny.person', displayName: 'Ny Person', password: 'langt-losenord', role: 'staff', scopeUnitId: 'avd-21' }),
    wrongType: [
      { input: { username: 'ny', displayName: 'N', password: 'langt-losenord', role: 'boss', scopeUnitId: 'avd-21' }, path: ['role'] },
      { input: { username: 'ny', displayName: 'N', password: 'kort', role: 'staff', scopeUnitId: 'avd-21' }, path: ['password'] },
    ],
    unknown: { input: { username: 'ny', displayName: 'N', password: 'langt-losenord', role: 'staff', scopeUnitId: 'avd-21', disabled: false }, path: ['disabled'] },
  },
  {
    method: 'PATCH', url: '/api/admin/accounts/no-such-account', auth: true,
    body: () => ({ disabled: true }),
    wrongType: [{ input: { disabled: 'ja' }, path: ['disabled'] }],
    unknown: { input: { disabled: true, role: 'admin' }, path: ['role'] },
  },
  {
    method: 'GET', url: '/api/admin/accounts/no-such-account/devices', auth: true,
    wrongType: [{ input: '', url: '/api/admin/accounts/bad%20id/devices', path: ['id'] }],
  },
  {
    method: 'POST', url: '/api/enrol-codes', auth: true,
    body: () => ({ unitId: 'avd-21' }),
    wrongType: [{ input: { unitId: 21 }, path: ['unitId'] }],
    unknown: { input: { unitId: 'avd-21', ttl: 99 }, path: ['ttl'] },
  },
  {
    method: 'GET', url: '/api/devices?unitId=avd-21', auth: true,
    wrongType: [{ input: '', url: '/api/devices', path: ['unitId'] }, { input: '', url: '/api/devices?unitId=a%20b', path: ['unitId'] }],
    unknown: { input: '', url: '/api/devices?unitId=avd-21&all=1', path: ['all'] },
  },
  {
    method: 'POST', url: '/api/devices/some-device/revoke', auth: true,
    wrongType: [{ input: undefined, url: '/api/devices/bad%20id/revoke', path: ['id'] }],
  },
  {
    method: 'GET', url: `/api/rollup/bhk?rootId=region&month=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/rollup/bhk?rootId=region&month=2026-13', path: ['month'] },
      { input: '', url: '/api/rollup/bhk?month=2026-03', path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/rollup/bhk?rootId=region&month=${MONTH}&level=vo`, path: ['level'] },
  },
  {
    method: 'GET', url: `/api/bhk/rollup?rootId=region&period=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/bhk/rollup?rootId=region&period=2026-13', path: ['period'] },
      { input: '', url: '/api/bhk/rollup?rootId=region&period=2026-W54', path: ['period'] },
      { input: '', url: '/api/bhk/rollup?rootId=region&period=2026-03-10', path: ['period'] },
      { input: '', url: '/api/bhk/rollup?rootId=region&period=2026-03&period=2026-04', path: ['period'] },
      { input: '', url: `/api/bhk/rollup?rootId=region&period=${MONTH}&source=mine`, path: ['source'] },
      { input: '', url: `/api/bhk/rollup?period=${MONTH}`, path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/bhk/rollup?rootId=region&period=${MONTH}&month=${MONTH}`, path: ['month'] },
  },
  {
    method: 'GET', url: '/api/bhk/config?unitId=avd-21', auth: true,
    wrongType: [{ input: '', url: '/api/bhk/config', path: ['unitId'] }, { input: '', url: '/api/bhk/config?unitId=a%20b', path: ['unitId'] }],
    unknown: { input: '', url: '/api/bhk/config?unitId=avd-21&level=region', path: ['level'] },
  },
  {
    method: 'GET', url: `/api/export/bhk.csv?rootId=region&period=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/export/bhk.csv?rootId=region&period=2026-T4', path: ['period'] },
      { input: '', url: '/api/export/bhk.csv?rootId=region', path: ['period'] },
      { input: '', url: '/api/export/bhk.csv?rootId=region&period=2026&source=ALL', path: ['source'] },
      { input: '', url: '/api/export/bhk.csv?rootId=avd%2021&period=2026', path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/export/bhk.csv?rootId=region&period=${MONTH}&format=xlsx`, path: ['format'] },
  },
  {
    method: 'GET', url: `/api/rollup/safety?rootId=region&month=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/rollup/safety?rootId=region&month=2026-00', path: ['month'] },
      { input: '', url: '/api/rollup/safety?rootId=region&month=2026-3', path: ['month'] },
      { input: '', url: '/api/rollup/safety?month=2026-03', path: ['rootId'] },
      { input: '', url: '/api/rollup/safety?rootId=a%20b&month=2026-03', path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/rollup/safety?rootId=region&month=${MONTH}&unit=avd-21`, path: ['unit'] },
  },
  {
    method: 'GET', url: `/api/rollup/staffing?rootId=region&month=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/rollup/staffing?rootId=region&month=2026-3', path: ['month'] },
      { input: '', url: '/api/rollup/staffing?rootId=region&month=2026-03&month=2026-04', path: ['month'] },
      { input: '', url: '/api/rollup/staffing?month=2026-03', path: ['rootId'] },
      { input: '', url: '/api/rollup/staffing?rootId=avd%2021&month=2026-03', path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/rollup/staffing?rootId=region&month=${MONTH}&days=90`, path: ['days'] },
  },
  {
    method: 'GET', url: `/api/indicators/report?rootId=div-lsv&period=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/indicators/report?rootId=div-lsv&period=2026-13', path: ['period'] },
      { input: '', url: '/api/indicators/report?rootId=div-lsv&period=2026-W54', path: ['period'] },
      { input: '', url: '/api/indicators/report?rootId=div-lsv&period=2026-03-10', path: ['period'] },
      { input: '', url: '/api/indicators/report?rootId=div-lsv&period=2026-03&period=2026-04', path: ['period'] },
      { input: '', url: `/api/indicators/report?period=${MONTH}`, path: ['rootId'] },
      { input: '', url: `/api/indicators/report?rootId=avd%2021&period=${MONTH}`, path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/indicators/report?rootId=div-lsv&period=${MONTH}&lang=en`, path: ['lang'] },
  },
  {
    method: 'GET', url: `/api/indicators/series?unitId=avd-21&key=bhkTotal&to=${MONTH}&count=6`, auth: true,
    wrongType: [
      { input: '', url: '/api/indicators/series?unitId=avd-21&key=bhkTotal&to=2026-T4', path: ['to'] },
      { input: '', url: '/api/indicators/series?unitId=avd-21&key=bhkTotal&to=2026-13', path: ['to'] },
      { input: '', url: `/api/indicators/series?unitId=avd-21&key=bhkTotal&to=${MONTH}&count=1`, path: ['count'] },
      { input: '', url: `/api/indicators/series?unitId=avd-21&key=bhkTotal&to=${MONTH}&count=many`, path: ['count'] },
      { input: '', url: `/api/indicators/series?unitId=avd-21&key=BHK&to=${MONTH}`, path: ['key'] },
      { input: '', url: `/api/indicators/series?key=bhkTotal&to=${MONTH}`, path: ['unitId'] },
    ],
    unknown: { input: '', url: `/api/indicators/series?unitId=avd-21&key=bhkTotal&to=${MONTH}&from=2025-03`, path: ['from'] },
  },
  {
    method: 'GET', url: '/api/indicators/config?unitId=avd-21', auth: true,
    wrongType: [{ input: '', url: '/api/indicators/config', path: ['unitId'] }, { input: '', url: '/api/indicators/config?unitId=a%20b', path: ['unitId'] }],
    unknown: { input: '', url: '/api/indicators/config?unitId=avd-21&all=1', path: ['all'] },
  },
  {
    method: 'GET', url: '/api/goals/report?rootId=div-lsv&period=2026-DA04', auth: true,
    wrongType: [
      { input: '', url: '/api/goals/report?rootId=div-lsv&period=2026-T1', path: ['period'] },
      { input: '', url: '/api/goals/report?rootId=div-lsv&period=2026-DÅ04', path: ['period'] },
      { input: '', url: '/api/goals/report?rootId=div-lsv&period=9999-AR', path: ['period'] },
      { input: '', url: '/api/goals/report?rootId=div-lsv', path: ['period'] },
      { input: '', url: '/api/goals/report?rootId=avd%2021&period=2026-AR', path: ['rootId'] },
    ],
    unknown: { input: '', url: '/api/goals/report?rootId=div-lsv&period=2026-AR&format=docx', path: ['format'] },
  },
  {
    method: 'GET', url: '/api/goals/config?unitId=avd-21', auth: true,
    wrongType: [{ input: '', url: '/api/goals/config', path: ['unitId'] }, { input: '', url: '/api/goals/config?unitId=a%20b', path: ['unitId'] }],
    unknown: { input: '', url: '/api/goals/config?unitId=avd-21&all=1', path: ['all'] },
  },
  {
    method: 'GET', url: `/api/export/indicators.csv?rootId=div-lsv&period=${MONTH}`, auth: true,
    wrongType: [
      { input: '', url: '/api/export/indicators.csv?rootId=div-lsv&period=2026-T4', path: ['period'] },
      { input: '', url: '/api/export/indicators.csv?rootId=div-lsv', path: ['period'] },
      { input: '', url: '/api/export/indicators.csv?rootId=avd%2021&period=2026', path: ['rootId'] },
    ],
    unknown: { input: '', url: `/api/export/indicators.csv?rootId=div-lsv&period=${MONTH}&format=xlsx`, path: ['format'] },
  },
  { method: 'GET', url: '/api/health', auth: false },
  { method: 'GET', url: '/api/auth/methods', auth: false },
  { method: 'GET', url: '/api/auth/oidc/start', auth: false },
  { method: 'GET', url: '/api/auth/oidc/logout', auth: false },
  {
    method: 'GET', url: '/api/auth/oidc/callback?state=abc&code=def', auth: false,
    wrongType: [{ input: '', url: `/api/auth/oidc/callback?state=${'s'.repeat(2001)}&code=def`, path: ['state'] }],
  },
  {
    method: 'POST', url: '/api/auth/oidc/redeem', auth: false,
    body: () => ({ ticket: 'a'.repeat(43) }),
    wrongType: [{ input: { ticket: 5 }, path: ['ticket'] }, { input: { ticket: 'short' }, path: ['ticket'] }],
    unknown: { input: { ticket: 'a'.repeat(43), accountId: 'x' }, path: ['accountId'] },
  },
  {
    method: 'POST', url: '/api/admin/accounts/no-such-account/link', auth: true,
    body: () => ({ externalId: 'SE2321000016-P1' }),
    wrongType: [{ input: { externalId: 5 }, path: ['externalId'] }, { input: { externalId: '' }, path: ['externalId'] }],
    unknown: { input: { externalId: null, role: 'admin' }, path: ['role'] },
  },
  {
    method: 'GET', url: '/api/admin/sign-in-groups?rootId=region', auth: true,
    wrongType: [{ input: '', url: '/api/admin/sign-in-groups', path: ['rootId'] }],
    unknown: { input: '', url: '/api/admin/sign-in-groups?rootId=region&all=1', path: ['all'] },
  },
  {
    method: 'POST', url: '/api/admin/sign-in-groups', auth: true,
    body: () => ({ group: 'SSK-AVD21', role: 'staff', unitId: 'avd-21' }),
    wrongType: [{ input: { group: '', role: 'staff', unitId: 'avd-21' }, path: ['group'] }, { input: { group: 'G', role: 'boss', unitId: 'avd-21' }, path: ['role'] }],
    unknown: { input: { group: 'G', role: 'staff', unitId: 'avd-21', scope: 'x' }, path: ['scope'] },
  },
  {
    method: 'GET', url: '/api/admin/sign-in-waiting?rootId=region', auth: true,
    wrongType: [{ input: '', url: '/api/admin/sign-in-waiting', path: ['rootId'] }],
    unknown: { input: '', url: '/api/admin/sign-in-waiting?rootId=region&all=1', path: ['all'] },
  },
  {
    method: 'POST', url: '/api/admin/sign-in-waiting/place', auth: true,
    body: () => ({ subject: 'ny-person', role: 'staff', unitId: 'avd-21' }),
    wrongType: [{ input: { subject: '', role: 'staff', unitId: 'avd-21' }, path: ['subject'] }, { input: { subject: 'x', role: 'boss', unitId: 'avd-21' }, path: ['role'] }],
    unknown: { input: { subject: 'x', role: 'staff', unitId: 'avd-21', scope: 'x' }, path: ['scope'] },
  },
  {
    method: 'POST', url: '/api/admin/sign-in-waiting/dismiss', auth: true,
    body: () => ({ subject: 'ny-person', rootId: 'region' }),
    wrongType: [{ input: { subject: 5, rootId: 'region' }, path: ['subject'] }],
    unknown: { input: { subject: 'x', rootId: 'region', all: true }, path: ['all'] },
  },
  {
    method: 'GET', url: '/api/audit/changes?rootId=region', auth: true,
    wrongType: [
      { input: '', url: '/api/audit/changes?rootId=avd%2021', path: ['rootId'] },
      { input: '', url: '/api/audit/changes?rootId=region&limit=0', path: ['limit'] },
      { input: '', url: '/api/audit/changes?rootId=region&entity=nope', path: ['entity'] },
      { input: '', url: '/api/audit/changes?rootId=region&from=2026-13-01', path: ['from'] },
    ],
    unknown: { input: '', url: '/api/audit/changes?rootId=region&all=1', path: ['all'] },
  },
  {
    method: 'GET', url: '/api/audit/changes.csv?rootId=region', auth: true,
    wrongType: [{ input: '', url: '/api/audit/changes.csv?rootId=region&who=a%20b', path: ['who'] }],
  },
  {
    method: 'GET', url: '/api/audit/changes.xlsx?rootId=region', auth: true,
    wrongType: [{ input: '', url: '/api/audit/changes.xlsx?rootId=region&who=a%20b', path: ['who'] }],
  },
  {
    method: 'GET', url: '/api/audit/events?rootId=region', auth: true,
    wrongType: [{ input: '', url: '/api/audit/events?rootId=region&before=abc', path: ['before'] }],
    unknown: { input: '', url: '/api/audit/events?rootId=region&kind=login', path: ['kind'] },
  },
  // Issue 16: data out. Keys, Excel, the feed and the API description.
  { method: 'GET', url: '/api/admin/api-keys', auth: true },
  {
    method: 'POST', url: '/api/admin/api-keys', auth: true,
    body: () => ({ name: 'Power BI Medicin', scopeUnitId: 'vo-med', expiresOn: '2026-12-31' }),
    wrongType: [{ input: { name: 'x', scopeUnitId: 'vo-med', expiresOn: '31/12/2026' }, path: ['expiresOn'] }, { input: { name: 'x', scopeUnitId: 'vo-med', freeText: 'ja' }, path: ['freeText'] }],
    unknown: { input: { name: 'x', scopeUnitId: 'vo-med', role: 'admin' }, path: ['role'] },
  },
  { method: 'POST', url: '/api/admin/api-keys/no-such-key/revoke', auth: true },
  {
    method: 'GET', url: `/api/export/bhk.xlsx?rootId=region&period=${MONTH}`, auth: true,
    wrongType: [{ input: '', url: '/api/export/bhk.xlsx?rootId=region&period=2026-T4', path: ['period'] }],
  },
  { method: 'GET', url: `/api/export/indicators.xlsx?rootId=region&period=${MONTH}`, auth: true },
  { method: 'GET', url: `/api/feed/indicators?rootId=region&period=${MONTH}`, auth: true },
  { method: 'GET', url: `/api/feed/indicators.csv?rootId=region&period=${MONTH}`, auth: true },
  {
    method: 'GET', url: '/api/feed/units?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/units?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/units.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/bhk?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/bhk?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/bhk.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/safety?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/safety?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/safety.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/safety-categories?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/safety-categories?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/safety-categories.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/staffing?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/staffing?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/staffing.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/beds?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/beds?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/beds.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/hr?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/hr?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/hr.csv?rootId=region', auth: true },
  {
    method: 'GET', url: '/api/feed/actions?rootId=region&since=0', auth: true,
    wrongType: [{ input: '', url: '/api/feed/actions?rootId=region&since=-1', path: ['since'] }],
  },
  { method: 'GET', url: '/api/feed/actions.csv?rootId=region', auth: true },
  { method: 'GET', url: '/api/openapi.json', auth: false },
  { method: 'GET', url: '/api/docs', auth: false },
];

const name = (r: Route) => `${r.method} ${r.url.split('?')[0]}`;
const token = (r: Route) => (r.auth ? admin : undefined);
const bodyRoutes = ROUTES.filter((r) => r.method !== 'GET');

describe('malformed JSON → 400 malformed-json', () => {
  it.each(bodyRoutes.map((r) => [name(r), r] as const))('%s', async (_, r) => {
    for (const raw of ['{"a":', '{a:1}', "{'a':1}", '']) {
      expectError(await call(h, r.method, r.url, { token: token(r), raw }), 400, 'malformed-json');
    }
  });
});

describe('a body over 1 MiB → 413 payload-too-large', () => {
  it.each(bodyRoutes.map((r) => [name(r), r] as const))('%s', async (_, r) => {
    const raw = JSON.stringify({ content: 'x'.repeat(MAX_BODY_BYTES) });
    expectError(await call(h, r.method, r.url, { token: token(r), raw }), 413, 'payload-too-large');
  });
});

describe('wrong types → 400 validation with the field path', () => {
  const cases = ROUTES.flatMap((r) => (r.wrongType ?? []).map((b) => [`${name(r)} ${JSON.stringify(b.path)}`, r, b] as const));
  it.each(cases)('%s', async (_, r, bad) => {
    const body = r.method === 'GET' || bad.input === undefined ? undefined : bad.input;
    const res = await call(h, r.method, bad.url ?? r.url, { token: token(r), ...(body !== undefined ? { body } : {}) });
    expect(expectError(res, 400, 'validation').path).toEqual(bad.path);
  });

  it.each(ROUTES.filter((r) => r.body).map((r) => [name(r), r] as const))('%s: a body that is not an object', async (_, r) => {
    for (const raw of ['null', '[]', '"text"', '42']) {
      expectError(await call(h, r.method, r.url, { token: token(r), raw }), 400, 'validation');
    }
  });
});

describe('unknown fields → 400 naming the field', () => {
  const cases = ROUTES.filter((r) => r.unknown).map((r) => [name(r), r] as const);
  it.each(cases)('%s', async (_, r) => {
    const bad = r.unknown as Bad;
    const body = r.method === 'GET' ? undefined : bad.input;
    const res = await call(h, r.method, bad.url ?? r.url, { token: token(r), ...(body !== undefined ? { body } : {}) });
    expect(expectError(res, 400, 'validation').path).toEqual(bad.path);
  });
});

describe('tokens', () => {
  const authed = ROUTES.filter((r) => r.auth).map((r) => [name(r), r] as const);
  it.each(authed)('%s: no token → 401 unauthenticated', async (_, r) => {
    expectError(await call(h, r.method, r.url, r.body ? { body: r.body() } : {}), 401, 'unauthenticated');
  });
  it.each(authed)('%s: a garbage token → 401 unauthenticated', async (_, r) => {
    for (const t of ['garbage', 'a.b.c', `${admin.token}x`]) {
      expectError(await call(h, r.method, r.url, { token: t, ...(r.body ? { body: r.body() } : {}) }), 401, 'unauthenticated');
    }
    const header = { authorization: 'Bearer' };
    expectError(await call(h, r.method, r.url, { headers: header, ...(r.body ? { body: r.body() } : {}) }), 401, 'unauthenticated');
  });
});

describe('the table covers the route table', () => {
  it('every route in src/client/README.md is listed here', async () => {
    const readme = fs.readFileSync(new URL('../../src/client/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| (GET|POST|PATCH) (\/api\/\S+?)(\?\S*)? \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    const norm = (s: string) => s.replace(/\/:id/g, '/*').replace(/\/some-device\//, '/*/').replace(/\/no-such-key\//, '/*/').replace(/\/avd-21$/, '/*').replace(/\/no-such-account(\/|$)/, '/*$1');
    expect(documented.length).toBeGreaterThan(15);
    expect(new Set(ROUTES.map((r) => norm(name(r))))).toEqual(new Set(documented.map(norm)));
  });

  it('a body that is not JSON → 400 validation', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'admin' });
    expectError(res, 400, 'validation');
  });
});
