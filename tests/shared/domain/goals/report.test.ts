/**
 * The tertial report model (domain/goals/report.ts): the goal hierarchy in force at a level, the
 * seed's column values, DÅ04/DÅ08/ÅR ranges (DÅ08 is January–August), missing data in words,
 * analyses and the strategic actions' follow-up of the period; figures equal Mål och resultat's.
 */
import { describe, expect, it } from 'vitest';
import { contextFromRows, reportOfRows } from '../../../../src/shared/domain/indicators';
import { tertialReport } from '../../../../src/shared/domain/goals/report';
import { reportPeriodRange } from '../../../../src/shared/domain/goals/periods';
import { ACTION, AT, data, DOC, NOW } from './fixtures';

describe('tertialReport', () => {
  it('DÅ04: the hierarchy in force at the division, the seed columns, missing data in words', async () => {
    const r = await tertialReport(contextFromRows(data()), DOC, '2026-DA04', NOW);
    expect(r).toMatchObject({ rootId: 'div', rootName: 'Division', label: 'DÅ04 2026', computedAt: '2026-11-30T10:00:00.000Z' });
    expect(r.perspectives.map((p) => [p.label, p.goals.map((g) => g.title)])).toEqual([
      ['Medborgare', ['God nära och samordnad vård']],
      ['Ekonomi', ['Långsiktigt hållbar ekonomi']],
    ]);
    const med = r.perspectives[0]?.goals[0]?.rows ?? [];
    expect(med.map((x) => [x.faktor, x.styrmatt, x.target, x.periods, x.outcome, x.status])).toEqual([
      // Jan–Apr: (41 + 30) / (100 + 40); K (20+10)/(49+20), M (21+20)/(51+20).
      ['Tillgänglighet', 'Väntat ≤ 90 dagar till första besök', '100 % i dec', 'DÅ04, DÅ08, ÅR', 'K: 43,5 % M: 57,7 %', 'partial'],
      ['Tillgänglighet', 'Följsamhet till BHK', 'Minst 90 %', 'DÅ08, ÅR', '90 %', 'met'],
      ['Tillgänglighet', 'Läkemedelsberättelse', 'Minst 70 %', 'DÅ04, DÅ08, ÅR', 'Informationsunderlag till styrmåttet saknas', 'unmeasurable'],
    ]);
    expect(med[0]?.value).toBeCloseTo((71 / 140) * 100, 9);
    expect(med[0]?.analysis).toEqual({ text: 'Väntetiderna minskar på två av tre enheter.', author: 'Divisionschef', writtenAt: AT });
    expect(med[1]?.analysis).toBeNull();
    const ek = r.perspectives[1]?.goals[0]?.rows ?? [];
    // The VO's own styrmått is not the division's.
    expect(ek.map((x) => [x.styrmatt, x.outcome, x.status, x.missing])).toEqual([
      ['Verksamhet inom budget', '\u221217,7 mnkr', 'notMet', null],
      ['Produktivitet enligt KPP', 'Data saknas', 'unmeasurable', 'data'],
    ]);
    expect(r.actions).toEqual([
      { id: ACTION.id, nr: 1, perspective: 'medborgare', goal: 'God nära och samordnad vård', title: 'Produktionsplanering', description: 'Införa produktionsplanering', ansvarig: 'VO-chefer', tidplan: 'Start under tertial 1', effekt: 'Kortare väntetider', status: 'Pågår', comment: 'Arbetet pågår inom divisionen' },
    ]);
  });

  it('DÅ08 is January–August (cumulative), with its own follow-up and no DÅ04 analysis', async () => {
    expect(reportPeriodRange('2026-DA08')).toMatchObject({ from: '2026-01-01', to: '2026-08-31', lastMonth: 8 });
    const r = await tertialReport(contextFromRows(data()), DOC, '2026-DA08', NOW);
    const med = r.perspectives[0]?.goals[0]?.rows ?? [];
    expect(med[0]?.value).toBeCloseTo((121 / 190) * 100, 9);
    expect(med[0]?.analysis).toBeNull();
    expect(med[1]?.outcome).toBe('70 %'); // BHK: 14 of 20 correct, March and June
    expect(r.perspectives[1]?.goals[0]?.rows[0]?.outcome).toBe('\u221214,7 mnkr');
    expect(r.actions[0]).toMatchObject({ status: 'Klar', comment: 'Klart' });
  });

  it('the figures are Mål och resultat\'s: DÅ04 equals the T1 indicator report at the level', async () => {
    const r = await tertialReport(contextFromRows(data()), DOC, '2026-DA04', NOW);
    const ind = await reportOfRows(data(), '2026-T1', NOW);
    const cell = (key: string) => ind.cells.find((c) => c.unitId === 'div' && c.key === key);
    const rows = r.perspectives.flatMap((p) => p.goals.flatMap((g) => g.rows));
    expect(rows.find((x) => x.styrmatt.startsWith('Väntat'))).toMatchObject({ value: cell('waitShare')?.value, valueK: cell('waitShare')?.valueK, valueM: cell('waitShare')?.valueM });
    expect(rows.find((x) => x.styrmatt.startsWith('Följsamhet'))?.value).toBe(cell('bhkTotal')?.value);
    expect(rows.find((x) => x.styrmatt.startsWith('Verksamhet'))?.value).toBe(cell('budget')?.value);
  });

  it('a VO\'s report holds its own styrmått under the region\'s goal; a bad period is a validation error at period', async () => {
    const r = await tertialReport(contextFromRows({ ...data(), rootId: 'vo1' }, 'vo1'), DOC, '2026-AR', NOW);
    expect(r.perspectives.flatMap((p) => p.goals.flatMap((g) => g.rows.map((x) => x.styrmatt)))).toContain('VO:s eget mått');
    await expect(tertialReport(contextFromRows(data()), DOC, '2026-T1', NOW)).rejects.toMatchObject({ code: 'validation', path: ['period'] });
  });
});
