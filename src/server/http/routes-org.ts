import type { FastifyInstance } from 'fastify';
import { BhkRollupQuery, CreateAccountRequest, UpdateAccountRequest, CreateUnitRequest, ImportOrgRequest, UpdateUnitRequest } from '../../shared/api';
import { UnitId } from '../../shared/schema/ids';
import { createAccount, listAccountDevices, listAccounts, setAccountDisabled } from '../auth/accounts';
import { AccountId } from '../../shared/schema/ids';
import { importOrg } from '../org/import';
import { createUnit, listOrg, updateUnit } from '../org/service';
import { bhkRollupFor } from '../rollup/bhk';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

export function orgRoutes(app: FastifyInstance, store: Store, now: () => number) {
  app.get('/api/org', async (req) => ({ units: await listOrg(store, requirePrincipal(req)) }));
  app.post('/api/admin/units', async (req) => createUnit(store, requirePrincipal(req), parse(CreateUnitRequest, req.body)));
  app.patch('/api/admin/units/:id', async (req) => {
    const p = requirePrincipal(req);
    const id = parse(UnitId, (req.params as Record<string, unknown>).id, ['id']);
    return updateUnit(store, p, id, parse(UpdateUnitRequest, req.body), now());
  });
  app.post('/api/admin/units/import', async (req) => {
    const p = requirePrincipal(req);
    const body = parse(ImportOrgRequest, req.body);
    return importOrg(store, p, body.format, body.content);
  });
  app.get('/api/admin/accounts', async (req) => ({ accounts: await listAccounts(store, requirePrincipal(req)) }));
  app.post('/api/admin/accounts', async (req) => createAccount(store, requirePrincipal(req), parse(CreateAccountRequest, req.body)));
  app.patch('/api/admin/accounts/:id', async (req) => {
    const p = requirePrincipal(req);
    const id = parse(AccountId, (req.params as Record<string, unknown>).id, ['id']);
    return setAccountDisabled(store, p, id, parse(UpdateAccountRequest, req.body).disabled, now());
  });
  app.get('/api/admin/accounts/:id/devices', async (req) => {
    const p = requirePrincipal(req);
    const id = parse(AccountId, (req.params as Record<string, unknown>).id, ['id']);
    return { devices: await listAccountDevices(store, p, id) };
  });
  app.get('/api/rollup/bhk', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(BhkRollupQuery, req.query);
    return bhkRollupFor(store, p, q.rootId, q.month);
  });
}
