// @vitest-environment jsdom
/**
 * The first paint (issue 19): the copy a board keeps (kit/first-paint.ts) and the classic
 * script's drawing of it (first-paint/copy.ts). A copy is drawn only for the session, token,
 * address, language and day it was taken in; what is drawn goes through the whitelist (stored
 * markup never runs); it is inert and goes as soon as the live app has its own figure.
 */
import { cleanup, render } from '@solidjs/testing-library';
import { createSignal, type JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src/client/auth/session';
import { drawFirstPaint, readCopy, type Copy, type Tree } from '../../src/client/first-paint/copy';
import { COPY_ID, COPY_MAX_MS, COPY_PREFIX, DROP_EVENT, LANG_KEY, TOKEN_KEY, WHO_KEY } from '../../src/client/first-paint/keys';
import { AppContext, type AppServices } from '../../src/client/kit/context';
import { endOfDay, isOwnScreen, keepFirstPaint, MAX_COPIES, noteSession, putCopy, serializeScreen, SETTLE_MS } from '../../src/client/kit/first-paint';
import { moveToken, readToken } from '../../src/client/storage/first-paint-token';
import { Figure } from '../../src/client/ui/Figure';
import type { Identity } from '../../src/shared/api';

const WHO = '0190a0b0-c0d0-7e00-8000-000000000002';
const NOW = Date.parse('2026-11-20T08:00:00Z');
const IDENTITY = { deviceId: WHO, kind: 'tablet', role: 'staff', scopeUnitId: 'avd-21', accountId: null, username: null, displayName: 'Avd 21' } as Identity;

const FIGURE: Tree = ['div', { class: 'figure figure-big', 'data-testid': 'figure' }, ['div', { class: 'figure-label' }, 'Totalt november'], ['div', { class: 'figure-value' }, '83 %']];

function copyOf(over: Partial<Copy> = {}): Copy {
  return {
    v: 1,
    who: WHO,
    token: readToken() as string,
    until: NOW + 3_600_000,
    hash: '#/hygien',
    lang: 'sv',
    unit: 'avd-21',
    css: '.board { display: grid; }',
    screen: [
      ['header', { class: 'topbar' }, ['span', { class: 'brand' }, 'Pulstavlan']],
      ['main', { class: 'content' }, ['div', { class: 'screen' }, ['h1', {}, 'Hygien'], FIGURE]],
    ],
    ...over,
  };
}

function store(copy: Copy, key = `${COPY_PREFIX}${copy.who}:${copy.hash}`): void {
  localStorage.setItem(key, JSON.stringify(copy));
}

function page(): HTMLElement {
  document.body.innerHTML = '<div id="root"></div>';
  return document.getElementById('root') as HTMLElement;
}

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(WHO_KEY, WHO);
  document.body.innerHTML = '';
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('drawing the copy (the classic script)', () => {
  it('draws the copy beside #root, inert and hidden from assistive technology, and hides #root meanwhile', () => {
    const root = page();
    store(copyOf());
    const box = drawFirstPaint(window, '#/hygien', NOW);
    expect(box?.id).toBe(COPY_ID);
    expect(box?.hasAttribute('inert')).toBe(true);
    expect(box?.getAttribute('aria-hidden')).toBe('true');
    expect(root.nextElementSibling).toBe(box);
    expect(root.style.display).toBe('none');
    const figure = box?.querySelector('main [data-testid="figure"]');
    expect(figure?.textContent).toBe('Totalt november83 %');
    expect(box?.querySelector('header.topbar .brand')?.textContent).toBe('Pulstavlan');
    expect(box?.querySelector('style')?.textContent).toBe('.board { display: grid; }');
  });

  it('goes as soon as the live app has its own figure, and #root shows again', async () => {
    const root = page();
    store(copyOf());
    drawFirstPaint(window, '#/hygien', NOW);
    root.innerHTML = '<div class="app"><main class="content"><p>Laddar…</p></main></div>';
    await Promise.resolve();
    expect(document.getElementById(COPY_ID)).not.toBeNull();
    root.querySelector('main')?.insertAdjacentHTML('beforeend', '<div data-testid="figure">83 %</div>');
    await Promise.resolve();
    expect(document.getElementById(COPY_ID)).toBeNull();
    expect(root.style.display).toBe('');
  });

  it('goes when the app says no figure is coming, when the address changes, and after its time', () => {
    vi.useFakeTimers();
    for (const end of [() => document.dispatchEvent(new Event(DROP_EVENT)), () => window.dispatchEvent(new Event('hashchange')), () => vi.advanceTimersByTime(COPY_MAX_MS)]) {
      const root = page();
      store(copyOf());
      expect(drawFirstPaint(window, '#/hygien', NOW)).not.toBeNull();
      end();
      expect(document.getElementById(COPY_ID)).toBeNull();
      expect(root.style.display).toBe('');
    }
  });

  it('is not drawn once the token has moved (a write after the copy): a stale copy never shows', () => {
    page();
    store(copyOf());
    moveToken();
    expect(drawFirstPaint(window, '#/hygien', NOW)).toBeNull();
    expect(document.getElementById(COPY_ID)).toBeNull();
    expect(document.getElementById('root')?.style.display).toBe('');
  });

  it("is not drawn for another session, address, language or day, nor someone else's copy under this session's key", () => {
    page();
    store(copyOf());
    expect(readCopy(localStorage, '#/hygien', NOW)).not.toBeNull();
    expect(readCopy(localStorage, '#/hygien?unit=avd-22', NOW)).toBeNull();
    expect(readCopy(localStorage, '#/hygien', NOW + 3_600_000)).toBeNull();
    localStorage.setItem('pulstavlan.lang', 'en');
    expect(readCopy(localStorage, '#/hygien', NOW)).toBeNull();
    localStorage.removeItem('pulstavlan.lang');
    // Another person's copy written under this session's key is still theirs.
    store(copyOf({ who: 'someone-else' }), `${COPY_PREFIX}${WHO}:#/hygien`);
    expect(readCopy(localStorage, '#/hygien', NOW)).toBeNull();
    store(copyOf());
    localStorage.setItem(WHO_KEY, 'someone-else');
    expect(readCopy(localStorage, '#/hygien', NOW)).toBeNull();
    localStorage.removeItem(WHO_KEY);
    expect(drawFirstPaint(window, '#/hygien', NOW)).toBeNull();
  });

  it('signing out clears every copy; another session clears the others', () => {
    store(copyOf());
    store(copyOf({ who: 'other' }));
    localStorage.setItem(WHO_KEY, 'other');
    noteSession(WHO);
    expect(localStorage.getItem(WHO_KEY)).toBe(WHO);
    expect(localStorage.getItem(`${COPY_PREFIX}${WHO}:#/hygien`)).not.toBeNull();
    expect(localStorage.getItem(`${COPY_PREFIX}other:#/hygien`)).toBeNull();
    noteSession('next-device');
    expect(localStorage.getItem(WHO_KEY)).toBe('next-device');
    expect(localStorage.getItem(`${COPY_PREFIX}${WHO}:#/hygien`)).toBeNull();
    store(copyOf({ who: 'next-device' }));
    noteSession(null);
    expect(localStorage.getItem(WHO_KEY)).toBeNull();
    expect(Object.keys(localStorage).filter((k) => k.startsWith(COPY_PREFIX))).toEqual([]);
  });

  it('never runs stored markup: tags, attributes and values outside the whitelist are dropped, text stays text', () => {
    page();
    const evil: Tree[] = [
      ['script', {}, 'window.__pwned = 1'],
      ['img', { src: 'x', onerror: 'window.__pwned = 2' }],
      ['iframe', { srcdoc: '<script>window.__pwned = 3</script>' }],
      ['a', { href: 'javascript:window.__pwned = 4', onclick: 'window.__pwned = 5', class: 'btn' }, 'Länk'],
      ['div', { class: 'x" onmouseover="y', style: 'background: url(https://evil.example/)', id: 'root' }, '<img src=x onerror="window.__pwned = 6">'],
      ['svg', {}, ['script', {}, 'window.__pwned = 7']],
      FIGURE,
    ];
    store(copyOf({ screen: [['main', { class: 'content', id: 'innehall', onclick: 'window.__pwned = 8' }, ...evil]] }));
    const box = drawFirstPaint(window, '#/hygien', NOW) as HTMLElement;
    const main = box.querySelector('main') as HTMLElement;
    expect(main.getAttribute('class')).toBe('content');
    expect(main.hasAttribute('id') || main.hasAttribute('onclick')).toBe(false);
    expect(main.querySelectorAll('script, img, iframe, svg')).toHaveLength(0);
    for (const el of Array.from(main.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name).toMatch(/^(class|data-testid)$/);
    }
    const link = main.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBeNull();
    expect(link.className).toBe('btn');
    expect(main.textContent).toContain('<img src=x onerror="window.__pwned = 6">');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(main.querySelector('[data-testid="figure"]')?.textContent).toBe('Totalt november83 %');
  });

  it('reads the language where the app keeps it', async () => {
    const { setLanguage } = await import('../../src/client/kit/i18n');
    await setLanguage('en');
    expect(localStorage.getItem(LANG_KEY)).toBe('en');
    await setLanguage('sv');
    expect(localStorage.getItem(LANG_KEY)).toBe('sv');
  });

  it("keeps a cross cell's place in the grid and no other style", () => {
    page();
    const cells: Tree[] = ['grid-row: 1; grid-column: 3;', 'grid-area: 7 / 5;', 'grid-area: 1 / 3; background: red;', 'position: fixed; inset: 0;'].map((style) => ['div', { class: 'cell', style }]);
    store(copyOf({ screen: [['main', {}, ['div', { class: 'cross' }, ...cells]]] }));
    const box = drawFirstPaint(window, '#/hygien', NOW) as HTMLElement;
    expect(Array.from(box.querySelectorAll('.cell'), (c) => c.getAttribute('style'))).toEqual(['grid-row: 1; grid-column: 3;', 'grid-area: 7 / 5;', null, null]);
  });

  it('refuses a copy whose CSS could load or run anything', () => {
    page();
    for (const css of ['.a { background: url(https://evil.example/) }', '.a { background: image-set("https://evil.example/" 1x) }', '@import "x.css";', '.a { width: expression(alert(1)) }']) {
      store(copyOf({ css }));
      expect(drawFirstPaint(window, '#/hygien', NOW)).toBeNull();
    }
  });
});

describe('keeping the copy (the board)', () => {
  const session: Session = { deviceId: WHO, identity: IDENTITY };
  const services = { session: () => session } as unknown as AppServices;

  /** A board: header, main, one Figure from `value`; keeps its copy with `reread`. */
  function Board(props: { value: () => number | undefined; reread: () => Promise<readonly unknown[]>; clean?: () => boolean }): JSX.Element {
    keepFirstPaint({
      screen: 'hygiene',
      unitId: () => 'avd-21',
      shown: () => {
        const v = props.value();
        return v === undefined ? undefined : [v];
      },
      reread: props.reread,
      ...(props.clean ? { clean: props.clean } : {}),
    });
    return (
      <div class="app">
        <header class="topbar">
          <span class="brand">Pulstavlan</span>
        </header>
        <main class="content">
          <h1>Hygien</h1>
          {props.value() !== undefined && <Figure label="Totalt" pct={props.value() ?? null} n={12} tooFew={false} />}
          <p>Efter figuren</p>
        </main>
      </div>
    );
  }

  function mount(value: () => number | undefined, reread: () => Promise<readonly unknown[]>, clean?: () => boolean) {
    location.hash = '#/hygien';
    const root = page();
    render(
      () => (
        <AppContext.Provider value={services}>
          <Board value={value} reread={reread} {...(clean ? { clean } : {})} />
        </AppContext.Provider>
      ),
      { container: root },
    );
    return root;
  }

  const saved = (): Copy | null => {
    const raw = localStorage.getItem(`${COPY_PREFIX}${WHO}:#/hygien`);
    return raw === null ? null : (JSON.parse(raw) as Copy);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));

  it('saves the screen down to its first figure with the token read before the confirming read', async () => {
    const [value] = createSignal<number | undefined>(83);
    let tokenAtRead: string | null = null;
    mount(value, async () => {
      tokenAtRead = localStorage.getItem(TOKEN_KEY);
      return [83];
    });
    await settle();
    const copy = saved();
    expect(copy?.token).toBe(tokenAtRead);
    expect(copy?.hash).toBe('#/hygien');
    expect(JSON.stringify(copy?.screen)).toContain('83');
    expect(JSON.stringify(copy?.screen)).not.toContain('Efter figuren');
    expect(copy?.screen[0]).toEqual(['header', { class: 'topbar' }, ['span', { class: 'brand' }, 'Pulstavlan']]);
    // What it saved is what the classic script draws, figure for figure.
    const live = document.querySelector('#root [data-testid="figure"]')?.outerHTML;
    const box = drawFirstPaint(window, '#/hygien', Date.now());
    expect(box?.querySelector('[data-testid="figure"]')?.outerHTML).toBe(live);
  });

  it('saves nothing while what is shown differs from a fresh read (a write not yet shown), nor while unclean', async () => {
    const [value] = createSignal<number | undefined>(83);
    mount(value, async () => [84]);
    await settle();
    expect(saved()).toBeNull();
    const [clean] = createSignal(false);
    mount(value, async () => [83], clean);
    await settle();
    expect(saved()).toBeNull();
  });

  it('after a write the old copy is void, and a new one is taken at the new token once the board shows it', async () => {
    const [value, setValue] = createSignal<number | undefined>(83);
    let stored = 83;
    mount(value, async () => [stored]);
    await settle();
    const first = saved();
    expect(first).not.toBeNull();
    // A write: the token moves before it, the board follows it a moment later.
    moveToken();
    stored = 90;
    expect(readCopy(localStorage, '#/hygien', Date.now())).toBeNull();
    await settle();
    expect(saved()?.token).toBe(first?.token);
    setValue(90);
    await settle();
    expect(saved()?.token).toBe(readToken());
    expect(readCopy(localStorage, '#/hygien', Date.now())).not.toBeNull();
    expect(JSON.stringify(saved()?.screen)).toContain('90');
  });

  it('keeps the copies of the last few addresses only', () => {
    const prefix = `${COPY_PREFIX}${WHO}:`;
    for (let i = 1; i <= MAX_COPIES + 2; i++) putCopy(localStorage, prefix, `#/hygien?period=2026-0${i}`, `copy ${i}`);
    putCopy(localStorage, prefix, '#/hygien?period=2026-03', 'copy 3 again');
    const kept = Object.keys(localStorage).filter((k) => k.startsWith(`${prefix}#`)).sort();
    expect(kept).toHaveLength(MAX_COPIES);
    expect(kept).not.toContain(`${prefix}#/hygien?period=2026-01`);
    expect(kept).not.toContain(`${prefix}#/hygien?period=2026-02`);
    expect(localStorage.getItem(`${prefix}#/hygien?period=2026-03`)).toBe('copy 3 again');
    expect(localStorage.getItem(`${prefix}#/hygien?period=2026-08`)).toBe('copy 8');
  });

  it('keeps copies only of the board itself: not of its sub-pages, nor of a board inside another screen', () => {
    expect(isOwnScreen('#/hygien', 'hygiene', IDENTITY)).toBe(true);
    expect(isOwnScreen('#/hygien?period=2026-10', 'hygiene', IDENTITY)).toBe(true);
    expect(isOwnScreen('', 'hygiene', IDENTITY)).toBe(true); // a tablet's home
    expect(isOwnScreen('', 'indicators', IDENTITY)).toBe(false);
    expect(isOwnScreen('#/hygien/observation', 'hygiene', IDENTITY)).toBe(false);
    expect(isOwnScreen('#/mote', 'hygiene', IDENTITY)).toBe(false);
  });

  it('a copy is good until the end of its day, in Stockholm and on the device', () => {
    const until = endOfDay(NOW);
    expect(until).toBeGreaterThan(NOW);
    expect(until - NOW).toBeLessThanOrEqual(24 * 3_600_000);
    expect(new Date(until - 1).getDate()).toBe(new Date(NOW).getDate());
  });

  it('leaves out what a fresh open would not show (the message after a save)', () => {
    const root = page();
    root.innerHTML =
      '<div class="app"><header class="topbar"></header><main><div class="board"><div class="banner banner-success">Sparad.</div><div class="banner banner-warning">2 kvar</div><div data-testid="figure">1</div><p>Efter</p></div></main></div>';
    const screen = JSON.stringify(serializeScreen(root, '.board > .banner-success'));
    expect(screen).not.toContain('Sparad.');
    expect(screen).toContain('2 kvar');
    expect(screen).not.toContain('Efter');
  });

  it('serializes nothing without a figure, or with the menu open', () => {
    const root = page();
    root.innerHTML = '<div class="app"><header class="topbar"><button aria-expanded="true">Meny</button></header><main><div data-testid="figure">1</div></main></div>';
    expect(serializeScreen(root)).toBeNull();
    root.innerHTML = '<div class="app"><header class="topbar"></header><main><p>Laddar…</p></main></div>';
    expect(serializeScreen(root)).toBeNull();
  });
});
