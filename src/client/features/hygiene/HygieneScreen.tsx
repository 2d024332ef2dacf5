/**
 * Hygiene (BHK) for one unit: the month's board (#/hygien) and observation entry
 * (#/hygien/observation). The unit is ?unit=… or the caller's own; when that is a higher level
 * (a manager's division), the screen first lists the units beneath it to pick from.
 */
import { createMemo, For, Match, Show, Switch, type JSX } from 'solid-js';
import { localDate, subtreeIds } from '../../../shared/domain';
import { UnitId } from '../../../shared/schema/ids';
import { pageNow } from '../../app/clock';
import { useApp, useSession } from '../../app/context';
import { t } from '../../app/i18n';
import { href, route } from '../../app/router';
import { createLiveQuery } from '../../primitives';
import { listUnits } from '../../storage/org-repo';
import { ObservationEntry } from './ObservationEntry';
import { UnitHome } from './UnitHome';

export default function HygieneScreen(): JSX.Element {
  const { db } = useApp();
  const session = useSession();
  const units = createLiveQuery(() => listUnits(db));
  const unitId = createMemo(() => {
    const parsed = UnitId.safeParse(route().query.unit);
    return parsed.success ? parsed.data : session().identity.scopeUnitId;
  });
  const unit = () => units()?.find((u) => u.id === unitId());
  /** Open enheter below a higher-level unit; empty for an enhet or an unknown tree. */
  const pickable = () => {
    const all = units() ?? [];
    if (unit() === undefined || unit()?.kind === 'enhet') return [];
    const below = new Set(subtreeIds(all, unitId()));
    return all.filter((u) => below.has(u.id) && u.kind === 'enhet' && u.closedAt === null);
  };
  const month = () => localDate(pageNow()).slice(0, 7);
  const entry = () => route().path[1] === 'observation';

  return (
    <div class="screen">
      <header class="screen-head">
        <h1>{entry() ? t('hygiene.entryTitle') : t('hygiene.title')}</h1>
        <p class="unit-name">{unit()?.name ?? session().identity.displayName}</p>
        <Show when={entry()}>
          <a class="btn btn-link" href={href(['hygien'], { unit: route().query.unit })}>
            ← {t('hygiene.back')}
          </a>
        </Show>
      </header>
      <Switch>
        <Match when={pickable().length > 0}>
          <ul class="unit-list">
            <For each={pickable()}>
              {(u) => (
                <li>
                  <a class="list-link" href={href(['hygien'], { unit: u.id })}>
                    {u.name}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Match>
        <Match when={entry()}>
          <Show when={unitId()} keyed>
            {(id) => <ObservationEntry unitId={id} />}
          </Show>
        </Match>
        <Match when={true}>
          <Show when={`${unitId()}|${month()}`} keyed>
            {(_key) => <UnitHome unitId={unitId()} month={month()} />}
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
