/**
 * The meeting's "Mål och resultat" step: the unit's indicators for this month, large (value,
 * target, status, trend), each opening its trend; the same report the Mål och resultat screen
 * shows, from the server or, offline, from the device (its own lazy chunk).
 */
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../../shared/domain/rollup';
import { errorOf, language, t } from '../../../app/i18n';
import { href } from '../../../app/router';
import { Banner } from '../../../ui/Banner';
import { IndicatorRow } from '../../indicators/IndicatorRow';
import { DataFrom, Legend } from '../../indicators/Marks';
import { listGroups } from '../../indicators/model';
import { tx } from '../../indicators/texts';
import { useReport } from '../../indicators/use-report';
import '../../indicators/indicators.css';

export default function GoalsStep(props: { unit: TreeUnit; units: readonly TreeUnit[]; month: string }): JSX.Element {
  const res = useReport(() => ({ units: props.units, rootId: props.unit.id, period: props.month }));
  const report = () => (res.state === 'ready' ? res() : undefined);
  return (
    <div class="ind-list goals-step">
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={report()}>
          {(r) => (
            <>
              <DataFrom source={r().source} computedAt={r().res.computedAt} />
              <Show when={r().res.defs.length > 0} fallback={<p class="muted">{tx('noIndicators')}</p>}>
                <For each={listGroups(r().res, props.unit.id)}>
                  {(g) => (
                    <section class="ind-group">
                      <h3>{tx(`perspective.${g.perspective}`)}</h3>
                      <ul class="ind-rows">
                        <For each={g.rows}>
                          {(row) => (
                            <li>
                              <IndicatorRow
                                def={row.def}
                                cell={row.cell}
                                href={href(['mal', 'trend'], { unit: props.unit.id, key: row.def.key })}
                                name={language() === 'en' ? row.def.name.en : row.def.name.sv}
                              />
                            </li>
                          )}
                        </For>
                      </ul>
                    </section>
                  )}
                </For>
              </Show>
              <Legend />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
