/**
 * Issue 18 items 3 and 4: every string field of every synced entity (schema/registry.ts) and of
 * every API request body has a shape (timestamp, date, code, id) or the free-text check, so none
 * can hold a control character (NUL broke PostgreSQL) or a personnummer in any spelling. The
 * string fields are found by walking the schemas, so a field added later is covered without
 * editing this test; the samples must then cover it (the first test says which one is missing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import { ENTITIES, type EntityName } from '../../../src/shared/schema/registry';
import { ISSUE_SPELLINGS, spelledPersonnummer, STANDARD_SPELLINGS } from '../../fixtures/personnummer';
import { BODY_SAMPLES, ENTITY_SAMPLES } from '../../fixtures/samples';

type Path = (string | number)[];
interface Def {
  type: string;
  shape?: Record<string, z.ZodMiniType>;
  innerType?: z.ZodMiniType;
  element?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  valueType?: z.ZodMiniType;
}
const defOf = (s: z.ZodMiniType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Paths of every string leaf (an array's element is index 0; enums and literals are not free strings). */
function stringPaths(schema: z.ZodMiniType, at: Path = []): Path[] {
  const d = defOf(schema);
  switch (d.type) {
    case 'string':
      return [at];
    case 'object':
      return Object.entries(d.shape ?? {}).flatMap(([k, v]) => stringPaths(v, [...at, k]));
    case 'optional':
    case 'nullable':
      return stringPaths(d.innerType as z.ZodMiniType, at);
    case 'array':
      return stringPaths(d.element as z.ZodMiniType, [...at, 0]);
    case 'union':
      return (d.options ?? []).flatMap((o) => stringPaths(o, at));
    case 'record':
      return stringPaths(d.valueType as z.ZodMiniType, [...at, '*']);
    default:
      return [];
  }
}

const get = (v: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);
function withValue(sample: Record<string, unknown>, path: Path, value: string): Record<string, unknown> {
  const copy = structuredClone(sample);
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

/**
 * Fields that may hold digits in any order because nothing typed in them is ever stored or shown:
 * they are only compared or looked up (control characters are still refused in all of them).
 */
const NEVER_STORED = new Set([
  'LoginRequest.password', // compared with an argon2 hash
  'TokenRequest.deviceId', // looked up; device ids are made by the server
  'TokenRequest.deviceSecret', // compared with a SHA-256 hash
  'ImportOrgRequest.content', // the raw file: each unit's id and name are checked once parsed (org-import.test.ts)
]);

const CONTROL = ['\u0000', 'avd\u0000', '\u0001', '\u0008', '\u001B[31m', '\u007F', '\u0085', '\u009B', 'x\uD800', '\uDC00x'];
const PERSONNUMMER = [...STANDARD_SPELLINGS, ...ISSUE_SPELLINGS];

interface Target {
  name: string;
  schema: z.ZodMiniType;
  sample: Record<string, unknown>;
  paths: Path[];
}
const targets: Target[] = [
  ...(Object.keys(ENTITIES) as EntityName[]).map((e) => ({ name: e, schema: ENTITIES[e].schema, sample: ENTITY_SAMPLES[e], paths: stringPaths(ENTITIES[e].schema) })),
  ...BODY_SAMPLES.map((b) => ({ ...b, paths: stringPaths(b.schema) })),
];
const fields = targets.flatMap((t) => t.paths.map((path) => [`${t.name}.${path.join('.')}`, t, path] as const));

/** The value was refused, and because of this field: an issue lies at or under its path. */
function expectRefusedAt(t: Target, path: Path, value: string): void {
  const r = t.schema.safeParse(withValue(t.sample, path, value));
  expect(r.success, `${t.name}.${path.join('.')} = ${JSON.stringify(value)}`).toBe(false);
  if (r.success) return;
  const hit = r.error.issues.some((i) => path.every((p, k) => String(i.path[k]) === String(p)));
  expect(hit, `${t.name}.${path.join('.')}: ${JSON.stringify(r.error.issues.map((i) => i.path))}`).toBe(true);
}

describe('the samples', () => {
  it.each(targets.map((t) => [t.name, t] as const))('%s: parses, and has a string at every string field', (_, t) => {
    expect(t.schema.safeParse(t.sample).success).toBe(true);
    for (const path of t.paths) expect(typeof get(t.sample, path), `${t.name}.${path.join('.')}`).toBe('string');
  });
});

describe('no string field takes a control character or a lone surrogate (item 3)', () => {
  it.each(fields)('%s', (_, t, path) => {
    for (const c of CONTROL) expectRefusedAt(t, path, c);
  });
});

describe('no string field takes a personnummer in any spelling (item 4)', () => {
  const checked = fields.filter(([name]) => !NEVER_STORED.has(name));
  it.each(checked)('%s', (_, t, path) => {
    for (const p of PERSONNUMMER) expectRefusedAt(t, path, p);
    fc.assert(
      fc.property(spelledPersonnummer, (p) => expectRefusedAt(t, path, p)),
      { numRuns: 40 },
    );
  });

  it('the exemptions name real fields', () => {
    const names = new Set<string>(fields.map(([name]) => name));
    for (const n of NEVER_STORED) expect(names.has(n), n).toBe(true);
  });
});
