/** The organisation tree and the accounts (src/client/README.md): read in scope, administered by admins. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { CreateAccountRequest, CreateUnitRequest, ImportOrgRequest, UpdateAccountRequest, UpdateUnitRequest } from '../../shared/api';
import { AccountId, UnitId } from '../../shared/schema/ids';
import { createAccount, listAccountDevices, listAccounts, setAccountDisabled } from '../auth/accounts';
import { importOrg } from '../org/import';
import { createUnit, listOrg, updateUnit } from '../org/service';
import type { Store } from '../store/store';
import { route, unitRule } from './route';

const UnitParams = z.strictObject({ id: UnitId });
const AccountParams = z.strictObject({ id: AccountId });

export function orgRoutes(app: FastifyInstance, store: Store, now: () => number) {
  route(app, 'GET', '/api/org', { rule: { access: 'read', target: 'own-scope' } }, async ({ principal, org }) => ({ units: listOrg(principal, await org()) }));
  // Units and accounts are read again inside the services' transactions and checked there too.
  route(app, 'POST', '/api/admin/units', { rule: unitRule('administer', 'body', 'parentId'), body: CreateUnitRequest }, async ({ principal, body }) =>
    createUnit(store, principal, body),
  );
  const unitById = { rule: unitRule('administer', 'params', 'id'), params: UnitParams, body: UpdateUnitRequest };
  route(app, 'PATCH', '/api/admin/units/:id', unitById, async ({ principal, params, body }) => updateUnit(store, principal, params.id, body, now()));
  const eachRow = { rule: { access: 'administer', target: { each: 'import-row' } }, body: ImportOrgRequest } as const;
  route(app, 'POST', '/api/admin/units/import', eachRow, async ({ principal, body }) => importOrg(store, principal, body.format, body.content));
  route(app, 'GET', '/api/admin/accounts', { rule: { access: 'administer', target: 'own-scope' } }, async ({ principal, org }) => ({
    accounts: await listAccounts(store, principal, await org()),
  }));
  const account = { rule: unitRule('administer', 'body', 'scopeUnitId'), body: CreateAccountRequest };
  route(app, 'POST', '/api/admin/accounts', account, async ({ principal, body }) => createAccount(store, principal, body));
  const accountById = { rule: { access: 'administer', target: { row: 'account', param: 'id' } }, params: AccountParams, body: UpdateAccountRequest } as const;
  route(app, 'PATCH', '/api/admin/accounts/:id', accountById, async ({ principal, params, body }) =>
    setAccountDisabled(store, principal, params.id, body.disabled, now()),
  );
  const accountDevices = { rule: { access: 'administer', target: { row: 'account', param: 'id' } }, params: AccountParams } as const;
  route(app, 'GET', '/api/admin/accounts/:id/devices', accountDevices, async ({ principal, params }) => ({
    devices: await listAccountDevices(store, principal, params.id),
  }));
}
