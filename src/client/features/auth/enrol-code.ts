/**
 * Forgiving reading of a typed enrolment code: spaces, dashes and lower case are fine (people
 * copy "abcd-efgh" from a screen across the room). The server normalises the same way
 * (EnrolRequest); this only lets the form say what is wrong before any network call.
 */
import { ENROL_CODE_ALPHABET, ENROL_CODE_LENGTH } from '../../../shared/api';

export type CodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'length'; length: number }
  | { ok: false; reason: 'chars'; chars: string };

export function normaliseEnrolCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-–]/g, '');
}

export function checkEnrolCode(input: string): CodeCheck {
  const code = normaliseEnrolCode(input);
  const bad = [...new Set(code.split('').filter((c) => !ENROL_CODE_ALPHABET.includes(c)))];
  if (bad.length > 0) return { ok: false, reason: 'chars', chars: bad.join(' ') };
  if (code.length !== ENROL_CODE_LENGTH) return { ok: false, reason: 'length', length: code.length };
  return { ok: true, code };
}
