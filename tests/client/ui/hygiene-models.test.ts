// @vitest-environment jsdom
/** The BHK board's view models: quota reminder, below-target prompt, periods, settings, lists. */
import { describe, expect, it } from 'vitest';
import { unitCsv } from '../../../src/client/features/hygiene/csv-export';
import { parsePeriod, stepPeriod } from '../../../src/client/kit/period';
import { periodLabel, periodWhen } from '../../../src/client/features/hygiene/period-model';
import { codeFor, effectiveProfessions, entryProfessions, professionLabeler } from '../../../src/client/features/hygiene/professions';
import { professionRows, unitBoard } from '../../../src/client/features/hygiene/unit-figures';
import { goalPatch, parseSettings } from '../../../src/client/features/hygiene/UnitSettingsForm';
import { boardGoal } from '../../../src/shared/domain/indicators/board-goal';
import type { Indicator } from '../../../src/shared/schema/indicator';
import { toProfessionList } from '../../../src/client/features/rollup/ProfessionEditor';
import { CSV_BOM } from '../../../src/shared/domain/bhk-csv';
import { BHK_STEPS, BhkObservation } from '../../../src/shared/schema/bhk-observation';
import type { UnitSettings } from '../../../src/shared/schema/unit-settings';

const ALL_JA = Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja']));
let n = 0;
const obs = (date: string, extra: Record<string, unknown> = {}) =>
  BhkObservation.parse({ id: `o${++n}`, unitId: 'u1', date, profession: 'sjukskoterska', selfAssessment: false, steps: ALL_JA, createdAt: `${date}T10:00:00.000Z`, ...extra });
const SETTINGS: UnitSettings = { id: 'settings:u1', unitId: 'u1', bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 } as UnitSettings;
// The board's target and minimum n are the catalogue's (issue 14): ≥ 80 % and n 3 at u1.
const UNITS = [{ id: 'u1', parentId: null, kind: 'enhet', name: 'U1', closedAt: null }] as const;
const ROWS = [{ id: 'indicator:u1:bhkTotal', unitId: 'u1', key: 'bhkTotal', target: { op: 'gte', value: 80 }, minN: 3 }] as Indicator[];
const GOAL = boardGoal(ROWS, UNITS, 'u1', 'bhkTotal');
const month = (count: number, wrong: number, day = '10') =>
  Array.from({ length: count }, (_, i) => obs(`2026-11-${day}`, i < wrong ? { steps: { ...ALL_JA, nails: 'nej' } } : {}));

describe('unitBoard', () => {
  const cases: [string, string, number, boolean][] = [
    ['24 November is in the last week of a 30-day month', '2026-11-24', 9, true],
    ['23 November is not', '2026-11-23', 9, false],
    ['the quota reached: no reminder', '2026-11-30', 10, false],
    ['a quota of 10 with 0 observations on the 30th', '2026-11-30', 0, true],
  ];
  it.each(cases)('quota reminder: %s', (_label, today, count, remind) => {
    const b = unitBoard(month(count, 0, '02'), SETTINGS, GOAL, { period: '2026-11', source: 'all', today });
    expect(b.quota).toEqual({ month: '2026-11', n: count, quota: 10, remind });
  });

  it('counts the month toward the quota whatever period is shown, självskattning included', () => {
    const data = [...month(2, 0), obs('2026-11-11', { selfAssessment: true }), obs('2026-10-30')];
    const b = unitBoard(data, SETTINGS, GOAL, { period: '2026', source: 'observed', today: '2026-11-20' });
    expect(b.quota.n).toBe(3);
    expect(b.figures.n).toBe(3);
  });

  const targets: [string, number, number, boolean, string][] = [
    ['7 of 10 correct, below 80 %', 10, 3, true, 'notMet'],
    ['8 of 10 correct, at target', 10, 2, false, 'met'],
    ['too few to measure: no prompt', 2, 2, false, 'grey'],
    ['nothing observed: no prompt', 0, 0, false, 'grey'],
  ];
  it.each(targets)('below target: %s', (_label, count, wrong, below, status) => {
    const b = unitBoard(month(count, wrong), SETTINGS, GOAL, { period: '2026-11', source: 'all', today: '2026-11-20' });
    expect([b.belowTarget, b.status]).toEqual([below, status]);
  });

  it('lists the period’s observations newest first, voided ones apart', () => {
    const a = obs('2026-11-03');
    const b = obs('2026-11-05');
    const voidB = obs('2026-11-05', { replaces: b.id, voided: true, originalDate: '2026-11-05', createdAt: '2026-11-06T10:00:00.000Z' });
    const fixA = obs('2026-11-03', { replaces: a.id, originalDate: '2026-11-03', profession: 'lakare', createdAt: '2026-11-06T11:00:00.000Z' });
    const c = obs('2026-11-07', { selfAssessment: true });
    const board = unitBoard([a, b, voidB, fixA, c], SETTINGS, GOAL, { period: '2026-11', source: 'all', today: '2026-11-20' });
    expect(board.observations.map((r) => [r.current.id, r.versions])).toEqual([[c.id, 1], [fixA.id, 2]]);
    expect(board.voided.map((r) => r.original.id)).toEqual([b.id]);
    const observed = unitBoard([a, b, voidB, fixA, c], SETTINGS, GOAL, { period: '2026-11', source: 'observed', today: '2026-11-20' });
    expect(observed.observations.map((r) => r.current.id)).toEqual([fixA.id]);
  });
});

describe('professionRows', () => {
  it('most observed first, each grey on its own n', () => {
    const rows = professionRows(
      { lakare: { n: 2, selfAssessmentN: 1, hygieneAllOk: 2, dressAllOk: 1, totalAllOk: 1 }, student: { n: 5, selfAssessmentN: 0, hygieneAllOk: 5, dressAllOk: 5, totalAllOk: 4 } },
      3,
    );
    expect(rows.map((r) => [r.code, r.total.pct, r.tooFew])).toEqual([
      ['student', 80, false],
      ['lakare', 50, true],
    ]);
  });
});

describe('periods', () => {
  it.each([
    [undefined, '2026-11'],
    ['2026-W47', '2026-W47'],
    ['2026-T3', '2026-T3'],
    ['2026', '2026'],
    ['2026-12', '2026-11'],
    ['2026-11-22', '2026-11'],
    ['rubbish', '2026-11'],
  ])('parsePeriod(%s) on 22 Nov 2026 → %s', (q, expected) => expect(parsePeriod(q, '2026-11-22')).toBe(expected));

  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-W01', -1, '2025-W52'],
    ['2026-W53', 1, '2027-W01'],
    ['2026-T3', 1, '2027-T1'],
    ['2026', -1, '2025'],
  ] as const)('stepPeriod(%s, %i) → %s', (key, dir, expected) => expect(stepPeriod(key, dir)).toBe(expected));

  it('reads in Swedish', () => {
    expect(periodLabel('2026-W47')).toBe('vecka 47 2026');
    expect(periodLabel('2026-T3')).toBe('tertial 3 2026');
    expect(periodWhen('2026-11', '2026-11-22')).toBe('i november');
    expect(periodWhen('2025-11', '2026-11-22')).toBe('i november 2025');
    expect(periodWhen('2026-W47', '2026-11-22')).toBe('under vecka 47');
    expect(periodWhen('2026', '2026-11-22')).toBe('under 2026');
  });
});

describe('professions', () => {
  const LIST = [{ code: 'lakare', label: 'Doktor' }, { code: 'student', label: 'Student', hidden: true }];
  it('defaults without a list; labels from the list, then defaults, then the code', () => {
    expect(effectiveProfessions(null).map((p) => p.code)).toEqual(['lakare', 'sjukskoterska', 'underskoterska', 'fysioterapeut', 'ovrig', 'student']);
    const label = professionLabeler(LIST);
    expect([label('lakare'), label('sjukskoterska'), label('gone_code')]).toEqual(['Doktor', 'Sjuksköterska/barnmorska', 'gone_code']);
  });
  it('hides hidden professions at entry, except the one being amended', () => {
    expect(entryProfessions(LIST).map((p) => p.code)).toEqual(['lakare']);
    expect(entryProfessions(LIST, 'student').map((p) => p.code)).toEqual(['lakare', 'student']);
    expect(entryProfessions(LIST, 'ovrig').map((p) => p.code)).toEqual(['lakare', 'ovrig']);
  });
  it.each([
    ['Sjuksköterska natt', [], 'sjukskoterska_natt'],
    ['Läkare', ['lakare'], 'lakare_2'],
    ['Läkare', ['lakare', 'lakare_2'], 'lakare_3'],
    ['???', [], 'yrke'],
  ])('codeFor(%s) → %s', (label, taken, expected) => expect(codeFor(label, new Set(taken))).toBe(expected));
  it('toProfessionList keeps codes, makes new ones, refuses empty lists and repeated names', () => {
    expect(toProfessionList([{ code: 'lakare', label: ' Doktor ', hidden: false }, { code: null, label: 'Doktor AT', hidden: true }, { code: null, label: '', hidden: false }])).toEqual([
      { code: 'lakare', label: 'Doktor' },
      { code: 'doktor_at', label: 'Doktor AT', hidden: true },
    ]);
    expect(toProfessionList([{ code: null, label: 'A', hidden: false }, { code: null, label: 'a', hidden: false }])).toBeNull();
    expect(toProfessionList([{ code: 'x', label: '', hidden: false }])).toBeNull();
    expect(toProfessionList([])).toBeNull();
  });
});

describe('unit settings form', () => {
  it.each([
    [['10', '10', '80'], { bhkMonthlyQuota: 10, minN: 10, targetPct: 80 }],
    [['5', '1', '92,5'], { bhkMonthlyQuota: 5, minN: 1, targetPct: 92.5 }],
    [['0', '30', '100'], { bhkMonthlyQuota: 0, minN: 30, targetPct: 100 }],
    [['10', '10', ''], { bhkMonthlyQuota: 10, minN: 10, targetPct: null }],
    [['10', '0', '80'], null],
    [['-1', '10', '80'], null],
    [['2.5', '10', '80'], null],
    [['10', '10', '101'], null],
  ] as const)('%j → %j', ([q, m, p], expected) => expect(parseSettings(q, m, p)).toEqual(expected));

  it('writes to the catalogue only what differs from the goal in force at the unit', () => {
    expect(goalPatch(GOAL, { minN: 3, targetPct: 80 })).toEqual({});
    expect(goalPatch(GOAL, { minN: 3, targetPct: null })).toEqual({});
    expect(goalPatch(GOAL, { minN: 5, targetPct: 92.5 })).toEqual({ target: { op: 'gte', value: 92.5 }, minN: 5 });
    // A level's Öka/Minska target is replaced only when a value is typed.
    const minska = boardGoal([{ ...ROWS[0], target: { op: 'increase' } } as Indicator], UNITS, 'u1', 'bhkTotal');
    expect(goalPatch(minska, { minN: 3, targetPct: null })).toEqual({});
    expect(goalPatch(minska, { minN: 3, targetPct: 90 })).toEqual({ target: { op: 'gte', value: 90 } });
  });
});

describe('unit CSV (offline)', () => {
  it('is the shared CSV of the period’s observations, in Swedish, with the unit name', () => {
    const file = unitCsv({ raw: [obs('2026-11-03'), obs('2026-10-03')], unitName: 'Avdelning 21', period: '2026-11', source: 'all', professions: null });
    expect(file.filename).toBe('bhk-avdelning-21-2026-11.csv');
    expect(file.csv.startsWith(CSV_BOM)).toBe(true);
    expect(file.csv.trimEnd().split('\r\n').slice(1)).toEqual(['2026-11-03;Avdelning 21;Sjuksköterska/barnmorska;;Nej;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja']);
  });
});
