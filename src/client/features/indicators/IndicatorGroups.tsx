/** A level's indicators grouped by perspective, each row opening its trend: the list screen and the meeting's Mål och resultat step. */
import { For, type JSX } from 'solid-js';
import type { IndicatorReport } from '../../../shared/indicators-api';
import type { Perspective } from '../../../shared/schema/indicator';
import { language } from '../../kit/i18n';
import { IndicatorRow } from './IndicatorRow';
import { listGroups } from './model';
import { tx } from './texts';

export function IndicatorGroups(props: { report: IndicatorReport; unitId: string; only?: Perspective; trendHref: (key: string) => string }): JSX.Element {
  return (
    <For each={listGroups(props.report, props.unitId, props.only)}>
      {(g) => (
        <section class="ind-group" aria-labelledby={`persp-${g.perspective}`}>
          <h2 id={`persp-${g.perspective}`}>{tx(`perspective.${g.perspective}`)}</h2>
          <ul class="ind-rows">
            <For each={g.rows}>
              {(row) => (
                <li>
                  <IndicatorRow def={row.def} cell={row.cell} href={props.trendHref(row.def.key)} name={language() === 'en' ? row.def.name.en : row.def.name.sv} />
                </li>
              )}
            </For>
          </ul>
        </section>
      )}
    </For>
  );
}
