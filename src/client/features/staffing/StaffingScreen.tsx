/**
 * Bemanning (#/bemanning): the unit's staffing board for a day (?date=), or for a VO, division or
 * region the roll-up for a month (?month=), drilling down with ?unit=. Managers also reach the
 * HR figure (#/bemanning/hr) and the unit's settings (#/bemanning/installningar).
 */
import { createMemo, Match, Show, Switch, type JSX } from 'solid-js';
import { addDays, localDate, periodRange, previousPeriod } from '../../../shared/domain/periods';
import { subtreeIds, type TreeUnit } from '../../../shared/domain/rollup';
import { IsoDate, IsoMonth } from '../../../shared/schema/ids';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { useUnit } from '../../kit/use-unit';
import { t } from '../../kit/i18n';
import { href, route } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { getStaffingConfig } from '../../storage/staffing-repo';
import { HrScreen } from './HrScreen';
import { RollupView } from './RollupView';
import { SettingsPanel } from './SettingsPanel';
import { dayLabel, tx } from './texts';
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { UnitBoard } from './UnitBoard';
import './staffing.css';

export default function StaffingScreen(): JSX.Element {
  const { db } = useApp();
  const session = useSession();
  const choice = useUnit();
  const { tree: units, unitId, isLevel, isLead } = choice;
  const tree = (): TreeUnit[] => units() ?? [];
  const scope = () => session().identity.scopeUnitId;
  /** Before the first sync has brought the org tree, the caller's own unit is still a board. */
  const unit = (): TreeUnit | undefined =>
    choice.unit() ?? (unitId() === scope() ? { id: scope(), parentId: null, kind: 'enhet', name: session().identity.displayName, closedAt: null } : undefined);
  const today = () => localDate(pageNow());
  const thisMonth = () => today().slice(0, 7);
  const date = createMemo(() => {
    const q = route().query.date;
    return q !== undefined && IsoDate.safeParse(q).success && q <= today() ? q : today();
  });
  const month = createMemo(() => {
    const q = route().query.month;
    return q !== undefined && IsoMonth.safeParse(q).success && q <= thisMonth() ? q : thisMonth();
  });
  const sub = () => route().path[1];
  const query = (extra: Record<string, string | undefined> = {}) => ({ unit: route().query.unit, ...extra });
  /** Units a manager may give an HR figure for: their own subtree, open ones. */
  const importUnits = () => {
    const mine = new Set(subtreeIds(tree(), scope()));
    return tree().filter((u) => mine.has(u.id));
  };
  // Tagged with its unit, so a settings form never opens on the previous unit's values.
  const config = createLiveQuery(async () => {
    const id = unitId();
    return { id, config: await getStaffingConfig(db, id) };
  });
  const configHere = () => {
    const c = config();
    return c !== undefined && c.id === unitId() ? c : undefined;
  };

  return (
    <div class="screen staffing">
      <header class="screen-head">
        <h1>{isLevel() && sub() === undefined ? tx('rollupTitle') : tx('title')}</h1>
        <p class="unit-name">{unit()?.name ?? session().identity.displayName}</p>
        <Show when={sub() !== undefined}>
          <a class="btn btn-link" href={href(['bemanning'], query())}>
            ← {tx('back')}
          </a>
        </Show>
        <Show when={sub() === undefined && isLead()}>
          <nav class="button-row staffing-links">
            <a class="btn btn-secondary" href={href(['bemanning', 'hr'], query())}>
              {tx('hrLink')}
            </a>
            <a class="btn btn-secondary" href={href(['bemanning', 'installningar'], query())}>
              {tx('settingsLink')}
            </a>
          </nav>
        </Show>
      </header>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={units() === undefined}>
          <p class="muted">{t('app.loading')}</p>
        </Match>
        <Match when={sub() === 'hr' && isLead()}>
          <HrScreen scopeUnitId={scope()} unitId={unitId()} units={importUnits()} currentMonth={thisMonth()} />
        </Match>
        <Match when={sub() === 'installningar' && isLead() && configHere()}>
          {(c) => (
            <Show when={c().id} keyed>
              {(id) => <SettingsPanel unitId={id} config={c().config} />}
            </Show>
          )}
        </Match>
        <Match when={isLevel()}>
          <RollupView
            units={tree()}
            rootId={unitId()}
            month={month()}
            thisMonth={thisMonth()}
            prev={previousPeriod(month())}
            next={month() < thisMonth() ? addDays(periodRange(month()).to, 1).slice(0, 7) : null}
          />
        </Match>
        <Match when={unit()}>
          {(u) => (
            <>
              <nav class="month-picker day-picker" aria-label={tx('title')}>
                <a class="btn btn-secondary" href={href(['bemanning'], query({ date: addDays(date(), -1) }))} aria-label={tx('prevDay')}>
                  ‹
                </a>
                <span class="month-label">
                  {dayLabel(date())}
                  {date() === today() ? ` (${tx('today')})` : ''}
                </span>
                <Show when={date() < today()} fallback={<span class="btn btn-secondary btn-disabled" aria-hidden="true">›</span>}>
                  <a class="btn btn-secondary" href={href(['bemanning'], query({ date: addDays(date(), 1) === today() ? undefined : addDays(date(), 1) }))} aria-label={tx('nextDay')}>
                    ›
                  </a>
                </Show>
              </nav>
              <Show when={`${u().id}|${date()}`} keyed>
                {(_key) => (
                  <UnitRowsGate unitId={u().id}>
                    <UnitBoard unit={u()} date={date()} isToday={date() === today()} />
                  </UnitRowsGate>
                )}
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
