/**
 * The app's side of the first paint (issue 19; first-paint/copy.ts): a board keeps a copy of the
 * screen it drew, which the next open draws before the app has loaded.
 *
 * A board calls keepFirstPaint with the values its first screen is drawn from, as shown, and a
 * way to read the same values afresh. Some time after they last changed (or after the token
 * moved, in this tab or another), it reads the token, reads the values again, and only if they
 * equal what is shown does it save the screen, with that token: so the copy equals what a read
 * at that token gives, and any write after it voids the copy (storage/first-paint-token.ts).
 * This is a layer beside the board, never in its way: it changes nothing the board shows and
 * nothing about how its live queries follow writes.
 */
import { createEffect, onCleanup, untrack, type Accessor } from 'solid-js';
import { localDate } from '../../shared/domain/periods';
import { allowedAttr, allowedTag, safeCss, type Copy, type Tree } from '../first-paint/copy';
import { COPY_ID, COPY_PREFIX, DROP_EVENT, FIGURE_SELECTOR, SHELL_CSS_ATTR, WHO_KEY } from '../first-paint/keys';
import { onTokenMoved, readToken } from '../storage/first-paint-token';
import { pageNow } from './clock';
import { useSession } from './context';
import { language } from './i18n';
import { parseHash, route } from './router';
import { SEGMENTS, screenFor, type ScreenName } from './screens';

/** How long the shown values must stay unchanged before a copy is taken. */
export const SETTLE_MS = 300;
/** Copies kept per session: the boards' own addresses, and a few periods or units besides. */
export const MAX_COPIES = 6;
/** Under the session's prefix, the addresses of its copies, last saved first (never an address: those start with #). */
const ORDER = 'order';
const HOUR_MS = 3_600_000;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Takes the drawn copy away now (the app will not draw the figure it stands for). */
export function dropFirstPaint(): void {
  if (typeof document !== 'undefined') document.dispatchEvent(new Event(DROP_EVENT));
}

/**
 * The session the app runs under (its device credential), or null when signed out: a new one
 * clears every other session's copies, signing out clears all and takes a drawn copy away.
 */
export function noteSession(deviceId: string | null): void {
  const store = storage();
  if (deviceId === null) dropFirstPaint();
  if (store === null) return;
  try {
    if (deviceId !== null && store.getItem(WHO_KEY) === deviceId) return;
    const keep = deviceId === null ? null : `${COPY_PREFIX}${deviceId}:`;
    for (let i = store.length - 1; i >= 0; i--) {
      const key = store.key(i);
      if (key !== null && key.startsWith(COPY_PREFIX) && (keep === null || !key.startsWith(keep))) store.removeItem(key);
    }
    if (deviceId === null) store.removeItem(WHO_KEY);
    else store.setItem(WHO_KEY, deviceId);
  } catch {
    // Storage refused: without a who no copy is drawn.
  }
}

export interface KeepOptions {
  /** The board's screen: a copy is kept only while the address is that screen itself (its
   * segment, or none when it is the caller's home), not a sub-page or a board shown inside
   * another screen (the meeting's steps). */
  screen: 'hygiene' | 'safety' | 'indicators';
  /** The unit the board shows. */
  unitId: Accessor<string>;
  /** The values the first screen is drawn from, as shown now; undefined while not all are there. */
  shown: Accessor<readonly unknown[] | undefined>;
  /** The same values read afresh from the database, in the same order. */
  reread: () => Promise<readonly unknown[]>;
  /** False while the screen shows what a fresh open would not (a chosen day). */
  clean?: Accessor<boolean>;
  /** Elements the copy leaves out because a fresh open would not show them (a message after a save). */
  skip?: string;
}

/** Keeps a copy of the board's first screen for the next open; call it in the board's component. */
export function keepFirstPaint(opts: KeepOptions): void {
  const session = useSession();
  const clean = () => opts.clean?.() ?? true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round = 0;
  let alive = true;
  const schedule = () => {
    clearTimeout(timer);
    const mine = ++round;
    timer = setTimeout(() => void save(mine), SETTLE_MS);
  };
  createEffect(() => {
    opts.shown();
    clean();
    route(); // another period or filter: a copy for that address too
    schedule();
  });
  const off = onTokenMoved(schedule);
  onCleanup(() => {
    alive = false;
    clearTimeout(timer);
    off();
  });

  async function save(mine: number): Promise<void> {
    const store = storage();
    const hash = location.hash;
    const who = store?.getItem(WHO_KEY) ?? null;
    if (store === null || who === null || who !== untrack(session).deviceId) return;
    if (!isOwnScreen(hash, opts.screen, untrack(session).identity)) return;
    if (untrack(opts.shown) === undefined || !untrack(clean)) return;
    // The token first, then the read: a write after this moment voids the copy.
    const token = readToken();
    if (token === null) return;
    let fresh: readonly unknown[];
    try {
      fresh = await opts.reread();
    } catch {
      return;
    }
    if (!alive || mine !== round || location.hash !== hash) return;
    const shown = untrack(opts.shown);
    if (shown === undefined || !untrack(clean) || !sameValues(shown, fresh)) return;
    const root = document.getElementById('root');
    const screen = root === null ? null : serializeScreen(root, opts.skip);
    if (root === null || screen === null) return;
    const copy: Copy = {
      v: 1,
      who,
      token,
      until: endOfDay(untrack(pageNow)),
      hash,
      lang: untrack(language),
      unit: untrack(opts.unitId),
      css: boardCss(document, root),
      screen,
    };
    if (!safeCss(copy.css)) return;
    putCopy(store, `${COPY_PREFIX}${who}:`, hash, JSON.stringify(copy));
  }
}

/**
 * Stores a copy and keeps only the MAX_COPIES addresses saved last (each is tens of KB, and a
 * manager may page through many units and periods). When storage is full, the others go first.
 */
export function putCopy(store: Storage, prefix: string, hash: string, text: string): void {
  const key = prefix + hash;
  try {
    let order: string[] = [];
    try {
      order = (JSON.parse(store.getItem(`${prefix}${ORDER}`) ?? '[]') as string[]).filter((h) => h !== hash);
    } catch {
      // A damaged list: start a new one.
    }
    order.unshift(hash);
    for (const old of order.splice(MAX_COPIES)) store.removeItem(prefix + old);
    store.setItem(`${prefix}${ORDER}`, JSON.stringify(order));
    try {
      store.setItem(key, text);
    } catch {
      for (const old of order.slice(1)) store.removeItem(prefix + old);
      store.setItem(`${prefix}${ORDER}`, JSON.stringify([hash]));
      store.setItem(key, text);
    }
  } catch {
    // Storage full or refused: the next open draws without a copy.
  }
}

/** Whether `hash` shows `screen` itself: its segment alone, or nothing when it is the home screen. */
export function isOwnScreen(hash: string, screen: ScreenName, identity: Parameters<typeof screenFor>[1]): boolean {
  const { path } = parseHash(hash);
  return path.length <= 1 && screenFor(path[0], identity) === screen && (path[0] === undefined || path[0] === SEGMENTS[screen]);
}

/** Plain data compared by its JSON (rows and settings read from IndexedDB). */
export function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * The end of the day `now` lies in, in Europe/Stockholm (a board's "today") and on the device's
 * clock (times are shown as "14:32" on the same day), whichever comes first.
 */
export function endOfDay(now: number): number {
  const d = new Date(now);
  const local = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  const day = localDate(now);
  // Stockholm's midnight is on a whole UTC hour.
  let next = Math.ceil((now + 1) / HOUR_MS) * HOUR_MS;
  while (next < now + 26 * HOUR_MS && localDate(next) === day) next += HOUR_MS;
  return Math.min(local, next);
}

/**
 * The screen under #root as the copy keeps it: the top bar, and `main` down to and including its
 * first figure, through the whitelist. Null when there is no figure, the menu is open, or the
 * figure lies in something the whitelist leaves out.
 */
export function serializeScreen(root: Element, skip?: string): Tree[] | null {
  const figure = root.querySelector(FIGURE_SELECTOR);
  const main = figure?.closest('main');
  const head = root.querySelector('header.topbar');
  if (figure == null || main == null || head === null || head.querySelector('[aria-expanded="true"]') !== null) return null;
  const headTree = elementTree(head, null, skip);
  const mainTree = elementTree(main, figure, skip);
  return headTree === null || mainTree === null ? null : [headTree, mainTree];
}

/**
 * The children of `el` (but those matching `skip`); with `figure`, only up to the branch that
 * holds it (null if none does).
 */
function childTrees(el: Element, figure: Element | null, skip: string | undefined): Tree[] | null {
  const out: Tree[] = [];
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) {
      out.push((node as Text).data);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    const holds = figure !== null && child.contains(figure);
    if (skip !== undefined && child.matches(skip)) {
      if (holds) return null;
      continue;
    }
    const tree = elementTree(child, holds && child !== figure ? figure : null, skip);
    if (tree === null) {
      if (holds) return null;
      continue;
    }
    out.push(tree);
    if (holds) return out;
  }
  return figure === null ? out : null;
}

function elementTree(el: Element, figure: Element | null, skip: string | undefined): Tree | null {
  const tag = el.localName;
  if (!allowedTag(tag)) return null;
  const attrs: Record<string, string> = {};
  for (const a of Array.from(el.attributes)) {
    const value = a.name === 'class' ? a.value.trim().split(/\s+/).join(' ') : a.value;
    if (allowedAttr(a.name, value)) attrs[a.name] = value;
  }
  const kids = childTrees(el, figure, skip);
  return kids === null ? null : [tag, attrs, ...kids];
}

/**
 * The CSS the copy needs beyond the shell's: every stylesheet the app loaded after the page
 * (the board's chunk's) with a rule that applies under #root.
 */
export function boardCss(doc: Document, root: Element): string {
  let css = '';
  for (const sheet of Array.from(doc.styleSheets)) {
    const owner = sheet.ownerNode;
    if (!(owner instanceof Element) || owner.hasAttribute(SHELL_CSS_ATTR) || owner.closest(`#${COPY_ID}`) !== null) continue;
    let rules: CSSRule[];
    try {
      rules = Array.from(sheet.cssRules);
    } catch {
      continue;
    }
    if (rules.some((rule) => applies(rule, root))) css += `${rules.map((r) => r.cssText).join('\n')}\n`;
  }
  return css;
}

function applies(rule: CSSRule, root: Element): boolean {
  const selector = (rule as CSSStyleRule).selectorText;
  if (typeof selector !== 'string') return false;
  try {
    return root.querySelector(selector.replace(/::?[\w-]+(\([^)]*\))?/g, '')) !== null;
  } catch {
    return false;
  }
}
