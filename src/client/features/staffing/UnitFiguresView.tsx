/**
 * The unit's sick-leave figures: the day, 7 and 30 days, the month so far (each with its staff-
 * shift counts and how many days were filled in), and the latest HR month beside the board's own
 * figure for that month, each labelled with its source.
 */
import { Show, type JSX } from 'solid-js';
import { absenceShare, sickShare, type WindowFigure } from '../../../shared/domain/staffing';
import { formatMonth } from '../../kit/format';
import { StatusBadge } from './StatusBadge';
import { dayLabel, pct1, tx } from './texts';
import { formatTarget } from '../indicators/texts';
import type { UnitFigures } from './unit-figures';

function WindowCard(props: { label: string; fig: WindowFigure; days?: number; extra?: JSX.Element }): JSX.Element {
  const gap = () => props.fig.filledDays === 0;
  return (
    <div class="sfig" classList={{ 'sfig-gap': gap() }} data-testid="staffing-figure">
      <div class="sfig-label">{props.label}</div>
      <div class="sfig-value">{gap() ? tx('fig.gap') : pct1(props.fig.share.pct)}</div>
      <Show when={!gap()}>
        <div class="sfig-n">{tx('fig.shifts', { sick: props.fig.counts.sick, planned: props.fig.counts.planned })}</div>
      </Show>
      <div class="sfig-n">{tx('fig.filled', { filled: props.fig.filledDays, days: props.days ?? props.fig.windowDays })}</div>
      {props.extra}
    </div>
  );
}

export function UnitFiguresView(props: { figures: UnitFigures; date: string; isToday: boolean; month: string }): JSX.Element {
  const f = () => props.figures;
  const todayFig = (): WindowFigure => {
    const c = f().today?.counts ?? null;
    return { counts: c ?? { planned: 0, sick: 0, vab: 0, otherAbsence: 0, covered: 0, shifts: 0 }, share: sickShare(c), filledDays: c === null ? 0 : 1, windowDays: 1 };
  };
  const absences = () => {
    const c = f().today?.counts;
    if (!c) return null;
    return tx('fig.absences', { vab: c.vab, other: c.otherAbsence, covered: c.covered, absent: absenceShare(c).num });
  };
  return (
    <div class="staffing-figures">
      <div class="sfig-grid">
        <WindowCard label={props.isToday ? tx('fig.today') : dayLabel(props.date)} fig={todayFig()} extra={<Show when={absences()}>{(a) => <div class="sfig-n">{a()}</div>}</Show>} />
        <WindowCard label={tx('fig.week')} fig={f().week} />
        <WindowCard label={tx('fig.days30')} fig={f().days30} />
        <WindowCard
          label={tx('fig.month', { month: formatMonth(props.month, false) })}
          fig={f().month}
          days={f().monthExpected}
          extra={<StatusBadge status={f().month.filledDays > 0 ? f().status : null} />}
        />
      </div>
      <section class="hr-compare" aria-label={tx('hr.title', { month: formatMonth(f().hr.month) })}>
        <h3>{tx('hr.title', { month: formatMonth(f().hr.month) })}</h3>
        <div class="hr-compare-cols">
          <div class="hr-col">
            <div class="hr-source">{tx('source.board')}</div>
            <div class="sfig-value">{f().hr.board.filledDays === 0 ? '–' : pct1(f().hr.board.share.pct)}</div>
            <div class="sfig-n">{tx('fig.shifts', { sick: f().hr.board.counts.sick, planned: f().hr.board.counts.planned })}</div>
          </div>
          <div class="hr-col">
            <div class="hr-source">{tx('source.hr')}</div>
            <Show when={f().hr.hrPct !== null} fallback={<p class="muted">{tx('hr.missing', { month: formatMonth(f().hr.month, false) })}</p>}>
              <div class="sfig-value">{pct1(f().hr.hrPct)}</div>
              <Show when={f().hr.own?.korttid != null}>
                <div class="sfig-n">{tx('hr.korttid', { pct: pct1(f().hr.own?.korttid ?? null) })}</div>
              </Show>
              <Show when={f().hr.own?.kvotK != null || f().hr.own?.kvotM != null}>
                <div class="sfig-n">{tx('hr.km', { k: pct1(f().hr.own?.kvotK ?? null), m: pct1(f().hr.own?.kvotM ?? null) })}</div>
              </Show>
              <StatusBadge status={f().hr.status} />
            </Show>
          </div>
        </div>
        <p class="sfig-n" data-testid="staffing-target">
          {tx('targets', { board: formatTarget(f().target, 'pct'), hr: formatTarget(f().hr.target, 'pct') })}
        </p>
        <p class="sfig-note">{tx('hr.why')}</p>
      </section>
    </div>
  );
}
