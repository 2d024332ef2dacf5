/** A row of links that look like tabs; the current one carries aria-current and an underline. */
import { For, type JSX } from 'solid-js';

export interface TabItem {
  href: string;
  label: string;
  current: boolean;
}

export function Tabs(props: { items: readonly TabItem[]; label: string }): JSX.Element {
  return (
    <nav class="tabs" aria-label={props.label}>
      <For each={props.items}>
        {(item) => (
          <a class="tab" href={item.href} aria-current={item.current ? 'page' : undefined}>
            {item.label}
          </a>
        )}
      </For>
    </nav>
  );
}
