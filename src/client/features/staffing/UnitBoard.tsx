/**
 * One unit's staffing board for a day: the morning entry, beds (if the unit reports them), the
 * figures and the trend. Everything is read from and written to the device's replica, so the
 * board works offline; figures use the same shared functions as the server's roll-up.
 */
import { Show, type JSX } from 'solid-js';
import { addDays, periodRange } from '../../../shared/domain/periods';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { expectedDays } from '../../../shared/domain/staffing';
import { countBeds } from '../../../shared/domain/staffing-beds';
import { staffingTrend, trendRange } from '../../../shared/domain/staffing-trend';
import { useApp } from '../../kit/context';
import { t } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getStaffingConfig, saveBedsDay, saveShifts, staffingInput } from '../../storage/staffing-repo';
import { BedsEntry } from './BedsEntry';
import { DayEntry } from './DayEntry';
import { previousShifts } from './shift-draft';
import { TrendChart } from './TrendChart';
import { tx } from './texts';
import { unitFigures } from './unit-figures';
import { deviceTree, refreshGoalsOf, staffingGoalsFor } from '../indicators/board-goal';
import { UnitFiguresView } from './UnitFiguresView';

export function UnitBoard(props: { unit: TreeUnit; date: string; isToday: boolean }): JSX.Element {
  const { db } = useApp();
  // The parent remounts the board for another unit or day, so reading props once is right.
  const { unit, date } = props;
  const month = date.slice(0, 7);
  const range = trendRange(month, date);
  refreshGoalsOf(() => unit.id);
  const data = createLiveQuery(async () => {
    const config = await getStaffingConfig(db, unit.id);
    // The whole tree: the unit's levels decide its sick-leave targets (the catalogue's, issue 14).
    const units = await deviceTree(db);
    const input = await staffingInput(db, units, unit.id, date, { from: range.from, to: date }, { from: range.months[0] as string, to: month });
    const trend = staffingTrend(input, range);
    const { from, to } = periodRange(month);
    const monthBeds = input.beds.filter((b) => b.date >= from);
    const bedsBefore = input.beds.filter((b) => b.date < date).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null;
    return {
      config,
      trend,
      figures: unitFigures(trend, date, month, expectedDays(from, to, date, config.weekdaysOnly), await staffingGoalsFor(db, units, unit.id)),
      today: input.shifts.filter((s) => s.date === date),
      yesterday: previousShifts(input.shifts, date, addDays(date, -7)),
      bedsToday: input.beds.find((b) => b.date === date) ?? null,
      bedsBefore,
      bedsMonth: countBeds(monthBeds, true),
    };
  });

  return (
    <Show when={data()} fallback={<p class="muted">{t('app.loading')}</p>}>
      {(d) => (
        <div class="staffing-board">
          <section class="board-entry" aria-labelledby="entry-title">
            <h2 id="entry-title">{tx('entryTitle')}</h2>
            <DayEntry
              unitId={unit.id}
              date={date}
              shifts={d().config.shifts}
              today={d().today}
              yesterday={d().yesterday}
              onSave={(plan) => saveShifts(db, plan.save, plan.remove)}
            />
          </section>
          <Show when={d().config.bedsEnabled}>
            <BedsEntry
              unitId={unit.id}
              date={date}
              month={month}
              today={d().bedsToday}
              before={d().bedsBefore}
              monthCounts={d().bedsMonth}
              onSave={(beds) => saveBedsDay(db, beds)}
            />
          </Show>
          <section class="board-figures" aria-label={tx('sickShare')}>
            <UnitFiguresView figures={d().figures} date={date} isToday={props.isToday} month={month} />
          </section>
          <section class="board-chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{tx('chart.title')}</h2>
            <TrendChart trend={d().trend} />
          </section>
        </div>
      )}
    </Show>
  );
}
