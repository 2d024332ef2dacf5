import { describe, expect, it } from 'vitest';
import { draftFromDef, draftPatch, emptyDraft, parseNumber, type Draft } from '../../../src/client/features/indicators/catalogue-draft';
import { catalogueEntries } from '../../../src/client/features/indicators/catalogue-rows';
import { DEFAULT_INDICATORS } from '../../../src/shared/domain/indicators';
import type { Indicator } from '../../../src/shared/schema/indicator';
import { def, uid } from './indicators-fixtures';

const base = draftFromDef(def('bhkTotal', { target: { op: 'gte', value: 100 }, minN: 10 }), false);
const edit = (over: Partial<Draft>) => ({ ...base, ...over });

describe('catalogue form: a reported measure (issue 13)', () => {
  it('a new reported measure: form, grain, level and who writes', () => {
    const d = { ...emptyDraft(), key: 'hyrkostnad', nameSv: 'Kostnad inhyrd personal', sourceKind: 'reported' as const, repForm: 'ratio' as const, repGrain: 'month' as const, repAt: 'unit' as const, repWriters: 'owner' as const, unit: 'pct' as const, direction: 'lower' as const, targetOp: 'decrease' as const };
    const out = draftPatch(d, null, { isAdmin: true, takenKeys: [] });
    expect(out.ok && out.patch.source).toEqual({ kind: 'reported', form: 'ratio', grain: 'month', at: 'unit', writers: 'owner' });
    expect(out.ok && out.patch.unit).toBe('pct');
    // The unit manager's default leaves the setting out (additive field).
    const unitWrites = draftPatch({ ...d, repWriters: 'unit' }, null, { isAdmin: true, takenKeys: [] });
    expect(unitWrites.ok && unitWrites.patch.source).toEqual({ kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' });
  });
});

describe('catalogue form: a target per sex', () => {
  const lower = draftFromDef(def('readmit', { direction: 'lower', target: { op: 'lte', value: 16.5 }, minN: 0 }), false);
  it('K and M together, with or without the total\'s value; a manager may set it', () => {
    expect(draftPatch({ ...lower, targetK: '16', targetM: '17,2' }, lower, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'readmit', patch: { target: { op: 'lte', value: 16.5, k: 16, m: 17.2 } } });
    expect(draftPatch({ ...lower, targetValue: '', targetK: '16', targetM: '17,2' }, lower, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'readmit', patch: { target: { op: 'lte', k: 16, m: 17.2 } } });
  });

  it('reads a stored per-sex target back into the form, and a form left alone patches nothing', () => {
    const stored = draftFromDef(def('readmit', { direction: 'lower', target: { op: 'lte', k: 16, m: 17.2 }, minN: 0 }), false);
    expect([stored.targetValue, stored.targetK, stored.targetM]).toEqual(['', '16', '17,2']);
    expect(draftPatch(stored, stored, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'readmit', patch: {} });
    // Both emptied: back to the total's bound alone.
    expect(draftPatch({ ...stored, targetValue: '15', targetK: '', targetM: '' }, stored, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'readmit', patch: { target: { op: 'lte', value: 15 } } });
  });

  it.each([
    ['K without M', { targetK: '16' }, { targetM: { key: 'err.sexPair' } }],
    ['M without K', { targetM: '17' }, { targetK: { key: 'err.sexPair' } }],
    ['K not a number', { targetK: 'sexton', targetM: '17' }, { targetK: { key: 'err.number' } }],
    ['neither K, M nor a value', { targetValue: '' }, { targetValue: { key: 'err.required' } }],
  ] as const)('refuses %s', (_, over, errors) => {
    expect(draftPatch({ ...lower, ...over }, lower, { isAdmin: false, takenKeys: [] })).toEqual({ ok: false, errors });
  });
});

describe('catalogue form → row patch', () => {
  it.each([
    ['90', 90],
    ['6,5', 6.5],
    [' -0.5 ', -0.5],
    ['1 500', 1500],
    ['', null],
    ['9o', null],
    ['1,2,3', null],
  ])('parseNumber(%j) = %s', (text, n) => expect(parseNumber(text)).toBe(n));

  it('only changed fields are patched; a manager\'s target change is allowed', () => {
    expect(draftPatch(edit({ targetValue: '90' }), base, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'bhkTotal', patch: { target: { op: 'gte', value: 90 } } });
    expect(draftPatch(base, base, { isAdmin: true, takenKeys: [] })).toEqual({ ok: true, key: 'bhkTotal', patch: {} });
  });

  it('a manager cannot change names, source, unit or direction: those changes are dropped', () => {
    const out = draftPatch(edit({ nameSv: 'Nytt namn', direction: 'lower', minN: '5' }), base, { isAdmin: false, takenKeys: [] });
    expect(out).toEqual({ ok: true, key: 'bhkTotal', patch: { minN: 5 } });
    const admin = draftPatch(edit({ nameSv: 'Nytt namn', direction: 'lower' }), base, { isAdmin: true, takenKeys: [] });
    expect(admin).toEqual({ ok: true, key: 'bhkTotal', patch: { nameSv: 'Nytt namn', direction: 'lower' } });
  });

  it.each([
    [{ targetOp: 'decrease' }, { target: { op: 'decrease' } }],
    [{ targetOp: '' }, { target: null }],
    [{ targetOp: 'lte', targetValue: '6,5' }, { target: { op: 'lte', value: 6.5 } }],
    [{ ltOp: 'gte', ltValue: '95', ltYear: '2027' }, { longTermTarget: { op: 'gte', value: 95, year: 2027 } }],
    [{ tolKind: 'absolute', tolValue: '2' }, { tolerance: { kind: 'absolute', value: 2 } }],
    [{ period: 'tertial', compare: 'previous' }, { period: 'tertial', compare: 'previous' }],
    [{ hidden: true }, { hidden: true }],
  ] as const)('%j → %j', (over, patch) => {
    expect(draftPatch(edit(over as Partial<Draft>), base, { isAdmin: false, takenKeys: [] })).toEqual({ ok: true, key: 'bhkTotal', patch });
  });

  it.each([
    [{ targetValue: '' }, 'targetValue', 'err.required'],
    [{ targetValue: 'nittio' }, 'targetValue', 'err.number'],
    [{ minN: '2,5' }, 'minN', 'err.int'],
    [{ minN: '-1' }, 'minN', 'err.range'],
    [{ tolValue: '-3' }, 'tolValue', 'err.range'],
    [{ ltOp: 'gte', ltValue: '90', ltYear: '1999' }, 'ltYear', 'err.range'],
    [{ ltOp: 'lte', ltValue: '', ltYear: '2027' }, 'ltValue', 'err.required'],
    [{ nameSv: '  ' }, 'nameSv', 'err.required'],
    [{ nameSv: 'Mål för 19121212-1212' }, 'nameSv', 'err.personnummer'],
    [{ sourceKind: 'ratio', num: 'bhkObserved', den: 'bhkObserved' }, 'den', 'err.sameMetric'],
  ] as const)('%j is refused at %s (%s), nothing to save', (over, field, key) => {
    const out = draftPatch(edit(over as Partial<Draft>), base, { isAdmin: true, takenKeys: [] });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[field]?.key).toBe(key);
  });

  it('a new indicator (admin) gets every field; its key must be well-formed and unused', () => {
    const d: Draft = { ...emptyDraft(), key: 'fallEvents', nameSv: 'Fallhändelser', metric: 'safetyEvents', targetOp: 'lte', targetValue: '2' };
    const out = draftPatch(d, null, { isAdmin: true, takenKeys: ['bhkTotal'] });
    expect(out.ok && out.key).toBe('fallEvents');
    if (out.ok) {
      expect(out.patch).toMatchObject({ nameSv: 'Fallhändelser', source: { kind: 'count', metric: 'safetyEvents' }, unit: 'count', direction: 'higher', target: { op: 'lte', value: 2 }, minN: 0, hidden: false });
      expect(out.patch.nameEn).toBeUndefined();
    }
    for (const [key, err] of [['Bad', 'err.key'], ['x', 'err.key'], ['bhkTotal', 'err.keyTaken']] as const) {
      const bad = draftPatch({ ...d, key }, null, { isAdmin: true, takenKeys: ['bhkTotal'] });
      expect(bad.ok ? null : bad.errors.key?.key).toBe(err);
    }
  });
});

describe('catalogue entries at a level', () => {
  const units = [
    { id: 'region', parentId: null, kind: 'region' as const, name: 'Region', closedAt: null },
    { id: 'div', parentId: 'region', kind: 'division' as const, name: 'Division', closedAt: null },
  ];
  const row = (unitId: string, key: string, over: Partial<Indicator>): Indicator => ({ id: `indicator:${unitId}:${key}`, unitId: uid(unitId), key, ...over });

  it('shows hidden indicators too (so they can be shown again), marks own rows, resolves level targets', () => {
    const rows = [row('region', 'harmDays', { hidden: true }), row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } })];
    const entries = catalogueEntries(rows, units, 'div');
    expect(entries.length).toBe(Object.keys(DEFAULT_INDICATORS).length);
    const harm = entries.find((e) => e.def.key === 'harmDays');
    expect([harm?.hidden, harm?.own]).toEqual([true, null]);
    const bhk = entries.find((e) => e.def.key === 'bhkTotal');
    expect([bhk?.def.target, bhk?.own?.id]).toEqual([{ op: 'gte', value: 90 }, 'indicator:div:bhkTotal']);
    expect(catalogueEntries(rows, units, 'region').find((e) => e.def.key === 'bhkTotal')?.def.target).toEqual({ op: 'gte', value: 100 });
  });

  it('a complete custom indicator is listed; an incomplete one is not', () => {
    const custom = row('region', 'fallEvents', { nameSv: 'Fall', source: { kind: 'count', metric: 'safetyEvents' }, unit: 'count', direction: 'lower' });
    expect(catalogueEntries([custom], units, 'div').some((e) => e.def.key === 'fallEvents')).toBe(true);
    const incomplete = row('region', 'halfDone', { nameSv: 'Halv' });
    expect(catalogueEntries([incomplete], units, 'div').some((e) => e.def.key === 'halfDone')).toBe(false);
  });
});
