/**
 * What the bad-input suite throws at every route: malformed and oddly shaped JSON, wrong types,
 * huge and deeply nested bodies, prototype-named keys, NUL and control characters, unicode
 * oddities, out-of-range numbers, hostile path and query values, and forged tokens.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { MAX_BODY_BYTES } from '../../../src/shared/protocol';

export interface RawBody {
  readonly label: string;
  readonly raw: string;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'toJSON'];

/** Strings no field should take as they are, or that test a field's edges. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  '\u0000',
  'avd\u000021',
  '\u0007\u0008\u001B[2J',
  '\u007F\u0085\u009B',
  'rad1\nrad2\r\n\t',
  '\u2028\u2029',
  'x\uD800',
  '\uDC00x',
  '\uFEFFavd-21',
  'avd\u200B-21',
  '\u202Eavd-21',
  'e\u0301\u0301\u0301',
  '\uFFFF\uFFFE',
  '😀🏥',
  '\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12-\uFF11\uFF12\uFF11\uFF12',
  '12 12 12-1212',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  "'; drop table rows; --",
  'x'.repeat(5_000),
];

export const HOSTILE_NUMBERS: readonly number[] = [-1, -0.5, 0.5, 1e9, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, Number.MIN_VALUE];

/** Values for a query or path parameter, already percent-encoded as they go on the wire. */
export const HOSTILE_PARAMS: readonly string[] = [
  '',
  '%00',
  'a%00b',
  '%01%1B',
  '%ff',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%EF%BC%91%EF%BC%92',
  '%E2%80%AE',
  '%C2%A0',
  '..',
  '%2e%2e%2f%2e%2e',
  '__proto__',
  'constructor',
  'toString',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '0x10',
  '%D9%A1%D9%A2',
  '121212-1212',
  'x'.repeat(5_000),
];

/** Bodies every route must refuse cleanly, whatever it expects. */
export function genericBodies(): RawBody[] {
  const nested = (open: string, close: string, depth: number, inner: string) => open.repeat(depth) + inner + close.repeat(depth);
  return [
    { label: 'truncated JSON', raw: '{"a":' },
    { label: 'unquoted keys', raw: '{a:1}' },
    { label: 'single quotes', raw: "{'a':1}" },
    { label: 'trailing comma', raw: '{"a":1,}' },
    { label: 'NUL inside JSON', raw: '{"a":"\u0000"}' },
    { label: 'bare NUL', raw: '\u0000' },
    { label: 'empty', raw: '' },
    { label: 'null', raw: 'null' },
    { label: 'array', raw: '[]' },
    { label: 'string', raw: '"x"' },
    { label: 'number', raw: '42' },
    { label: 'true', raw: 'true' },
    { label: 'Infinity by exponent', raw: '{"a":1e999}' },
    { label: '__proto__ key', raw: '{"__proto__":{"admin":true}}' },
    { label: 'constructor.prototype', raw: '{"constructor":{"prototype":{"admin":true}}}' },
    { label: 'prototype-named keys', raw: JSON.stringify(Object.fromEntries(PROTOTYPE_KEYS.filter((k) => k !== '__proto__').map((k) => [k, 1]))) },
    { label: 'deeply nested objects', raw: nested('{"a":', '}', 60_000, '1') },
    { label: 'deeply nested arrays', raw: nested('[', ']', 200_000, '') },
    { label: 'over the body limit', raw: JSON.stringify({ a: 'x'.repeat(MAX_BODY_BYTES) }) },
    { label: 'many keys', raw: JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))) },
  ];
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every variant of `root` that changes one leaf, or adds a prototype-named key to one object. */
export function* bodyMutations(root: Json, path: string[] = []): Generator<{ label: string; body: Json }> {
  const node = path.reduce<Json>((o, k) => (o as Record<string, Json>)[k] as Json, root);
  const at = path.join('.') || '(root)';
  const replace = (value: Json): Json => setAt(root, path, value);
  if (typeof node === 'string') {
    for (const s of HOSTILE_STRINGS) yield { label: `${at} = ${JSON.stringify(s.slice(0, 20))}`, body: replace(s) };
    yield { label: `${at} = number`, body: replace(7) };
  } else if (typeof node === 'number') {
    for (const n of HOSTILE_NUMBERS) yield { label: `${at} = ${n}`, body: replace(n) };
    yield { label: `${at} = "1"`, body: replace('1') };
  } else if (typeof node === 'boolean') {
    yield { label: `${at} = "true"`, body: replace('true') };
    yield { label: `${at} = 1`, body: replace(1) };
  } else if (Array.isArray(node)) {
    yield { label: `${at} = {}`, body: replace({}) };
    for (let i = 0; i < node.length; i++) yield* bodyMutations(root, [...path, String(i)]);
  } else if (node !== null) {
    yield { label: `${at} = []`, body: replace([]) };
    for (const key of PROTOTYPE_KEYS.filter((k) => k !== '__proto__')) yield { label: `${at} + ${key}`, body: replace({ ...node, [key]: { x: 1 } }) };
    for (const k of Object.keys(node)) yield* bodyMutations(root, [...path, k]);
  }
}

function setAt(root: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string, Json>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, Json>;
  cur[path[path.length - 1] as string] = value;
  return copy;
}

/** Authorization headers that must never let anyone in (sub = a real device where it matters). */
export async function forgedTokens(key: Uint8Array, deviceId: string, revokedDeviceId: string, now: number): Promise<{ label: string; header: string }[]> {
  const iat = Math.floor(now / 1000);
  const signed = async (claims: { sub?: string; exp?: number; iss?: string; aud?: string }, withKey: Uint8Array = key) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(iat).setIssuer(claims.iss ?? 'pulstavlan').setAudience(claims.aud ?? 'pulstavlan-api');
    if (claims.sub !== undefined) jwt = jwt.setSubject(claims.sub);
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
    return jwt.sign(withKey);
  };
  const unsecured = new UnsecuredJWT({}).setSubject(deviceId).setIssuer('pulstavlan').setAudience('pulstavlan-api').setIssuedAt(iat).setExpirationTime(iat + 600).encode();
  const tokens: [string, string][] = [
    ['garbage', 'Bearer garbage'],
    ['three dots', 'Bearer a.b.c'],
    ['empty bearer', 'Bearer '],
    ['basic auth', 'Basic YWRtaW46cHVsc3Rhdmxhbg=='],
    ['alg none', `Bearer ${unsecured}`],
    ['another key', `Bearer ${await signed({ sub: deviceId, exp: iat + 600 }, new Uint8Array(32).fill(7))}`],
    ['expired', `Bearer ${await signed({ sub: deviceId, exp: iat - 10 })}`],
    ['no exp', `Bearer ${await signed({ sub: deviceId })}`],
    ['no subject', `Bearer ${await signed({ exp: iat + 600 })}`],
    ['wrong audience', `Bearer ${await signed({ sub: deviceId, exp: iat + 600, aud: 'other' })}`],
    ['revoked device', `Bearer ${await signed({ sub: revokedDeviceId, exp: iat + 600 })}`],
    ['unknown device', `Bearer ${await signed({ sub: '019cd3a1-b2c3-7def-8abc-000000000000', exp: iat + 600 })}`],
    ['subject __proto__', `Bearer ${await signed({ sub: '__proto__', exp: iat + 600 })}`],
    ['subject with NUL', `Bearer ${await signed({ sub: 'a\u0000b', exp: iat + 600 })}`],
    ['8 KB token', `Bearer ${'a'.repeat(8_000)}`],
    // Machine API keys (issue 16): unknown, malformed, in Basic with and without a password.
    ['unknown api key', `Bearer pk1.019cd3a1-b2c3-7def-8abc-000000000000.${'A'.repeat(43)}`],
    ['malformed api key', 'Bearer pk1.__proto__.x'],
    ['api key in basic', `Basic ${Buffer.from(`powerbi:pk1.019cd3a1-b2c3-7def-8abc-000000000000.${'A'.repeat(43)}`).toString('base64')}`],
    ['basic without colon', `Basic ${Buffer.from('pk1.nothing').toString('base64')}`],
    ['basic not base64', 'Basic ***'],
  ];
  return tokens.map(([label, header]) => ({ label, header }));
}
