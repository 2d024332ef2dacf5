/**
 * Detects Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in free text, so that no patient identifier is ever stored.
 *
 * A candidate is a run of 6 or 8 digits, an optional single separator, then 4 digits, with no
 * digit directly before or after the run. It is reported only if
 *   - the date part is a real calendar date (samordningsnummer: day 61–91 maps to day 1–31), and
 *   - the Luhn check digit, computed over the 10-digit form YYMMDDNNNN, is correct.
 * These two checks are what keep phone numbers, ISO dates and counts from being flagged: a random
 * random 10-digit run passes both well under 1 % of the time.
 */

/** Hyphen-like characters and spaces people type between date and serial ("-", "+", "–", NBSP). */
const SEPARATOR = '[-+\\u2010-\\u2015\\u2212 \\u00A0]';
/**
 * The digit lookarounds make each digit run one candidate, so "19121212-1212" is never also read
 * as "121212-1212", and "0701234567890" (13 digits) is not scanned for a 10-digit window.
 */
const CANDIDATE = new RegExp(`(?<!\\d)(\\d{8}|\\d{6})${SEPARATOR}?(\\d{4})(?!\\d)`, 'g');

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

/** Every personnummer or samordningsnummer in `text`, as written there, in order of appearance. */
export function findPersonnummer(text: string): string[] {
  return [...matches(text)];
}

/** True when `text` holds at least one personnummer or samordningsnummer. */
export function containsPersonnummer(text: string): boolean {
  return !matches(text).next().done;
}

/** Lazy, so containsPersonnummer (run by every free-text schema check) stops at the first hit. */
function* matches(text: string): Generator<string> {
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, datePart, serial] = match;
    if (datePart !== undefined && serial !== undefined && isIdentityNumber(datePart, serial)) {
      yield whole;
    }
  }
}
