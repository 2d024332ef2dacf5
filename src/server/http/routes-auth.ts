/** Sign-in, enrolment, token renewal, identity and the ward tablets (src/client/README.md). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { EnrolCodeRequest, EnrolRequest, LoginRequest, TokenRequest } from '../../shared/api';
import { DeviceId, UnitId } from '../../shared/schema/ids';
import { toIdentity } from '../auth/principal';
import { createEnrolCode, enrol, issueToken, listDevices, login, logout, revokeDevice, type AuthDeps } from '../auth/service';
import { route, unitRule } from './route';

const DevicesQuery = z.strictObject({ unitId: UnitId });
const DeviceParams = z.strictObject({ id: DeviceId });

export function authRoutes(app: FastifyInstance, deps: AuthDeps) {
  // These identify the caller by their body.
  const open = { access: 'public' } as const;
  // The caller's address goes to the security log with the attempt (login-lock.ts).
  route(app, 'POST', '/api/auth/login', { rule: open, body: LoginRequest }, async ({ req, body }) => login(deps, body.username, body.password, body.label, req.ip));
  route(app, 'POST', '/api/auth/enrol', { rule: open, body: EnrolRequest }, async ({ body }) => enrol(deps, body.code, body.label));
  route(app, 'POST', '/api/auth/token', { rule: open, body: TokenRequest }, async ({ body }) => issueToken(deps, body.deviceId, body.deviceSecret));
  route(app, 'POST', '/api/auth/logout', { rule: { access: 'self' } }, async ({ principal, reply }) => {
    await logout(deps, principal);
    return reply.status(204).send();
  });
  route(app, 'GET', '/api/me', { rule: { access: 'self' } }, async ({ principal }) => toIdentity(principal));
  // The enrolment code's unit is checked again inside the service's transaction.
  route(app, 'POST', '/api/enrol-codes', { rule: unitRule('manage-devices', 'body', 'unitId'), body: EnrolCodeRequest }, async ({ principal, body }) =>
    createEnrolCode(deps, principal, body.unitId),
  );
  route(app, 'GET', '/api/devices', { rule: unitRule('manage-devices', 'query', 'unitId'), query: DevicesQuery }, async ({ unit, org }) => ({
    devices: await listDevices(deps, await org(), unit),
  }));
  // A tablet (managers and admins in scope), or a person's device (an admin whose scope covers the
  // account): the service decides which, inside its transaction.
  const tablet = { rule: { access: 'manage-devices', target: { row: 'device', param: 'id' } }, params: DeviceParams } as const;
  route(app, 'POST', '/api/devices/:id/revoke', tablet, async ({ principal, params, reply }) => {
    await revokeDevice(deps, principal, params.id);
    return reply.status(204).send();
  });
}
