/**
 * Counts agree with their nouns (issue 14): the plural placeholder in `format`, and the Swedish
 * texts that show a count, for 0, 1 and many.
 */
import { describe, expect, it } from 'vitest';
import { format } from '../../src/shared/i18n/format';
import { safetyTexts } from '../../src/shared/i18n/features/safety';
import { staffingTexts } from '../../src/shared/i18n/features/staffing';
import { sv } from '../../src/shared/i18n/sv';

describe('plural placeholders', () => {
  it('chooses the form by Intl.PluralRules and puts the number for #', () => {
    const tpl = '{n, plural, one {# dag} other {# dagar}} kvar';
    expect(format(tpl, { n: 1 })).toBe('1 dag kvar');
    expect(format(tpl, { n: 0 })).toBe('0 dagar kvar');
    expect(format(tpl, { n: 22 })).toBe('22 dagar kvar');
    expect(format('{n, plural, one {# day} other {# days}}', { n: 1 }, 'en')).toBe('1 day');
  });
  it('an exact case wins over the category; plain placeholders still work beside it', () => {
    expect(format('{n, plural, =0 {inga} one {# enhet} other {# enheter}} i {unit}', { n: 0, unit: 'VO' })).toBe('inga i VO');
    expect(format('{n, plural, =0 {inga} one {# enhet} other {# enheter}} i {unit}', { n: 1, unit: 'VO' })).toBe('1 enhet i VO');
  });
  it('a missing or non-numeric count leaves the placeholder visible rather than guess', () => {
    expect(format('{n, plural, one {# dag} other {# dagar}}', { m: 1 })).toBe('{n, plural, one {# dag} other {# dagar}}');
  });
});

describe('Swedish counts the issue found', () => {
  it('staffing: "1 sjuk av 1 planerat pass", "1 av 1 dag ifylld"', () => {
    expect(format(staffingTexts.sv['fig.shifts'], { sick: 1, planned: 22 })).toBe('1 sjuk av 22 planerade pass');
    expect(format(staffingTexts.sv['fig.shifts'], { sick: 2, planned: 1 })).toBe('2 sjuka av 1 planerat pass');
    expect(format(staffingTexts.sv['fig.filled'], { filled: 1, days: 1 })).toBe('1 av 1 dag ifylld');
    expect(format(staffingTexts.sv['fig.filled'], { filled: 1, days: 5 })).toBe('1 av 5 dagar ifyllda');
    expect(format(staffingTexts.sv['beds.detail'], { utlok: '0', occ: '90 %', days: 1 })).toMatch(/· 1 dag$/);
  });
  it('the cross and the roll-ups', () => {
    expect(format(safetyTexts.sv['division.unitFilled'], { filled: 1, due: 1 })).toBe('1 av 1 dag ifylld');
    expect(format(safetyTexts.sv['division.unitHarm'], { n: 1 })).toBe('1 dag med vårdskada');
    expect(format(sv['rollup.completeness'], { reporting: 1, expected: 1, month: 'december' })).toBe('1 av 1 enhet har observerat i december');
  });
});
