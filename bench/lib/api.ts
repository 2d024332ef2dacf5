/**
 * A simulated tablet speaks the real HTTP API the way src/client/sync does: enrol with a code,
 * take a token, push gapless seqs, pull from its cursor. Nothing here bypasses the server.
 */
import { type Change, PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/protocol';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

export async function api<T>(
  url: string,
  method: 'GET' | 'POST',
  route: string,
  opts: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${url}${route}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await r.text();
  if (!r.ok) throw new HttpError(r.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Logs a person in and returns a bearer token for their new device. */
export async function loginToken(url: string, username: string, password: string): Promise<string> {
  const cred = await api<{ deviceId: string; deviceSecret: string }>(url, 'POST', '/api/auth/login', { body: { username, password } });
  const tok = await api<{ accessToken: string }>(url, 'POST', '/api/auth/token', {
    body: { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret },
  });
  return tok.accessToken;
}

export interface Tablet {
  readonly deviceId: string;
  readonly unitId: string;
  readonly node: string;
  token: string;
  nextSeq: number;
  cursor: number;
  counter: number;
  /** Changes written but not yet confirmed by the server (the outbox). */
  outbox: Change[];
}

/** Enrols one tablet for `unitId` through the API: code (as the manager), enrol, token. */
export async function enrolTablet(url: string, managerToken: string, unitId: string): Promise<Tablet> {
  const { code } = await api<{ code: string }>(url, 'POST', '/api/enrol-codes', { token: managerToken, body: { unitId } });
  const cred = await api<{ deviceId: string; deviceSecret: string }>(url, 'POST', '/api/auth/enrol', { body: { code, label: 'bench' } });
  const { accessToken } = await api<{ accessToken: string }>(url, 'POST', '/api/auth/token', {
    body: { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret },
  });
  return { deviceId: cred.deviceId, unitId, node: nodeFromDeviceId(cred.deviceId), token: accessToken, nextSeq: 1, cursor: 0, counter: 0, outbox: [] };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Appends an insert of `fields` to the tablet's outbox, stamped as the client would. */
export function write(t: Tablet, entity: Change['entity'], fields: Record<string, unknown> & { id: string; unitId: string }): void {
  t.outbox.push({
    seq: t.nextSeq++,
    entity,
    id: fields.id,
    unitId: fields.unitId as Change['unitId'],
    op: 'insert',
    fields,
    hlc: formatHlc({ millis: Date.now(), counter: t.counter++ % 0xffff, node: t.node }),
    schemaVersion: SCHEMA_VERSION,
  });
}

/** Pushes up to `max` outbox changes; drops what the server confirmed. Throws on a refusal. */
export async function push(url: string, t: Tablet, max: number, timeoutMs = 30_000): Promise<number> {
  const changes = t.outbox.slice(0, max);
  const answer = await api<PushResponse>(url, 'POST', '/api/sync/push', {
    token: t.token,
    body: { protocolVersion: PROTOCOL_VERSION, deviceId: t.deviceId, changes },
    timeoutMs,
  });
  if (!answer.ok) throw new Error(`push refused: ${answer.reason}`);
  if (answer.rejected.length > 0) throw new Error(`push rejected ${answer.rejected.length} changes, first: ${JSON.stringify(answer.rejected[0])}`);
  t.outbox = t.outbox.filter((c) => c.seq > answer.lastSeq);
  return changes.length;
}

/** One pull request from the tablet's cursor; returns how many changes came back. */
export async function pullOnce(url: string, t: Tablet, timeoutMs = 30_000): Promise<{ changes: number; hasMore: boolean }> {
  const answer = await api<PullResponse>(url, 'GET', `/api/sync/pull?cursor=${t.cursor}&protocolVersion=${PROTOCOL_VERSION}`, {
    token: t.token,
    timeoutMs,
  });
  if (!answer.ok) throw new Error('pull refused: client-too-old');
  t.cursor = answer.cursor;
  return { changes: answer.changes.length, hasMore: answer.hasMore };
}
