import { describe, expect, it } from 'vitest';
import { buildBoard, dayView, severitiesFor } from '../../../src/client/features/safety-cross/board-model';
import { divisionModel, statusesFromCounts } from '../../../src/client/features/safety-cross/division-model';
import { emptyEventDraft, toNewEvent } from '../../../src/client/features/safety-cross/event-draft';
import { addCategory, draftOf, MAX_CROSSES, removeCategory, settingsPatch, toggleCross } from '../../../src/client/features/safety-cross/settings-draft';
import { DEFAULT_SAFETY_SETTINGS } from '../../../src/shared/domain/safety-defaults';
import { safetyRollupNodes } from '../../../src/shared/domain/safety-rollup';
import { SafetyRollupResponse } from '../../../src/shared/api-safety';
import { UnitId } from '../../../src/shared/schema/ids';
import type { SafetySettings } from '../../../src/shared/schema/safety-settings';
import { day, event } from '../../shared/domain/safety-fixtures';

const settings = (patch: Partial<SafetySettings> = {}): SafetySettings =>
  ({ ...DEFAULT_SAFETY_SETTINGS, id: 'safetySettings:u1', unitId: 'u1', ...patch }) as SafetySettings;

describe('unit board model', () => {
  const events = [event('u1', '2026-11-02', { severity: 'orange' }), event('u1', '2026-11-03', { category: 'trycksar' }), event('u1', '2026-10-31', { category: 'vri' })];
  const days = [day('u1', '2026-11-01'), day('u1', '2026-11-02'), day('u1', '2026-10-31')];

  it('one cross for all events; counters over all categories and per category, across months', () => {
    const b = buildBoard({ month: '2026-11', today: '2026-11-05', events, days, settings: settings() });
    expect(b.crosses).toHaveLength(1);
    expect(b.crosses[0]?.statuses.slice(0, 6)).toEqual(['gron', 'orange', 'gul', 'ej_ifylld', 'idag', 'framtid']);
    expect(b.counters[0]).toEqual({ category: null, days: 2, lastDate: '2026-11-03' });
    expect(b.counters.find((c) => c.category === 'vri')).toEqual({ category: 'vri', days: 5, lastDate: '2026-10-31' });
    expect(b.counters.find((c) => c.category === 'nutrition')?.days).toBeNull();
    expect(b.figures).toMatchObject({ greenDays: 1, harmDays: 1, riskDays: 1, unfilledDays: 1 });
    // Yesterday on the 1st lies in last month: still known to the board.
    expect(dayView(b, '2026-10-31')).toMatchObject({ status: 'gul', confirmed: true });
  });

  it('a cross per chosen category ("fallkorset", "trycksårskorset")', () => {
    const b = buildBoard({ month: '2026-11', today: '2026-11-05', events, days, settings: settings({ crossCategories: ['fall', 'trycksar'] }) });
    expect(b.crosses.map((c) => [c.category, c.statuses.slice(0, 4)])).toEqual([
      ['fall', ['gron', 'orange', 'gron', 'ej_ifylld']],
      ['trycksar', ['gron', 'gron', 'gul', 'ej_ifylld']],
    ]);
    expect(severitiesFor(3)).toEqual(['gul', 'rod']);
  });
});

describe('division model', () => {
  const TREE = [
    { id: 'D', parentId: null, kind: 'division' as const, name: 'Division', closedAt: null },
    { id: 'V2', parentId: 'D', kind: 'vo' as const, name: 'VO Öron', closedAt: null },
    { id: 'V1', parentId: 'D', kind: 'vo' as const, name: 'VO Ben', closedAt: null },
    { id: 'B', parentId: 'V1', kind: 'enhet' as const, name: 'Avd B', closedAt: null },
    { id: 'A', parentId: 'V1', kind: 'enhet' as const, name: 'Avd A', closedAt: null },
    { id: 'C', parentId: 'V2', kind: 'enhet' as const, name: 'Avd C', closedAt: null },
    { id: 'X', parentId: 'V2', kind: 'enhet' as const, name: 'Avd X (stängd)', closedAt: '2026-10-01T00:00:00Z' },
  ];

  it('cards by level and name, the level’s worst colour per day, closed units only with data', () => {
    const nodes = safetyRollupNodes(TREE, 'D', '2026-11', '2026-11-03', [event('C', '2026-11-01', { severity: 'rod' })], [day('A', '2026-11-01'), day('B', '2026-11-01'), day('A', '2026-11-02')]);
    const m = divisionModel(SafetyRollupResponse.parse({ month: '2026-11', rootId: 'D', today: '2026-11-03', nodes }));
    expect(m?.cards.map((c) => [c.node.unitId, c.parentName])).toEqual([['A', 'VO Ben'], ['B', 'VO Ben'], ['C', 'VO Öron']]);
    expect(m?.levels.map((l) => l.unitId)).toEqual(['V1', 'V2']);
    expect(m?.statuses.slice(0, 4)).toEqual(['rod', 'ej_ifylld', 'idag', 'framtid']);
    expect(m?.filledPerDay.slice(0, 3)).toEqual([3, 1, 0]);
    expect(m?.cards[0]?.statuses.slice(0, 3)).toEqual(['gron', 'gron', 'idag']);
    expect(divisionModel({ month: '2026-11', rootId: 'nope', today: '2026-11-03', nodes: [] } as never)).toBeNull();
  });

  it('reads a unit’s cross back from its counts', () => {
    const counts = { days: Array.from({ length: 30 }, () => ({ gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 })), events: {} };
    counts.days[0]!.orange = 1;
    counts.days[1]!.ej_ifylld = 1;
    expect(statusesFromCounts(counts, '2026-11', '2026-11-03').slice(0, 4)).toEqual(['orange', 'ej_ifylld', 'idag', 'framtid']);
  });
});

describe('drafts', () => {
  it('an event draft needs category and severity; empty texts and an unreported case number are left out', () => {
    const d = emptyEventDraft('2026-11-22');
    const unit = UnitId.parse('u1');
    expect(toNewEvent(d, unit)).toBeNull();
    expect(toNewEvent({ ...d, category: 'fall' }, unit)).toBeNull();
    expect(toNewEvent({ ...d, category: 'fall', severity: 'rod', description: '  ', caseNumber: 'AVV-1', improvement: ' Checklista ' }, unit)).toEqual({
      unitId: 'u1', date: '2026-11-22', category: 'fall', severity: 'rod', reportedInDeviationSystem: false, improvement: 'Checklista',
    });
  });

  it('settings: add, remove (with its cross), toggle crosses up to the cap, and patch only what changed', () => {
    const stored = settings();
    let d = addCategory(draftOf(stored), '  Suicid/självskada ');
    expect(addCategory(d, 'fall')).toBe(d);
    d = toggleCross(toggleCross(d, 'fall'), 'Suicid/självskada');
    d = removeCategory(d, 'fall');
    expect(d.crossCategories).toEqual(['Suicid/självskada']);
    for (const c of ['trycksar', 'vri', 'lakemedel', 'nutrition', 'ovrigt', 'blasoverfyllnad']) d = toggleCross(d, c);
    expect(d.crossCategories).toHaveLength(MAX_CROSSES);
    expect(Object.keys(settingsPatch(stored, { ...draftOf(stored), backdateDays: 3 }))).toEqual(['backdateDays']);
    expect(settingsPatch(stored, draftOf(stored))).toEqual({});
  });
});
