/**
 * The client's language: a signal persisted in localStorage, and `t` which reads it, so every
 * text in the UI re-renders when the language changes. Swedish unless the user chose otherwise.
 * Only the Swedish catalogue is in the first load; English is fetched when chosen (a few KB the
 * 21 KB budget cannot spare), and text stays Swedish until it has arrived.
 */
import { createRoot, createSignal } from 'solid-js';
import type { ErrorCode } from '../../shared/errors';
import { ERROR_MESSAGE_KEYS, format, LANGUAGES, type Language, type Params } from '../../shared/i18n/format';
import { sv, type MessageKey } from '../../shared/i18n/sv';

type Catalogue = Record<MessageKey, string>;

// The first paint reads it too (first-paint/keys.ts LANG_KEY, the same name; a test keeps them equal):
// a copy is drawn only in the language it was drawn in.
const STORAGE_KEY = 'pulstavlan.lang';

function readStored(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Language) : 'sv';
  } catch {
    // Storage can throw in locked-down browsers; Swedish is the safe default.
    return 'sv';
  }
}

// A root owns the signals so they live for the whole page, outside any component.
const [language, setLanguageSignal] = createRoot(() => createSignal<Language>('sv'));
const [catalogue, setCatalogue] = createRoot(() => createSignal<Catalogue>(sv));
export { language };

async function load(lang: Language): Promise<Catalogue> {
  return lang === 'en' ? (await import('../../shared/i18n/en')).en : sv;
}

/** Switches language once its catalogue is loaded; the choice is remembered on this device. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted: the choice still holds for this visit.
  }
  const next = await load(lang);
  setCatalogue(() => next);
  setLanguageSignal(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const stored = readStored();
if (stored !== 'sv') void setLanguage(stored);

export function t(key: MessageKey, params?: Params): string {
  return format(catalogue()[key], params, language());
}

/** Picks `key.one` or `key.other` by n, and passes n as {n}. */
export function tn(key: string, n: number, params?: Params): string {
  const k = `${key}.${n === 1 ? 'one' : 'other'}`;
  return hasKey(k) ? t(k, { n, ...params }) : String(n);
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

/** A label for a code that may come from a region-defined list: the text if known, else the code. */
export function tOr(key: string, fallback: string): string {
  return hasKey(key) ? t(key) : fallback;
}

/** A known error code: one with a message. Checked against the messages rather than the codes'
 * list (shared/errors.ts), which keeps that module out of the first load. */
const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_MESSAGE_KEYS, code);

/** Plain-language text for an error code, or for any thrown value. */
export function errorText(code: unknown): string {
  if (isErrorCode(code)) return t(ERROR_MESSAGE_KEYS[code]);
  return t('error.unknown', { code: typeof code === 'string' ? code : '?' });
}

/** Text for a caught value: an AppError's code, else the error's name (e.g. QuotaExceededError). */
export function errorOf(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; name?: unknown };
  return errorText(isErrorCode(e.code) ? e.code : typeof e.name === 'string' ? e.name : 'internal');
}

/** Intl locale for dates and numbers in the current language. */
export const locale = (): string => (language() === 'sv' ? 'sv-SE' : 'en-GB');

/** A feature's own texts in both languages; `en` must have exactly the keys of `sv`. */
export interface FeatureTexts<K extends string> {
  readonly sv: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

/**
 * A `t` for one feature's catalogue (src/shared/i18n/features/*.ts). The catalogue ships in the
 * feature's lazy chunk, not in the first load, and follows the same language signal as `t`.
 */
export function createTexts<K extends string>(texts: FeatureTexts<K>): (key: K, params?: Params) => string {
  return (key, params) => format((language() === 'en' ? texts.en : texts.sv)[key], params, language());
}
