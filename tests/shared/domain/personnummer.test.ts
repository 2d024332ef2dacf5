import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { containsPersonnummer, findPersonnummer } from '../../../src/shared/domain/personnummer';
import { checkDigit, ISSUE_SPELLINGS, spelledPersonnummer, STANDARD_SPELLINGS } from '../../fixtures/personnummer';

describe('findPersonnummer: numbers that must be found', () => {
  const cases: [string, string][] = [
    ['Skatteverket test number, long form with dash', '19121212-1212'],
    ['long form without separator', '191212121212'],
    ['short form with dash', '121212-1212'],
    ['short form with plus (aged 100+)', '121212+1212'],
    ['short form without separator', '1212121212'],
    ['short form with space', '121212 1212'],
    ['long form with space', '19121212 1212'],
    ['en dash as separator', '121212\u20131212'],
    ['non-breaking space as separator (found in its NFKC form)', '121212 1212'],
    ['another valid number', '811228-9874'],
    ['another valid number, no separator', '8112289874'],
    ['samordningsnummer (day 63 = 3 October)', '701063-2144'],
    ['samordningsnummer day 61', '121261-1212'],
    ['samordningsnummer 1 April (day 61)', '120461-1212'],
    ['samordningsnummer day 91 (31 December)', '121291-1216'],
    ['29 February 2000, long form', '20000229-1235'],
    ['29 February, short form with YY divisible by 4', '000229-1235'],
    ['born in 1800s, long form', '18121212-1212'],
  ];
  it.each(cases)('%s: %s', (_label, text) => {
    expect(findPersonnummer(text)).toEqual([text]);
    expect(containsPersonnummer(text)).toBe(true);
  });
});

describe('spellings that used to slip through (issue 18 item 4): text is normalised first', () => {
  const cases: [string, string][] = [
    ['spaces inside the date', '12 12 12-1212'],
    ['dot as separator', '121212.1212'],
    ['slash as separator', '121212/1212'],
    ['zero-width space inside', '1212\u200B12-1212'],
    ['zero-width joiner, word joiner and soft hyphen', '1\u200D21212\u2060-12\u00AD12'],
    ['full-width digits', '\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12-\uFF11\uFF12\uFF11\uFF12'],
    ['two separators', '121212--1212'],
    ['space, dash, space', '121212 - 1212'],
    ['dashes inside a long date', '1912-12-12-1212'],
    ['spaces inside a long date', '19 12 12 12 - 1212'],
    ['non-breaking space', '121212\u00A01212'],
    ['thin space and figure dash', '121212\u2009\u20121212'],
    ['Arabic-Indic digits', '\u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662'],
    ['combining marks on digits', '1\u030321212-1212'],
    ['inside a word-like run', 'pnr:121212.1212;'],
  ];
  it.each(cases)('%s: %j', (_label, text) => {
    expect(containsPersonnummer(text)).toBe(true);
    expect(containsPersonnummer(`Gäller ${text} på sal 3`)).toBe(true);
  });

  const ordinary: [string, string][] = [
    ['ISO date and a time', 'Händelse 2026-11-22 1415 på sal 3'],
    ['ISO date and a time with a colon', '2026-11-22 14:15'],
    ['a date and a room', 'Möte 2026-03-10, rum 1212'],
    ['phone number in groups', 'Ring 070-123 45 67 eller 08-12 34 56'],
    ['counts separated by spaces', 'Planerat 12 12 12 och 14'],
    ['a newline between date and serial', '121212\n1212'],
    ['a date with dots and a time', 'den 12.12.12 kl 14.15'],
  ];
  it.each(ordinary)('not flagged: %s', (_label, text) => {
    expect(containsPersonnummer(text)).toBe(false);
  });
});

describe('every spelling is found (property)', () => {
  it('the standard and the issue 18 spellings', () => {
    for (const text of [...STANDARD_SPELLINGS, ...ISSUE_SPELLINGS]) expect(containsPersonnummer(`Pat ${text}.`), text).toBe(true);
  });
  it('any generated spelling, alone or in a sentence', () => {
    fc.assert(
      fc.property(spelledPersonnummer, fc.constantFrom('', 'Pat ', 'Gäller (', 'pnr:'), (text, pre) => {
        expect(containsPersonnummer(text)).toBe(true);
        expect(containsPersonnummer(`${pre}${text}) ring anhörig`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('containsPersonnummer: numbers in Swedish sentences', () => {
  const cases: [string, string[]][] = [
    ['Patient 19121212-1212 föll vid toaletten.', ['19121212-1212']],
    ['Pat. 121212-1212 fick fel läkemedel, åtgärdat.', ['121212-1212']],
    ['pnr:8112289874', ['8112289874']],
    ['Förväxling mellan 121212-1212 och 811228-9874 på sal 3.', ['121212-1212', '811228-9874']],
    ['(701063-2144)', ['701063-2144']],
    ['Ring 070-123 45 67 om 811228-9874, sal 4', ['811228-9874']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(findPersonnummer(text)).toEqual(expected);
    expect(containsPersonnummer(text)).toBe(true);
  });
});

describe('containsPersonnummer: ordinary text and numbers are not flagged', () => {
  const cases: [string, string][] = [
    ['mobile number with spaces', 'Ring 070-123 45 67 vid frågor'],
    ['landline', 'Växeln 08-123 456 78'],
    ['international format', '+46 70 123 45 67'],
    ['ISO date', 'Händelsen inträffade 2026-11-22 kl 14'],
    ['compact date', 'Mätning 20261122'],
    ['counts', '12 patienter, 3 fall, 1 trycksår'],
    ['invalid Luhn, dash', '811228-9875'],
    ['invalid Luhn, no separator', '8112289875'],
    ['invalid Luhn, long form', '19121212-1213'],
    ['month 13', '121312-1212'],
    ['30 April + 1: 31 April', '120431-1219'],
    ['samordningsnummer 31 April (day 91)', '120491-1216'],
    ['day 00 (and samordning day 60)', '121260-1213'],
    ['samordning day 92', '121292-1215'],
    ['29 February 2001 (Luhn ok)', '010229-1234'],
    ['29 February 1900 (not a leap year)', '19000229-1235'],
    ['century 17', '17121212-1212'],
    ['digit run too long before', '0121212-1212'],
    ['digit run too long after', '121212-12120'],
    ['13 digits', '1191212121212'],
    ['newline is not a separator', '121212\n1212'],
    ['empty', ''],
  ];
  it.each(cases)('%s: %s', (_label, text) => {
    expect(findPersonnummer(text)).toEqual([]);
    expect(containsPersonnummer(text)).toBe(false);
  });
});

describe('personnummer properties', () => {
  const yymmdd = fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.boolean(),
    )
    .map(([y, m, d, samordning]) =>
      [y, m, samordning ? d + 60 : d].map((n) => String(n).padStart(2, '0')).join(''),
    );
  const serial3 = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
  const filler = fc.string({ maxLength: 20 }).map((s) => s.replace(/\d/g, 'x'));

  it('finds any valid number embedded in digit-free text', () => {
    fc.assert(
      fc.property(yymmdd, serial3, fc.constantFrom('-', '+', ' ', ''), filler, filler, (date, s, sep, pre, post) => {
        const pnr = `${date}${sep}${s}${checkDigit(date + s)}`;
        expect(findPersonnummer(`${pre} ${pnr} ${post}`)).toEqual([pnr]);
      }),
    );
  });

  it('never flags a 10-digit number whose check digit is wrong', () => {
    fc.assert(
      fc.property(yymmdd, serial3, fc.integer({ min: 1, max: 9 }), (date, s, offset) => {
        const wrong = (checkDigit(date + s) + offset) % 10;
        expect(containsPersonnummer(`${date}-${s}${wrong}`)).toBe(false);
        expect(containsPersonnummer(`19${date}${s}${wrong}`)).toBe(false);
      }),
    );
  });
});
