/**
 * An in-memory stand-in for the Node server, speaking the real HTTP routes through an injected
 * `fetch`. It implements the sync spec's server rules faithfully (src/shared/sync/README.md):
 * 3 (idempotent push, earlier rejections re-reported), 4 (seq-gap, nothing applied), 5 (rejections
 * advance last_seq), 7 (server-assigned cursor, scope-filtered pages), 13–15 (stored-row unit,
 * scope, clock drift). Fault hooks let tests lose replies, fail requests and hold requests open.
 */
import { uuidv7 } from 'uuidv7';
import { EnrolRequest, LoginRequest, TokenRequest, type Identity } from '../../src/shared/api';
import type { ErrorCode } from '../../src/shared/errors';
import {
  MIN_PROTOCOL_VERSION,
  PULL_PAGE_SIZE,
  PushRequest,
  type Rejection,
  type ServerChange,
} from '../../src/shared/protocol';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { isTooFarAhead } from '../../src/shared/sync/hlc';
import { mergeChange, type RowState } from '../../src/shared/sync/merge';
import { validateChange } from '../../src/shared/sync/validate';

export type Route = 'login' | 'enrol' | 'token' | 'logout' | 'push' | 'pull' | 'org';

interface Device {
  readonly id: string;
  readonly secret: string;
  identity: Identity;
  lastSeq: number;
  revoked: boolean;
  readonly rejections: Map<number, Rejection>;
}

/** One-shot faults, consumed by the next request to `route`. */
export type Fault =
  | { route: Route; kind: 'network' } // the request never reaches the server
  | { route: Route; kind: 'drop-reply' } // processed and committed, then the reply is lost
  | { route: Route; kind: 'status'; status: number; body: unknown; headers?: Record<string, string> };

const unit = (id: string, parentId: string | null, kind: OrgUnit['kind']): OrgUnit =>
  ({ id, name: id.toUpperCase(), kind, parentId, closedAt: null }) as OrgUnit;

export class FakeServer {
  now: () => number;
  pageSize: number;
  tokenTtlMs: number;
  minProtocolVersion = MIN_PROTOCOL_VERSION;
  readonly units: OrgUnit[] = [unit('region', null, 'region'), unit('vo1', 'region', 'vo'), unit('u1', 'vo1', 'enhet'), unit('u2', 'vo1', 'enhet')];
  readonly devices = new Map<string, Device>();
  readonly tokens = new Map<string, { deviceId: string; expiresAt: number }>();
  readonly log: ServerChange[] = [];
  readonly rows = new Map<string, RowState>();
  readonly enrolCodes = new Map<string, string>();
  readonly faults: Fault[] = [];
  /** Every request, in arrival order. */
  readonly requests: Route[] = [];
  /** When set, push and pull wait for it: lets a test hold a sync open. */
  gate: Promise<void> | null = null;
  /** Push and pull requests being handled now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;

  constructor(opts: { now?: () => number; pageSize?: number; tokenTtlMs?: number } = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.pageSize = opts.pageSize ?? PULL_PAGE_SIZE;
    this.tokenTtlMs = opts.tokenTtlMs ?? 15 * 60_000;
  }

  addEnrolCode(code: string, unitId: string): void {
    this.enrolCodes.set(code, unitId);
  }
  revoke(deviceId: string): void {
    const device = this.devices.get(deviceId);
    if (device) device.revoked = true;
  }
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = this.now() - 1;
  }
  /** The stored row as the server would project it. */
  row(entity: string, id: string): RowState | undefined {
    return this.rows.get(`${entity}:${id}`);
  }

  fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input, 'http://fake.local');
    const route = routeOf(init.method ?? 'GET', url.pathname);
    if (!route) return json(404, { code: 'not-found' });
    this.requests.push(route);
    const faultIndex = this.faults.findIndex((f) => f.route === route);
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (fault?.kind === 'network') throw new TypeError('fetch failed');
    if (fault?.kind === 'status') return json(fault.status, fault.body, fault.headers);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const auth = (init.headers as Record<string, string> | undefined)?.authorization;
    const syncRoute = route === 'push' || route === 'pull';
    if (syncRoute) this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (syncRoute && this.gate) await this.gate;
      const response = this.handle(route, body, auth, url);
      if (fault?.kind === 'drop-reply') throw new TypeError('connection reset');
      return response;
    } finally {
      if (syncRoute) this.inFlight--;
    }
  };

  private handle(route: Route, body: unknown, auth: string | undefined, url: URL): Response {
    if (route === 'login') return this.login(body);
    if (route === 'enrol') return this.enrol(body);
    if (route === 'token') return this.token(body);
    const caller = this.authenticate(auth);
    if (caller instanceof Response) return caller;
    if (route === 'logout') {
      caller.revoked = true;
      return new Response(null, { status: 204 });
    }
    if (route === 'org') return json(200, { units: this.units });
    if (route === 'push') return this.push(caller, body);
    return this.pull(caller, url);
  }

  /** Creates a device and answers with its credential (login and enrolment alike). */
  private credential(identity: Omit<Identity, 'deviceId'>): Response {
    const id = uuidv7();
    const secret = `${uuidv7()}${uuidv7()}`.replace(/-/g, '');
    const device: Device = { id, secret, identity: { ...identity, deviceId: id } as Identity, lastSeq: 0, revoked: false, rejections: new Map() };
    this.devices.set(id, device);
    return json(200, { deviceId: id, deviceSecret: secret, identity: device.identity });
  }

  /** Any username with password "correct horse"; "chef" manages vo1, everyone else is staff on u1. */
  private login(body: unknown): Response {
    const req = LoginRequest.safeParse(body);
    if (!req.success || req.data.password !== 'correct horse') return json(401, { code: 'invalid-credentials' });
    const { username } = req.data;
    const chef = username === 'chef';
    return this.credential({ kind: 'account', role: chef ? 'manager' : 'staff', scopeUnitId: chef ? 'vo1' : 'u1', accountId: `acc-${username}`, username, displayName: username } as Omit<Identity, 'deviceId'>);
  }

  private enrol(body: unknown): Response {
    const req = EnrolRequest.safeParse(body);
    const unitId = req.success ? this.enrolCodes.get(req.data.code) : undefined;
    if (!req.success || unitId === undefined) return json(400, { code: 'enrol-code-invalid' });
    this.enrolCodes.delete(req.data.code);
    const displayName = req.data.label ?? 'tablet';
    return this.credential({ kind: 'tablet', role: 'staff', scopeUnitId: unitId, accountId: null, username: null, displayName } as Omit<Identity, 'deviceId'>);
  }

  private token(body: unknown): Response {
    const req = TokenRequest.safeParse(body);
    const device = req.success ? this.devices.get(req.data.deviceId) : undefined;
    if (!req.success || !device || device.secret !== req.data.deviceSecret) return json(401, { code: 'invalid-credentials' });
    if (device.revoked) return json(401, { code: 'device-revoked' });
    const accessToken = `tok-${uuidv7()}`;
    const expiresAt = this.now() + this.tokenTtlMs;
    this.tokens.set(accessToken, { deviceId: device.id, expiresAt });
    return json(200, { accessToken, expiresAt, identity: device.identity, serverTime: this.now() });
  }

  private authenticate(header: string | undefined): Device | Response {
    const token = header?.startsWith('Bearer ') ? this.tokens.get(header.slice(7)) : undefined;
    const device = token ? this.devices.get(token.deviceId) : undefined;
    if (!token || !device) return json(401, { code: 'unauthenticated' });
    if (device.revoked) return json(401, { code: 'device-revoked' });
    if (token.expiresAt <= this.now()) return json(401, { code: 'token-expired' });
    return device;
  }

  /** Rules 3, 4, 5, 13, 14, 15; one "transaction": a seq-gap is detected before anything is applied. */
  private push(device: Device, body: unknown): Response {
    const serverTime = this.now();
    const req = PushRequest.safeParse(body);
    if (!req.success) return json(400, { code: 'validation' });
    if (req.data.protocolVersion < this.minProtocolVersion) {
      return json(426, { ok: false, reason: 'client-too-old', minProtocolVersion: this.minProtocolVersion, serverTime });
    }
    if (req.data.deviceId !== device.id) return json(403, { code: 'forbidden' });
    const fresh = req.data.changes.filter((c) => c.seq > device.lastSeq);
    if (fresh.some((c, i) => c.seq !== device.lastSeq + 1 + i)) {
      return json(409, { ok: false, reason: 'seq-gap', expectedSeq: device.lastSeq + 1, serverTime });
    }
    for (const change of fresh) {
      const verdict = this.check(device, change, serverTime);
      if (verdict.ok) {
        const key = `${change.entity}:${change.id}`;
        this.rows.set(key, mergeChange(this.rows.get(key), { ...change, fields: verdict.fields }).row);
        const { seq: _seq, schemaVersion: _version, ...rest } = change;
        this.log.push({ ...rest, fields: verdict.fields, serverSeq: this.log.length + 1 });
      } else {
        device.rejections.set(change.seq, { seq: change.seq, code: verdict.code, ...(verdict.path ? { path: verdict.path } : {}) });
      }
      device.lastSeq = change.seq; // rule 5: rejected changes count as processed too
    }
    const rejected = req.data.changes.flatMap((c) => device.rejections.get(c.seq) ?? []);
    return json(200, { ok: true, lastSeq: device.lastSeq, rejected, serverTime });
  }

  private check(
    device: Device,
    change: PushRequest['changes'][number],
    now: number,
  ): { ok: true; fields: Record<string, unknown> } | { ok: false; code: ErrorCode; path?: (string | number)[] } {
    const valid = validateChange(change);
    if (!valid.ok) return { ok: false, code: valid.code, path: valid.path };
    if (!this.inWriteScope(device, change.unitId)) return { ok: false, code: 'scope-denied' };
    const stored = this.rows.get(`${change.entity}:${change.id}`);
    if (stored && stored.unitId !== change.unitId) return { ok: false, code: 'scope-denied' };
    if (isTooFarAhead(change.hlc, now)) return { ok: false, code: 'clock-drift' };
    return { ok: true, fields: valid.fields };
  }

  /** Rule 7: changes after the cursor, in read scope, ascending, one page. */
  private pull(device: Device, url: URL): Response {
    const serverTime = this.now();
    if (Number(url.searchParams.get('protocolVersion')) < this.minProtocolVersion) {
      return json(426, { ok: false, reason: 'client-too-old', minProtocolVersion: this.minProtocolVersion, serverTime });
    }
    const cursor = Number(url.searchParams.get('cursor') ?? '0');
    const visible = this.log.filter((c) => this.inReadScope(device, c.unitId));
    const after = visible.filter((c) => c.serverSeq > cursor);
    const page = after.slice(0, this.pageSize);
    return json(200, {
      ok: true,
      changes: page,
      cursor: page.at(-1)?.serverSeq ?? cursor,
      hasMore: after.length > page.length,
      headSeq: visible.at(-1)?.serverSeq ?? 0,
      serverTime,
    });
  }

  private inReadScope(device: Device, unitId: string): boolean {
    for (let id: string | null = unitId; id !== null; id = this.units.find((u) => u.id === id)?.parentId ?? null) {
      if (id === device.identity.scopeUnitId) return true;
    }
    return false;
  }

  private inWriteScope(device: Device, unitId: string): boolean {
    return device.identity.role === 'staff' ? unitId === device.identity.scopeUnitId : this.inReadScope(device, unitId);
  }
}

function routeOf(method: string, path: string): Route | undefined {
  const routes: Record<string, Route> = {
    'POST /api/auth/login': 'login',
    'POST /api/auth/enrol': 'enrol',
    'POST /api/auth/token': 'token',
    'POST /api/auth/logout': 'logout',
    'POST /api/sync/push': 'push',
    'GET /api/sync/pull': 'pull',
    'GET /api/org': 'org',
  };
  return routes[`${method} ${path}`];
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
