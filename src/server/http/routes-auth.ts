import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { EnrolCodeRequest, EnrolRequest, LoginRequest, TokenRequest } from '../../shared/api';
import { DeviceId } from '../../shared/schema/ids';
import { createEnrolCode, enrol, listDevices, login, logout, issueToken, revokeDevice, type AuthDeps } from '../auth/service';
import { toIdentity } from '../auth/principal';
import { UnitId } from '../../shared/schema/ids';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

const DevicesQuery = z.strictObject({ unitId: UnitId });

export function authRoutes(app: FastifyInstance, deps: AuthDeps) {
  app.post('/api/auth/login', async (req) => {
    const body = parse(LoginRequest, req.body);
    return login(deps, body.username, body.password, body.label, req.ip);
  });
  app.post('/api/auth/enrol', async (req) => {
    const body = parse(EnrolRequest, req.body);
    return enrol(deps, body.code, body.label);
  });
  app.post('/api/auth/token', async (req) => {
    const body = parse(TokenRequest, req.body);
    return issueToken(deps, body.deviceId, body.deviceSecret);
  });
  app.post('/api/auth/logout', async (req, reply) => {
    await logout(deps, requirePrincipal(req));
    return reply.status(204).send();
  });
  app.get('/api/me', async (req) => toIdentity(requirePrincipal(req)));
  app.post('/api/enrol-codes', async (req) => {
    const p = requirePrincipal(req);
    return createEnrolCode(deps, p, parse(EnrolCodeRequest, req.body).unitId);
  });
  app.get('/api/devices', async (req) => {
    const p = requirePrincipal(req);
    const { unitId } = parse(DevicesQuery, req.query);
    return { devices: await listDevices(deps, p, unitId) };
  });
  app.post('/api/devices/:id/revoke', async (req, reply) => {
    const p = requirePrincipal(req);
    await revokeDevice(deps, p, parse(DeviceId, (req.params as Record<string, unknown>).id, ['id']));
    return reply.status(204).send();
  });
}
