/**
 * The goal document's edit models (issue 13, features/indicators/goal-edit.ts): a goal item or a
 * strategic action as a draft and back to the fields that changed, the fields' errors, and the
 * delete rule (a mål or faktor with items under it is refused; actions of a deleted mål stay).
 */
import { describe, expect, it } from 'vitest';
import { actionChanges, actionDraftOf, deleteCheck, itemChanges, itemDraftOf, type MeasureDef, parentsFor } from '../../src/client/features/indicators/goal-edit';
import type { GoalItem, StrategicAction } from '../../src/shared/schema/goal';

const AT = '2026-03-01T09:00:00.000Z';
const id = (n: number) => `0195d1f0-0000-7000-8000-${String(n).padStart(12, '0')}` as GoalItem['id'];
const item = (n: number, kind: GoalItem['kind'], parent: number | null, extra: Partial<GoalItem> = {}): GoalItem =>
  ({ id: id(n), unitId: 'div' as GoalItem['unitId'], kind, perspective: 'medborgare', parentId: parent === null ? null : id(parent), title: `Item ${n}`, order: n, createdAt: AT, ...extra }) as GoalItem;
const MAL = item(1, 'mal', null);
const MAL2 = item(2, 'mal', null, { perspective: 'ekonomi', title: 'Ekonomi i balans' });
const FAKTOR = item(3, 'faktor', 1, { title: 'Tillgänglighet' });
const STYR = item(4, 'styrmatt', 3, { title: 'Väntat ≤ 90 dagar', indicatorKey: 'waitShare', target: { op: 'gte', value: 100, month: 12 }, periods: ['DA04', 'AR'] });
const ITEMS = [MAL, MAL2, FAKTOR, STYR];
const DEFS: MeasureDef[] = [
  { key: 'waitShare', direction: 'higher', unit: 'pct' },
  { key: 'readmit', direction: 'lower', unit: 'pct' },
];
const ACTION: StrategicAction = {
  id: id(9), unitId: 'div' as StrategicAction['unitId'], year: 2026, nr: 1, goalId: id(1), perspective: 'medborgare', title: 'Produktionsplanering', description: 'Införa', ansvarig: 'VO-chefer', tidplan: 'T1', effekt: 'Kortare köer', followDA04: { status: 'pagar', comment: 'Pågår' }, createdAt: AT,
} as StrategicAction;

describe('goal item edits', () => {
  it('an untouched draft changes nothing, also for a target the text writes back differently', () => {
    for (const i of ITEMS) expect(itemChanges(i, itemDraftOf(i, DEFS), ITEMS, DEFS)).toEqual({ ok: true, fields: {} });
    expect(itemDraftOf(STYR, DEFS)).toMatchObject({ title: 'Väntat ≤ 90 dagar', parentId: id(3), indicatorKey: 'waitShare', target: '100 % i dec', periods: ['DA04', 'AR'] });
  });

  it.each([
    ['title, trimmed', { title: '  Väntat högst 90 dagar ' }, { title: 'Väntat högst 90 dagar' }],
    ['a new measure and its target, read with its direction', { indicatorKey: 'readmit', target: '7 %' }, { indicatorKey: 'readmit', target: { op: 'lte', value: 7 } }],
    ['a target per sex', { target: 'K 16,0 M 17,2' }, { target: { op: 'sex', dir: 'gte', k: 16, m: 17.2 } }],
    ['no measure, no target', { indicatorKey: '', target: '' }, { indicatorKey: null, target: null }],
    ['periods, in report order', { periods: ['AR', 'DA08', 'DA04'] }, { periods: ['DA04', 'DA08', 'AR'] }],
    ['moved under another mål: takes its perspective', { parentId: id(2) }, { parentId: id(2), perspective: 'ekonomi' }],
    ['its place among its siblings', { order: ' 25 ' }, { order: 25 }],
  ] as const)('styrmått: %s', (_, change, fields) => {
    const draft = { ...itemDraftOf(STYR, DEFS), ...change, periods: [...(change as { periods?: readonly string[] }).periods ?? itemDraftOf(STYR, DEFS).periods] } as ReturnType<typeof itemDraftOf>;
    expect(itemChanges(STYR, draft, ITEMS, DEFS)).toEqual({ ok: true, fields });
  });

  it('a mål changes its perspective; a faktor only moves under a mål', () => {
    expect(itemChanges(MAL, { ...itemDraftOf(MAL, DEFS), perspective: 'verksamhet' }, ITEMS, DEFS)).toEqual({ ok: true, fields: { perspective: 'verksamhet' } });
    expect(parentsFor('faktor', ITEMS).map((i) => i.id)).toEqual([id(1), id(2)]);
    expect(parentsFor('styrmatt', ITEMS).map((i) => i.id)).toEqual([id(1), id(2), id(3)]);
    expect(itemChanges(FAKTOR, { ...itemDraftOf(FAKTOR, DEFS), parentId: id(2) }, ITEMS, DEFS)).toEqual({ ok: true, fields: { parentId: id(2), perspective: 'ekonomi' } });
  });

  it.each([
    ['an empty title', STYR, { title: '  ' }, { title: 'err.required' }],
    ['a target it cannot read', STYR, { target: 'snart bättre' }, { target: 'goal.err.target' }],
    ['no parent', STYR, { parentId: '' }, { parent: 'err.required' }],
    ['a faktor under a faktor', FAKTOR, { parentId: id(3) }, { parent: 'goal.err.parent' }],
    ['a parent that is gone', STYR, { parentId: id(77) }, { parent: 'goal.err.parent' }],
    ['an order that is no whole number', MAL, { order: '2,5' }, { order: 'goal.err.order' }],
    ['an order out of range', MAL, { order: '10001' }, { order: 'goal.err.order' }],
  ] as const)('refuses %s', (_, i, change, errors) => {
    expect(itemChanges(i, { ...itemDraftOf(i, DEFS), ...change }, ITEMS, DEFS)).toEqual({ ok: false, errors });
  });
});

describe('the delete rule', () => {
  it('refuses a mål or faktor with items under it, and counts them', () => {
    expect(deleteCheck(MAL, ITEMS, [ACTION])).toEqual({ ok: false, children: 1 });
    expect(deleteCheck(FAKTOR, ITEMS, [ACTION])).toEqual({ ok: false, children: 1 });
    // Another level's styrmått under the faktor counts too.
    const vo = item(5, 'styrmatt', 3, { unitId: 'vo' as GoalItem['unitId'] });
    expect(deleteCheck(FAKTOR, [...ITEMS.filter((i) => i !== STYR), vo], [])).toEqual({ ok: false, children: 1 });
  });

  it('a leaf may go; a mål says how many actions lose their goal', () => {
    expect(deleteCheck(STYR, ITEMS, [ACTION])).toEqual({ ok: true, linkedActions: 0 });
    expect(deleteCheck(MAL, [MAL], [ACTION, { ...ACTION, id: id(10), goalId: id(2) }])).toEqual({ ok: true, linkedActions: 1 });
  });
});

describe('strategic action edits', () => {
  const goals = [MAL, MAL2];

  it('an untouched draft changes nothing', () => {
    expect(actionChanges(ACTION, actionDraftOf(ACTION), goals)).toEqual({ ok: true, fields: {} });
    expect(actionDraftOf(ACTION).follow).toEqual({ DA04: { status: 'pagar', comment: 'Pågår' }, DA08: { status: '', comment: '' }, AR: { status: '', comment: '' } });
  });

  it('every field, and a follow-up per tertial (none clears it)', () => {
    const d = actionDraftOf(ACTION);
    const draft = {
      ...d, nr: '3', goalId: id(2), title: 'Planering 2.0', description: 'Införa i alla VO', ansvarig: 'Divisionschef', tidplan: 'T2', effekt: 'Inga köer',
      follow: { DA04: { status: '' as const, comment: 'ignoreras' }, DA08: { status: 'omtag' as const, comment: 'Behöver tas om' }, AR: d.follow.AR },
    };
    expect(actionChanges(ACTION, draft, goals)).toEqual({
      ok: true,
      fields: { nr: 3, goalId: id(2), perspective: 'ekonomi', title: 'Planering 2.0', description: 'Införa i alla VO', ansvarig: 'Divisionschef', tidplan: 'T2', effekt: 'Inga köer', followDA04: null, followDA08: { status: 'omtag', comment: 'Behöver tas om' } },
    });
    expect(actionChanges(ACTION, { ...d, goalId: '' }, goals)).toEqual({ ok: true, fields: { goalId: null } });
    expect(actionChanges(ACTION, { ...d, follow: { ...d.follow, DA04: { status: 'pagar', comment: 'Nästan klar' } } }, goals)).toEqual({ ok: true, fields: { followDA04: { status: 'pagar', comment: 'Nästan klar' } } });
  });

  it('an action without a goal takes the perspective chosen; a goal chosen brings its own', () => {
    const free = { ...ACTION, goalId: null } as StrategicAction;
    expect(actionChanges(free, { ...actionDraftOf(free), perspective: 'ekonomi' }, goals)).toEqual({ ok: true, fields: { perspective: 'ekonomi' } });
    expect(actionChanges(free, { ...actionDraftOf(free), goalId: id(2), perspective: 'verksamhet' }, goals)).toEqual({ ok: true, fields: { goalId: id(2), perspective: 'ekonomi' } });
  });

  it('keeps a goal the device does not know while the draft leaves it alone', () => {
    expect(actionChanges({ ...ACTION, goalId: id(50) as StrategicAction['goalId'] }, actionDraftOf({ ...ACTION, goalId: id(50) as StrategicAction['goalId'] }), goals)).toEqual({ ok: true, fields: {} });
  });

  it.each([
    ['no number', { nr: '' }, { nr: 'goal.err.nr' }],
    ['number 0', { nr: '0' }, { nr: 'goal.err.nr' }],
    ['number 1000', { nr: '1000' }, { nr: 'goal.err.nr' }],
    ['a fraction', { nr: '1,5' }, { nr: 'goal.err.nr' }],
    ['an empty title', { title: ' ' }, { title: 'err.required' }],
    ['a goal that is not in force', { goalId: id(3) }, { parent: 'goal.err.parent' }],
  ] as const)('refuses %s', (_, change, errors) => {
    expect(actionChanges(ACTION, { ...actionDraftOf(ACTION), ...change }, goals)).toEqual({ ok: false, errors });
  });
});
