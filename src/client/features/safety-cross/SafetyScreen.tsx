/**
 * Gröna korset (#/korset). The unit is ?unit=… or the caller's own. An enhet gets its board
 * (UnitBoard), event registration (#/korset/handelse) and, for managers, the board's settings
 * (#/korset/installningar); a VO, division or region gets the small-multiples overview.
 */
import { createMemo, Match, Show, Switch, type JSX } from 'solid-js';
import { localDate } from '../../../shared/domain/periods';
import { IsoDate } from '../../../shared/schema/ids';
import { pageNow } from '../../kit/clock';
import { useSession } from '../../kit/context';
import { useUnit } from '../../kit/use-unit';
import { href, route } from '../../kit/router';
import { DivisionView } from './DivisionView';
import { EventEntry } from './EventEntry';
import { SettingsPanel } from './SettingsPanel';
import { tx } from './texts';
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { UnitBoard } from './UnitBoard';
import './safety.css';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export default function SafetyScreen(): JSX.Element {
  const session = useSession();
  const { tree: units, unitId, unit, isLevel, isLead } = useUnit();
  const thisMonth = () => localDate(pageNow()).slice(0, 7);
  const month = createMemo(() => {
    const q = route().query.month;
    return q !== undefined && MONTH_RE.test(q) && q <= thisMonth() ? q : thisMonth();
  });
  const sub = () => route().path[1];
  const role = () => session().identity.role;
  const date = () => (IsoDate.safeParse(route().query.date).success ? route().query.date : undefined);
  const heading = () => {
    if (sub() === 'handelse') return tx('form.title');
    if (sub() === 'installningar') return tx('settings.title');
    return isLevel() ? tx('divisionTitle') : tx('title');
  };
  const backHref = () => href(['korset'], { unit: route().query.unit, month: route().query.month });

  return (
    <div class="screen safety">
      <header class="screen-head">
        <h1>{heading()}</h1>
        <p class="unit-name">{unit()?.name ?? session().identity.displayName}</p>
        <Show when={sub() !== undefined}>
          <a class="btn btn-link no-print" href={backHref()}>
            ← {tx('back')}
          </a>
        </Show>
        <Show when={sub() === undefined && isLead() && !isLevel()}>
          <a class="btn btn-link no-print" href={href(['korset', 'installningar'], { unit: route().query.unit })}>
            {tx('settings')}
          </a>
        </Show>
      </header>
      <Show when={units() !== undefined}>
        <Switch>
          <Match when={sub() === 'handelse' && !isLevel()}>
            <Show when={unitId()} keyed>
              {(id) => (
                <UnitRowsGate unitId={id}>
                  <EventEntry unitId={id} date={date()} role={role()} />
                </UnitRowsGate>
              )}
            </Show>
          </Match>
          <Match when={sub() === 'installningar' && !isLevel()}>
            <Show when={isLead()} fallback={<p class="muted">{tx('settings.managersOnly')}</p>}>
              <Show when={unitId()} keyed>
                {(id) => <SettingsPanel unitId={id} />}
              </Show>
            </Show>
          </Match>
          <Match when={isLevel()}>
            <Show when={`${unitId()}|${month()}`} keyed>
              {(_key) => <DivisionView rootId={unitId()} month={month()} thisMonth={thisMonth()} />}
            </Show>
          </Match>
          <Match when={true}>
            <Show when={`${unitId()}|${month()}`} keyed>
              {(_key) => (
                <UnitRowsGate unitId={unitId()}>
                  <UnitBoard unitId={unitId()} unitName={unit()?.name ?? ''} month={month()} role={role()} initialDate={date()} tree={units()} />
                </UnitRowsGate>
              )}
            </Show>
          </Match>
        </Switch>
      </Show>
    </div>
  );
}
