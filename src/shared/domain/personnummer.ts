/**
 * Detects Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in free text, so that no patient identifier is ever stored.
 *
 * The text is normalised first (normalizeForPersonnummer: NFKC, no zero-width or combining
 * characters, every script's digits as ASCII), so a number cannot hide behind full-width digits
 * or invisible characters. A candidate is a date part of 6 or 8 digits, written whole or in pairs
 * split by single separators ("12 12 12", "1912-12-12"), up to three separators, then 4 digits,
 * with no digit directly before or after it. It is reported only if
 *   - the date part is a real calendar date (samordningsnummer: day 61–91 maps to day 1–31), and
 *   - the Luhn check digit, computed over the 10-digit form YYMMDDNNNN, is correct.
 * These two checks are what keep phone numbers, ISO dates and counts from being flagged: a random
 * random 10-digit run passes both well under 1 % of the time.
 */

/**
 * One separator between the groups of a number: a space of any width (never a line break), a
 * hyphen or dash, "+", ".", "/". Applied after normalizeForPersonnummer, so full-width forms are
 * already ASCII.
 */
const SEP = '(?:[^\\S\\n\\r]|[-+./\\u2010-\\u2015\\u2212\\u2043\\uFE58\\uFE63])';
/** The date part: 8 or 6 digits, in pairs that may be split by one separator ("1912-12-12", "12 12 12"). */
const DATES = [new RegExp(`\\d{2}(?:${SEP}?\\d{2}){3}`, 'y'), new RegExp(`\\d{2}(?:${SEP}?\\d{2}){2}`, 'y')];
/** Up to three separators ("--", " - "), then the 4-digit serial with no digit after it. */
const TAIL = new RegExp(`(${SEP}{0,3})(\\d{4})(?!\\d)`, 'y');
const NON_SPACE_SEP = /[^\s]/;

/**
 * What the check reads (never what is stored): NFKC (full-width digits and spaces become ASCII),
 * without format characters (zero-width spaces and joiners, soft hyphens, bidi marks) and
 * combining marks, with every other script's decimal digits as ASCII digits.
 */
export function normalizeForPersonnummer(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
}

/** Unicode decimal digits come in runs of ten, zero first: the value is the distance to the run's zero. */
function digitValue(d: string): number {
  const cp = d.codePointAt(0) as number;
  let zero = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** Centuries accepted for the 8-digit date form; anyone alive was born 18xx–20xx. */
const CENTURIES = new Set(['18', '19', '20']);

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Is month/day a valid date? `year` is null for the 6-digit form, where the century is unknown:
 * 29 February is then accepted when YY is divisible by 4 (true for 1904…1996 and 2000…2096).
 */
function isValidDate(year: number | null, yy: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const max = DAYS_IN_MONTH[month - 1] ?? 0;
  if (day > max) return false;
  if (month === 2 && day === 29) return year === null ? yy % 4 === 0 : isLeap(year);
  return true;
}

/** Luhn (mod 10) check over exactly 10 digits, weights 2,1,2,1,… from the left. */
function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    const digit = tenDigits.charCodeAt(i) - 48;
    const product = i % 2 === 0 ? digit * 2 : digit;
    sum += product > 9 ? product - 9 : product;
  }
  return sum % 10 === 0;
}

function isIdentityNumber(datePart: string, serial: string): boolean {
  const century = datePart.length === 8 ? datePart.slice(0, 2) : null;
  if (century !== null && !CENTURIES.has(century)) return false;
  const yymmdd = datePart.slice(-6);
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  // Samordningsnummer add 60 to the day of birth.
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  const year = century === null ? null : Number(century) * 100 + yy;
  if (!isValidDate(year, yy, month, day)) return false;
  return luhnValid(yymmdd + serial);
}

/**
 * Every personnummer or samordningsnummer in `text`, in order of appearance, as it reads after
 * normalizeForPersonnummer (so "１２１２１２-１２１２" is found as "121212-1212").
 */
export function findPersonnummer(text: string): string[] {
  return [...matches(normalizeForPersonnummer(text))];
}

/** True when `text` holds at least one personnummer or samordningsnummer, however it is spelled. */
export function containsPersonnummer(text: string): boolean {
  return !matches(normalizeForPersonnummer(text)).next().done;
}

/**
 * Lazy, so containsPersonnummer (run by every free-text schema check) stops at the first hit.
 * A candidate starts at a digit with no digit before it; the 8-digit date is tried before the
 * 6-digit one, so "19121212-1212" is read once, as the long form. A date split by separators
 * ("2026-11-22") needs a non-space separator before the serial, or every ISO date followed by a
 * time ("2026-11-22 1415") would be a candidate; "1912-12-12-1212" still is.
 */
function* matches(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    const end = i < text.length && isDigit(text, i) && (i === 0 || !isDigit(text, i - 1)) ? matchAt(text, i) : -1;
    if (end > 0) {
      yield text.slice(i, end);
      i = end;
    } else {
      i++;
    }
  }
}

const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** The end of a personnummer starting at `i`, or -1. */
function matchAt(text: string, i: number): number {
  for (const date of DATES) {
    date.lastIndex = i;
    const d = date.exec(text);
    if (!d) continue;
    TAIL.lastIndex = i + d[0].length;
    const t = TAIL.exec(text);
    if (!t) continue;
    const digits = d[0].replace(/\D/g, '');
    const split = digits.length !== d[0].length;
    if (split && !NON_SPACE_SEP.test(t[1] as string)) continue;
    if (isIdentityNumber(digits, t[2] as string)) return TAIL.lastIndex;
  }
  return -1;
}
