/**
 * Focus and announcements across screen changes (WCAG 2.4.3, 4.1.3): after a navigation the new
 * screen's heading takes focus, so a keyboard or screen-reader user starts on the new screen and
 * not on the page body; `announce` speaks a short message (a save) through the shell's one live
 * region, which exists before the message does and so is read reliably.
 */
import { createRoot, createSignal } from 'solid-js';

const [message, setMessage] = createRoot(() => createSignal(''));
export const announcement = message;

/** Reads `text` out in the polite live region (cleared first, so the same text is read again). */
export function announce(text: string): void {
  setMessage('');
  setTimeout(() => setMessage(text), 50);
}

/**
 * Moves focus to the main heading once the screen has rendered it (lazy screens arrive a moment
 * later); gives up after a few seconds. `previous` is the heading before the change, skipped
 * while still in the page.
 */
export function focusHeading(previous: Element | null = null, tries = 40): void {
  const h = document.querySelector<HTMLElement>('main h1');
  if (h && (h !== previous || !previous?.isConnected)) {
    // The wall screen is read from across the room and has nothing to operate: left unfocused.
    if (h.closest('.wall')) return;
    if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
    h.focus();
    return;
  }
  if (tries > 0) setTimeout(() => focusHeading(previous, tries - 1), 75);
}
