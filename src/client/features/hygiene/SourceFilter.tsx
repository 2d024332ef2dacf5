/** Alla / Observationer / Självskattningar: självskattning is a variant, and can be seen apart. */
import { For, type JSX } from 'solid-js';
import { BHK_SOURCES, type BhkSource } from '../../../shared/domain/bhk-period';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { createTexts } from '../../kit/i18n';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

export function SourceFilter(props: { source: BhkSource; link: (source: BhkSource) => string }): JSX.Element {
  return (
    <nav class="source-filter" aria-label={tx('source.label')}>
      <span class="source-label">{tx('source.label')}:</span>
      <For each={BHK_SOURCES}>
        {(s) => (
          <a class="chip" classList={{ 'chip-on': props.source === s }} href={props.link(s)} aria-current={props.source === s ? 'page' : undefined}>
            <span class="chip-mark" aria-hidden="true">
              {props.source === s ? '✓' : ''}
            </span>
            {tx(`source.${s}`)}
          </a>
        )}
      </For>
    </nav>
  );
}
