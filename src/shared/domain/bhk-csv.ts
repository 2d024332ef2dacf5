/**
 * BHK observations as a CSV file for Swedish Excel: UTF-8 with a byte-order mark (without it Excel
 * reads "Sjuksköterska" as "SjukskÃ¶terska"), `;` between fields (Excel in a Swedish locale uses
 * `,` as the decimal sign and expects `;`), CRLF line ends, Swedish column names. One row per
 * observation as it counts (after corrections). The server's export route and the tablet's
 * offline export both call this.
 */
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS, BHK_STEPS, type BhkObservation, type BhkStep } from '../schema/bhk-observation';
import { sv } from '../i18n/sv';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export interface BhkCsvContext {
  unitName: (unitId: string) => string;
  professionLabel: (code: string) => string;
}

/**
 * Quotes a field when it holds the separator, a quote or a line break. A field that Excel would
 * run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: free text is typed on a
 * ward tablet and must never execute on the manager's computer.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row as a line of the file: its fields through csvField joined by `;`, then CRLF. */
export function csvLine(row: readonly string[]): string {
  return `${row.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}

/** The whole file: the BOM, then every row's line (a server streams the same lines, http/csv-stream.ts). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `${CSV_BOM}${rows.map(csvLine).join('')}`;
}

/** A name made safe for every file system: "Avdelning 21" → "avdelning-21"; "enhet" when nothing is left. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'enhet';
}

const yesNo = (b: boolean): string => (b ? sv['answer.ja'] : sv['answer.nej']);
const allOk = (o: BhkObservation, steps: readonly BhkStep[]): boolean => steps.every((s) => o.steps[s] !== 'nej');

export const BHK_CSV_HEADER: readonly string[] = [
  'Datum',
  'Enhet',
  'Yrke',
  'Arbetsmoment',
  'Självskattning',
  ...BHK_STEPS.map((s) => sv[`step.${s}`]),
  'Hygienrutiner korrekt',
  'Klädregler korrekt',
  'Alla steg korrekta',
];

/** The export's rows (header first), sorted by date, unit name, then creation: the CSV's and the Excel file's. */
export function bhkRows(observations: readonly BhkObservation[], ctx: BhkCsvContext): string[][] {
  const sorted = [...observations].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      ctx.unitName(a.unitId).localeCompare(ctx.unitName(b.unitId), 'sv') ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
  const rows: string[][] = [[...BHK_CSV_HEADER]];
  for (const o of sorted) {
    const hygiene = allOk(o, BHK_HYGIENE_STEPS);
    const dress = allOk(o, BHK_DRESS_STEPS);
    rows.push([
      o.date,
      ctx.unitName(o.unitId),
      ctx.professionLabel(o.profession),
      o.task ?? '',
      yesNo(o.selfAssessment),
      ...BHK_STEPS.map((s) => sv[`answer.${o.steps[s]}`]),
      yesNo(hygiene),
      yesNo(dress),
      yesNo(hygiene && dress),
    ]);
  }
  return rows;
}

/** Rows sorted by date, unit name, then creation; the text starts with the BOM. */
export function bhkCsv(observations: readonly BhkObservation[], ctx: BhkCsvContext): string {
  return csvText(bhkRows(observations, ctx));
}

/** "bhk-avdelning-21-2026-11.csv": the unit name made safe for every file system. */
export function bhkCsvFilename(scopeName: string, period: string): string {
  return `bhk-${fileSlug(scopeName)}-${period}.csv`;
}
