/**
 * One month's cross (safety-cross.ts geometry) on a CSS grid. Each day cell carries its colour,
 * a pattern (CSS, survives black-and-white print), a symbol and, for screen readers, the date and
 * the status in words. Tappable when `onSelect` is given; a mini cross (small multiples) is one
 * image with a summary label instead of 31 tab stops.
 */
import { For, Show, type JSX } from 'solid-js';
import { crossCells } from '../../../shared/domain/safety-cross';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { formatDay, STATUS_SYMBOL, statusShort, statusText, tx } from './texts';

export interface CrossProps {
  month: string;
  /** Index 0 = the 1st of the month. */
  statuses: readonly DayStatus[];
  /** Accessible name of the whole cross. */
  title: string;
  levels?: 3 | 4;
  size?: 'board' | 'mini';
  selected?: string | null;
  onSelect?: (date: string) => void;
  /** Extra words per day for screen readers, e.g. "2 händelser". */
  detail?: (date: string) => string | undefined;
}

export function Cross(props: CrossProps): JSX.Element {
  const cells = () => crossCells(props.month);
  const mini = () => props.size === 'mini';
  const statusOf = (day: number): DayStatus => props.statuses[day - 1] ?? 'framtid';
  // Starts with what the cell shows (day number, status word), so speech input can name it (WCAG 2.5.3).
  const label = (date: string, status: DayStatus) => {
    const extra = props.detail?.(date);
    return `${tx('cellLabel', { day: Number(date.slice(8)), date: formatDay(date), status: statusText(status, props.levels) })}${extra ? `, ${extra}` : ''}`;
  };

  return (
    <div
      class={`cross cross-${props.size ?? 'board'}`}
      role={mini() ? 'img' : 'group'}
      aria-label={props.title}
    >
      <For each={cells()}>
        {(cell) => {
          const style = { 'grid-row': String(cell.row + 1), 'grid-column': String(cell.col + 1) };
          if (cell.day === null || cell.date === null) return <div class="cell cell-blank" style={style} aria-hidden="true" />;
          const date = cell.date;
          const status = () => statusOf(cell.day as number);
          const inner = (
            <>
              <span class="cell-day">{cell.day}</span>
              <span class="cell-sym" aria-hidden="true">
                {STATUS_SYMBOL[status()]}
              </span>
              <Show when={!mini() && status() !== 'framtid'}>
                <span class="cell-word" aria-hidden="true">
                  {statusShort(status())}
                </span>
              </Show>
            </>
          );
          if (mini()) return <div class={`cell st-${status()}`} style={style} aria-hidden="true">{inner}</div>;
          return (
            <Show
              when={props.onSelect}
              fallback={
                <div class={`cell st-${status()}`} style={style} role="img" aria-label={label(date, status())}>
                  {inner}
                </div>
              }
            >
              {(onSelect) => (
                <button
                  type="button"
                  class={`cell st-${status()}`}
                  classList={{ 'cell-selected': props.selected === date }}
                  style={style}
                  aria-label={label(date, status())}
                  aria-pressed={props.selected === date}
                  onClick={() => onSelect()(date)}
                >
                  {inner}
                </button>
              )}
            </Show>
          );
        }}
      </For>
    </div>
  );
}
