/** A message strip with a symbol for its tone (never colour alone) and optional actions. */
import { Show, type JSX } from 'solid-js';

export type BannerTone = 'info' | 'warning' | 'error' | 'success';
// Glyphs present in common system fonts (DejaVu, Segoe UI, SF): no emoji that may show as a box.
const SYMBOL: Record<BannerTone, string> = { info: 'ℹ', warning: '⚠', error: '✗', success: '✓' };

export interface BannerProps {
  tone: BannerTone;
  children: JSX.Element;
  actions?: JSX.Element;
}

export function Banner(props: BannerProps): JSX.Element {
  return (
    <div class={`banner banner-${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      <span class="banner-symbol" aria-hidden="true">
        {SYMBOL[props.tone]}
      </span>
      <div class="banner-text">{props.children}</div>
      <Show when={props.actions}>
        <div class="banner-actions">{props.actions}</div>
      </Show>
    </div>
  );
}
