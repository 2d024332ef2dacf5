/**
 * The first paint's copy of a board (issue 19): the screen a board last drew, down to its first
 * figure, kept in localStorage so the next open can draw it while the page is still parsing,
 * before the app, the database and the board's chunk have loaded (first-paint/boot.ts, a classic
 * script next to #root). Shared by that script and by the app that writes the copy
 * (kit/first-paint.ts), so both hold the one whitelist. Imports only its keys: the script stays a few KB.
 *
 * Honesty (a copy never shows a figure the app would not show now):
 * - `token`: a value in localStorage moved synchronously before every IndexedDB write that can
 *   change a figure (storage/first-paint-token.ts: a Dexie middleware, and the direct save path).
 *   A copy carries the token read before the read that confirmed it and is drawn only while the
 *   token is unchanged.
 * - `who`: the device credential it was drawn for; signing out or in clears every copy.
 * - `until`: the end of the day it was drawn on (a board's "today", "this month").
 * - `hash` and `lang`: the address and the language it was drawn for.
 *
 * Safety: the copy is data, never markup. It is a tree of tags, attributes and text; drawing it
 * creates elements from a fixed list of tags and sets only attributes from a fixed list whose
 * values match a fixed shape (a class is a list of plain class names, a link a hash route, a style
 * only a grid cell's place), and text is text: never markup parsed from storage. Anything else in storage is dropped. The CSS may not
 * load anything. The drawn copy is inert and hidden from assistive technology.
 */

import { COPY_MAX_MS, COPY_ID, COPY_PREFIX, DROP_EVENT, FIGURE_SELECTOR, LANG_KEY, SHELL_CSS_ATTR, TOKEN_KEY, WHO_KEY } from './keys';

/** A text, or an element: [tag, attributes, ...children]. */
export type Tree = string | [string, Record<string, string>, ...Tree[]];

export interface Copy {
  readonly v: 1;
  readonly who: string;
  readonly token: string;
  /** Epoch ms after which the copy is not drawn (the end of the day it was drawn on). */
  readonly until: number;
  readonly hash: string;
  readonly lang: string;
  readonly unit: string;
  /** The board's own CSS (the shell's stylesheet is in the page already). */
  readonly css: string;
  /** The top bar and the board's `main`, down to and including its first figure. */
  readonly screen: Tree[];
}

const TAGS = new Set('div span p a button nav header main section figure figcaption h1 h2 h3 ul ol li strong em b i br small'.split(' '));
const TEXT = /^[^\u0000-\u001f]{0,400}$/;
const BOOL = /^(?:true|false)$/;
const NAME = /^[\w-]{1,60}$/;
/** Attribute → the shape its value must have. No `on…`, `src`, `id`, `style` but a grid place, no other URL. */
const ATTRS: Record<string, RegExp> = {
  class: /^[A-Za-z][\w-]{0,60}(?: [A-Za-z][\w-]{0,60}){0,15}$/,
  'aria-label': TEXT,
  'aria-current': /^(?:page|location|true)$/,
  'aria-pressed': BOOL,
  'aria-expanded': BOOL,
  'data-testid': NAME,
  'data-key': NAME,
  href: /^#\/[\w/?=&%.,:~+-]{0,300}$/,
  // A cross's day cell: its place in the grid, as Chromium writes it back ("grid-area: 1 / 3;").
  style: /^(?:grid-(?:row|column|area): ?\d{1,2}(?: \/ \d{1,2})?;? ?){1,2}$/,
  type: /^button$/,
  disabled: /^$/,
};
/** CSS that could load anything is refused (the board's CSS never does; the CSP keeps loads on
 * our own origin anyway). */
const UNSAFE_CSS = /url\s*\(|image-set|@import|expression|javascript:|<\//i;

export const allowedTag = (tag: unknown): tag is string => TAGS.has(tag as string);
export const allowedAttr = (name: string, value: unknown): value is string => typeof value === 'string' && Object.hasOwn(ATTRS, name) && (ATTRS[name] as RegExp).test(value);
export const safeCss = (css: unknown): css is string => typeof css === 'string' && !UNSAFE_CSS.test(css);

/** The copy for this address if it may be drawn now, else null. Never throws. */
export function readCopy(store: Storage, hash: string, now: number): Copy | null {
  try {
    const who = store.getItem(WHO_KEY);
    const token = store.getItem(TOKEN_KEY);
    const c = JSON.parse(store.getItem(COPY_PREFIX + who + ':' + hash) ?? '0') as Partial<Copy> | 0;
    const lang = store.getItem(LANG_KEY) === 'en' ? 'en' : 'sv';
    return c && c.v === 1 && who !== null && c.who === who && c.token === token && c.hash === hash && c.lang === lang && now < (c.until as number) && safeCss(c.css) && Array.isArray(c.screen)
      ? (c as Copy)
      : null;
  } catch {
    return null;
  }
}

/** Builds `trees` under `parent` with the whitelist; what is not allowed is left out. */
export function build(doc: Document, parent: Element, trees: readonly unknown[], depth = 0): void {
  for (const node of trees) {
    if (typeof node === 'string') parent.append(doc.createTextNode(node));
    else if (Array.isArray(node) && depth < 40 && allowedTag(node[0])) {
      const el = doc.createElement(node[0]);
      for (const [name, value] of Object.entries((node[1] ?? {}) as object)) if (allowedAttr(name, value)) el.setAttribute(name, value);
      build(doc, el, node.slice(2), depth + 1);
      parent.append(el);
    }
  }
}

/**
 * Draws the copy for `hash` beside #root, hides #root while it stands, and takes it away as soon
 * as #root holds its own first figure, on DROP_EVENT, on a change of address or after
 * COPY_MAX_MS. Marks the stylesheets already in the page as the shell's. Returns the drawn
 * element, or null when there is no copy to draw. Never throws.
 */
export function drawFirstPaint(win: Window, hash: string, now: number): HTMLElement | null {
  try {
    const doc = win.document;
    for (const link of doc.querySelectorAll('link[rel="stylesheet"], style')) link.setAttribute(SHELL_CSS_ATTR, '');
    const root = doc.getElementById('root');
    const copy = readCopy(win.localStorage, hash, now);
    if (root === null || copy === null) return null;
    const box = doc.createElement('div');
    box.id = COPY_ID;
    box.setAttribute('inert', '');
    box.setAttribute('aria-hidden', 'true');
    const style = doc.createElement('style');
    style.textContent = copy.css;
    const app = doc.createElement('div');
    app.className = 'app';
    build(doc, app, copy.screen);
    box.append(style, app);
    root.after(box);
    root.style.display = 'none';
    const remove = (): void => {
      observer.disconnect();
      clearTimeout(timer);
      doc.removeEventListener(DROP_EVENT, remove);
      win.removeEventListener('hashchange', remove);
      box.remove();
      root.style.removeProperty('display');
    };
    const observer = new MutationObserver(() => root.querySelector(FIGURE_SELECTOR) && remove());
    const timer = setTimeout(remove, COPY_MAX_MS);
    observer.observe(root, { childList: true, subtree: true });
    doc.addEventListener(DROP_EVENT, remove);
    win.addEventListener('hashchange', remove);
    return box;
  } catch {
    return null;
  }
}
