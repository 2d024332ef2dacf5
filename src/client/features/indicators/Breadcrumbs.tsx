/** Levels from the caller's scope down to the current one, each a link (nothing at the scope itself). */
import { For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { trail } from './model';
import { tx } from './texts';

export function Breadcrumbs(props: { units: readonly TreeUnit[]; scopeId: string; unitId: string; link: (unitId: string) => string }): JSX.Element {
  const up = () => trail(props.units, props.scopeId, props.unitId);
  const here = () => props.units.find((u) => u.id === props.unitId)?.name;
  return (
    <Show when={up().length > 0}>
      <nav class="breadcrumb ind-crumbs" aria-label={tx('breadcrumb')}>
        <For each={up()}>
          {(u) => (
            <>
              <a href={props.link(u.id)}>{u.name}</a>
              <span aria-hidden="true"> › </span>
            </>
          )}
        </For>
        <span aria-current="location">{here()}</span>
      </nav>
    </Show>
  );
}
