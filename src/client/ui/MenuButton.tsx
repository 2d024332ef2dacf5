/**
 * The phone menu: one "☰ Meny · <current>" button that opens the full list of screens as rows
 * of at least 48 px, the current one marked with ✓ and aria-current. Closes on choice and Escape.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { TabItem } from './Tabs';

export interface MenuButtonProps {
  items: readonly TabItem[];
  label: string;
  menuText: string;
  closeText: string;
}

export function MenuButton(props: MenuButtonProps): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const current = () => props.items.find((i) => i.current)?.label;
  return (
    <div class="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" class="menu-button" aria-expanded={open()} aria-controls="main-menu" onClick={() => setOpen(!open())}>
        <span aria-hidden="true">{open() ? '✕' : '☰'} </span>
        <span>{open() ? props.closeText : props.menuText}</span>
        <Show when={!open() && current()}>
          <span class="menu-current"> · {current()}</span>
        </Show>
      </button>
      <Show when={open()}>
        <nav id="main-menu" class="menu-panel" aria-label={props.label}>
          <For each={props.items}>
            {(item) => (
              <a class="menu-item" href={item.href} aria-current={item.current ? 'page' : undefined} onClick={() => setOpen(false)}>
                <span class="menu-mark" aria-hidden="true">
                  {item.current ? '✓' : ''}
                </span>
                {item.label}
              </a>
            )}
          </For>
        </nav>
      </Show>
    </div>
  );
}
