/**
 * The first paint's names (issue 19; copy.ts): plain constants, so the shell, the database's
 * token middleware and the classic script can share them without pulling in anything else.
 */

/** The live board's first figure; also what bench item 7 waits for. */
export const FIGURE_SELECTOR = 'main [data-testid="figure"], main .cross, main .ind-rows';
export const TOKEN_KEY = 'pulstavlan.fp.token';
export const WHO_KEY = 'pulstavlan.fp.who';
/** A copy's key is this plus the device credential and the address: `pulstavlan.fp:<who>:<hash>`. */
export const COPY_PREFIX = 'pulstavlan.fp:';
/** kit/i18n.ts keeps the language under this key (Swedish when unset). */
export const LANG_KEY = 'pulstavlan.lang';
/** The drawn copy's element id. */
export const COPY_ID = 'first-paint';
/** Dispatched on document by the app when it will not draw a figure the copy stands for. */
export const DROP_EVENT = 'pulstavlan:first-paint-drop';
/** The copy goes by itself after this long, whatever the app does. */
export const COPY_MAX_MS = 10_000;
/** Stylesheets that were in the page before the app ran (the shell's) carry this attribute. */
export const SHELL_CSS_ATTR = 'data-fp-shell';
