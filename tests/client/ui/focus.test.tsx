// @vitest-environment jsdom
/** The shell's focus and announcement helpers (issue 14): heading focus after a screen change, one live region. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announce, announcement, focusHeading } from '../../../src/client/kit/focus';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('focusHeading', () => {
  it('focuses the new main heading once it is rendered, making it focusable', () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main><h1>Gammal</h1></main>';
    const old = document.querySelector('h1');
    focusHeading(old);
    expect(document.activeElement).toBe(document.body); // the old screen's heading is skipped
    document.body.innerHTML = '<main><h1>Ny hygienobservation</h1></main>';
    vi.advanceTimersByTime(100);
    const h = document.querySelector('h1');
    expect(document.activeElement).toBe(h);
    expect(h?.getAttribute('tabindex')).toBe('-1');
  });

  it('leaves the wall screen unfocused: it has nothing to operate', () => {
    document.body.innerHTML = '<main><div class="wall"><h1>Väggskärm</h1></div></main>';
    focusHeading();
    expect(document.activeElement).toBe(document.body);
    expect(document.querySelector('h1')?.hasAttribute('tabindex')).toBe(false);
  });
});

describe('announce', () => {
  it('clears, then sets the message, so the same text is read again', () => {
    vi.useFakeTimers();
    announce('Sparad.');
    expect(announcement()).toBe('');
    vi.advanceTimersByTime(60);
    expect(announcement()).toBe('Sparad.');
    announce('Sparad.');
    expect(announcement()).toBe('');
    vi.advanceTimersByTime(60);
    expect(announcement()).toBe('Sparad.');
  });
});
