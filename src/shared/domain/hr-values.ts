/**
 * Cell values of an HR export as Swedish spreadsheets write them: "8,6", "8,6 %", "12 345,5"
 * (space or no-break space between thousands), "1.234,5"; months as "2026-03", "202603",
 * "2026-03-01", "2026/03" or "mars 2026". Pure parsers: null means "not a value of this kind".
 */

/** A non-negative or negative decimal number with comma or point; null when it is not one. */
export function parseDecimal(raw: string): number | null {
  let s = raw.trim().replace(/%$/, '').trim();
  s = s.replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const MONTH_NAMES: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, mars: 3, mar: 3, april: 4, apr: 4, maj: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, augusti: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM", or null when the text names no month. */
export function parseMonth(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  let m = /^(\d{4})[-/]?(\d{1,2})(?:[-/]\d{1,2})?$/.exec(s);
  if (m !== null) {
    // "202603" needs both digits; "2026-3" is fine with separators.
    if (!/[-/]/.test(s) && s.length !== 6) return null;
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${pad(month)}` : null;
  }
  m = /^([a-zåäö]+)\.?\s+(\d{4})$/.exec(s);
  if (m !== null) {
    const month = MONTH_NAMES[m[1] as string];
    return month === undefined ? null : `${m[2]}-${pad(month)}`;
  }
  return null;
}

/** Names compared the way people write them: case, spacing and a trailing dot ignored. */
export const normaliseName = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
