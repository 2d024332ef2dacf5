/**
 * Strings that may be stored or synced. Every string field of a synced entity or a request body
 * is one of these or has a shape of its own (an id, a date, a timestamp, a code: ids.ts), so no
 * field can carry a control character (PostgreSQL refuses NUL; the UI would show the rest) or a
 * Swedish personal identity number (personnummer or samordningsnummer, domain/personnummer.ts),
 * however it is spelled (issue 18).
 */
import { z } from 'zod/mini';
import { containsPersonnummer } from '../domain/personnummer';

export const FREE_TEXT_PERSONNUMMER_MESSAGE = 'personnummer';

/** C0 and C1 controls except tab, line feed and carriage return, which multi-line text holds. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any C0 or C1 control, and the Unicode line and paragraph separators. */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** Half a surrogate pair: not text at all, and stored differently by each driver. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const noPersonnummer = z.refine<string>((s) => !containsPersonnummer(s), { message: FREE_TEXT_PERSONNUMMER_MESSAGE });
/** Multi-line text: tab and line breaks allowed, no other control character. */
export const cleanText = z.refine<string>((s) => !CONTROL_IN_TEXT.test(s) && !LONE_SURROGATE.test(s), { message: 'control-character' });
/** One line: no control character at all. */
export const cleanLine = z.refine<string>((s) => !CONTROL_IN_LINE.test(s) && !LONE_SURROGATE.test(s), { message: 'control-character' });

/** Free text (notes, descriptions, replies): capped, clean, never a personnummer. */
export const freeText = (max: number) => z.string().check(z.maxLength(max), cleanText, noPersonnummer);

/** One line of free text (a device's label, a title): capped, clean, never a personnummer. */
export const freeLine = (max: number) => z.string().check(z.maxLength(max), cleanLine, noPersonnummer);

/** A short name such as a unit name: 1..120 characters, trimmed, one clean line, no personnummer. */
export const NameText = z.string().check(z.trim(), z.minLength(1), z.maxLength(120), cleanLine, noPersonnummer);

/**
 * A code typed by a person (profession, shift, indicator key, username): its own pattern, and
 * never digits that read as a personnummer ("a1212121212" fits a key's pattern).
 */
export const codeText = (pattern: RegExp) => z.string().check(z.regex(pattern), noPersonnummer);
