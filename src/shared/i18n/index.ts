/**
 * All user-facing text: the catalogues (sv is the default and defines the keys; en must match)
 * and the one formatting rule. Pure, so the server can format text too. The browser imports
 * format.ts and sv.ts directly and loads en.ts only when chosen.
 */
import { en } from './en';
import type { Language } from './format';
import { sv, type MessageKey } from './sv';

export * from './format';
export { en, sv, type MessageKey };

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { sv, en };
