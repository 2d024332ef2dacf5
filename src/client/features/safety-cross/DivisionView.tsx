/**
 * A manager's Gröna korset for a VO or division (#/korset?unit=<level>&month=…): every unit's
 * cross as small multiples that fit one tablet or phone screen, then the level's own cross (worst
 * colour per day across units, with how many units filled each day), completeness and events by
 * category.
 * Data from GET /api/rollup/safety; without the server, the same shared function runs on the
 * device's facts and a banner says it may be incomplete.
 */
import { createResource, For, Match, Show, Switch, type JSX } from 'solid-js';
import { expandSafetyRollup, PackedSafetyRollupResponse, SafetyRollupResponse } from '../../../shared/api-safety';
import { localDate } from '../../../shared/domain/periods';
import { safetyRollupOf } from '../../../shared/domain/safety-rollup';
import { serverElseDevice } from '../../api/fallback';
import { useApp } from '../../kit/context';
import { askServerAgain, settled } from '../../primitives';
import { formatMonth } from '../../kit/format';
import { errorOf, t } from '../../kit/i18n';
import { href } from '../../kit/router';
import { listUnits } from '../../storage/org-repo';
import { deviceFacts } from '../../storage/device-facts';
import { Banner } from '../../ui/Banner';
import { Cross } from './Cross';
import { divisionModel } from './division-model';
import { Legend } from './Legend';
import { MonthPicker } from './MonthPicker';
import { MonthSummary } from './MonthSummary';
import { tx } from './texts';

export function DivisionView(props: { rootId: string; month: string; thisMonth: string }): JSX.Element {
  const { api, db, sync } = useApp();
  const { rootId, month } = props;
  const offlineRollup = async (): Promise<SafetyRollupResponse> => {
    const units = await listUnits(db);
    const today = localDate(Date.now());
    const nodes = await safetyRollupOf(await deviceFacts(db, units, rootId, today), units, rootId, month, today);
    return SafetyRollupResponse.parse({ month, rootId, today, nodes });
  };
  const [res, { refetch }] = createResource(() =>
    serverElseDevice(
      async () => expandSafetyRollup(await api.get(`/api/rollup/safety?rootId=${encodeURIComponent(rootId)}&month=${month}&form=packed`, PackedSafetyRollupResponse)),
      offlineRollup,
    ),
  );
  askServerAgain(sync, res, refetch);
  const model = () => {
    const r = settled(res);
    return r === undefined ? null : divisionModel(r.res);
  };
  const monthHref = (m: string) => href(['korset'], { unit: rootId, month: m });

  return (
    <div class="safety-division">
      <div class="board-tools no-print">
        <MonthPicker month={month} thisMonth={props.thisMonth} href={monthHref} />
      </div>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={model()}>
          {(m) => (
            <>
              <Show when={settled(res)?.source === 'device'}>
                <Banner tone="warning">{tx('division.offline')}</Banner>
              </Show>
              <div class="division-grid">
                <section class="division-units" aria-label={tx('division.units')}>
                  <Show when={m().cards.length > 0} fallback={<p class="muted">{tx('division.noUnits')}</p>}>
                    <ul class="multiples">
                      <For each={m().cards}>
                        {(c) => {
                          const long = () =>
                            `${c.node.name}${c.node.closed ? ` (${tx('division.closed')})` : ''}: ${tx('division.unitFilled', { filled: c.figures.filledDays, due: c.figures.dueDays })}, ${c.figures.harmDays === 1 ? tx('division.unitHarm.one') : tx('division.unitHarm', { n: c.figures.harmDays })}`;
                          return (
                            <li>
                              <a class="multiple" href={href(['korset'], { unit: c.node.unitId, month })}>
                                <span class="multiple-name">
                                  {c.node.name}
                                  <Show when={c.parentName}>{(p) => <span class="multiple-parent">{p()}</span>}</Show>
                                </span>
                                <Cross month={month} statuses={c.statuses} size="mini" title={long()} />
                                <span class="multiple-facts" aria-hidden="true">
                                  {tx('division.unitFilledShort', { filled: c.figures.filledDays, due: c.figures.dueDays })}
                                  <br />
                                  {c.figures.harmDays === 1 ? tx('division.unitHarmShort.one') : tx('division.unitHarmShort', { n: c.figures.harmDays })}
                                </span>
                              </a>
                            </li>
                          );
                        }}
                      </For>
                    </ul>
                  </Show>
                </section>
                <section class="division-side">
                  <p class="completeness">
                    {tx('division.completeness', { reporting: m().root.reporting, expected: m().root.expected, month: formatMonth(month, false) })}
                  </p>
                  <figure class="cross-figure">
                    <figcaption>{tx('division.worstPerDay', { name: m().root.name })}</figcaption>
                    <Cross
                      month={month}
                      statuses={m().statuses}
                      title={tx('crossLabel', { title: tx('division.worstPerDay', { name: m().root.name }), month: formatMonth(month) })}
                      detail={(date) => {
                        const filled = m().filledPerDay[Number(date.slice(8)) - 1] ?? 0;
                        return tx('cellUnits', { filled, expected: m().root.expected });
                      }}
                    />
                  </figure>
                  <MonthSummary figures={m().figures} levels={4} title={tx('division.byCategory')} />
                </section>
              </div>
              <Show when={m().levels.length > 0}>
                <nav class="level-links no-print" aria-label={tx('division.levels')}>
                  <For each={m().levels}>
                    {(l) => (
                      <a class="btn btn-secondary" href={href(['korset'], { unit: l.unitId, month })}>
                        {l.name} ›
                      </a>
                    )}
                  </For>
                </nav>
              </Show>
              <Legend levels={4} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
