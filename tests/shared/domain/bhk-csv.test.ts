/** The CSV Swedish Excel opens: BOM, `;`, CRLF, quoting, Swedish headers, no formula injection. */
import { describe, expect, it } from 'vitest';
import { BHK_CSV_HEADER, bhkCsv, bhkCsvFilename, csvField, CSV_BOM, csvText, fileSlug } from '../../../src/shared/domain/bhk-csv';
import { BHK_STEPS, BhkObservation } from '../../../src/shared/schema/bhk-observation';

const ALL_JA = Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja']));
const obs = (id: string, extra: Record<string, unknown> = {}) =>
  BhkObservation.parse({
    id,
    unitId: 'avd-21',
    date: '2026-11-03',
    profession: 'sjukskoterska',
    selfAssessment: false,
    steps: ALL_JA,
    createdAt: '2026-11-03T10:00:00.000Z',
    ...extra,
  });
const ctx = {
  unitName: (id: string) => (id === 'avd-21' ? 'Avdelning 21; Medicin' : 'Avd 22'),
  professionLabel: (code: string) => (code === 'sjukskoterska' ? 'Sjuksköterska/barnmorska' : code),
};

describe('csvField', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['Sjuksköterska', 'Sjuksköterska'],
    ['a;b', '"a;b"'],
    ['säger "hej"', '"säger ""hej"""'],
    ['två\nrader', '"två\nrader"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+46 70', "'+46 70"],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
    ['', ''],
  ];
  it.each(cases)('%j → %j', (input, expected) => expect(csvField(input)).toBe(expected));
});

describe('bhkCsv', () => {
  const text = bhkCsv(
    [
      obs('b', { date: '2026-11-05', task: 'Omläggning; sår', steps: { ...ALL_JA, gloves: 'ej_aktuellt', nails: 'nej' }, selfAssessment: true }),
      obs('a', { profession: 'lakare' }),
      obs('c', { unitId: 'avd-22', date: '2026-11-05' }),
    ],
    ctx,
  );
  const lines = text.slice(1).split('\r\n');

  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\r\n')).toBe(true);
    // No bare LF or CR: Excel on Windows would show a stray line break.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has Swedish column names separated by ; (a comma needs no quotes)', () => {
    expect(lines[0]).toBe(
      'Datum;Enhet;Yrke;Arbetsmoment;Självskattning;Handdesinfektion före;Handskar;Plastförkläde/skyddsrock;Handdesinfektion efter;Kortärmat;Inga ringar, armband, klocka;Korta naglar utan lack;Håret uppsatt;Hygienrutiner korrekt;Klädregler korrekt;Alla steg korrekta',
    );
    expect(BHK_CSV_HEADER).toHaveLength(16);
  });

  it('writes one row per observation, by date then unit, answers as Ja/Nej/Ej aktuellt', () => {
    expect(lines.slice(1, -1)).toEqual([
      '2026-11-03;"Avdelning 21; Medicin";lakare;;Nej;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja',
      '2026-11-05;Avd 22;Sjuksköterska/barnmorska;;Nej;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja;Ja',
      '2026-11-05;"Avdelning 21; Medicin";Sjuksköterska/barnmorska;"Omläggning; sår";Ja;Ja;Ej aktuellt;Ja;Ja;Ja;Ja;Nej;Ja;Ja;Nej;Nej',
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('an empty period is the header alone', () => {
    expect(bhkCsv([], ctx)).toBe(`${CSV_BOM}${BHK_CSV_HEADER.map(csvField).join(';')}\r\n`);
  });
});

describe('bhkCsvFilename', () => {
  it.each([
    ['Avdelning 21 Medicin', '2026-11', 'bhk-avdelning-21-medicin-2026-11.csv'],
    ['Division Länssjukvård', '2026-T3', 'bhk-division-lanssjukvard-2026-T3.csv'],
    ['///', '2026', 'bhk-enhet-2026.csv'],
  ])('%s, %s → %s', (name, period, expected) => expect(bhkCsvFilename(name, period)).toBe(expected));
});

describe('csvText', () => {
  it('starts with the BOM, joins fields with ; through csvField and ends every row with CRLF', () => {
    expect(csvText([['Enhet', 'n'], ['Avd; 21', '=1+1']])).toBe(`${CSV_BOM}Enhet;n\r\n"Avd; 21";'=1+1\r\n`);
  });
});

describe('fileSlug', () => {
  it.each([
    ['Avdelning 21 Medicin', 'avdelning-21-medicin'],
    ['  Övre – Ärende ', 'ovre-arende'],
    ['///', 'enhet'],
    ['x'.repeat(70), 'x'.repeat(60)],
  ])('%s → %s', (name, expected) => expect(fileSlug(name)).toBe(expected));
});
