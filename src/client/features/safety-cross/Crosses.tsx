/**
 * The month's cross, or one cross per category when the unit keeps them apart, each with its
 * caption, and the colour key beside them. Used by the unit's board (days tappable) and the wall
 * screen (read-only: no onSelect).
 */
import { For, type JSX } from 'solid-js';
import { formatMonth } from '../../kit/format';
import type { BoardModel } from './board-model';
import { Cross, type CrossProps } from './Cross';
import { Legend } from './Legend';
import { categoryLabel, tx } from './texts';

export interface CrossesProps extends Pick<CrossProps, 'selected' | 'onSelect' | 'detail'> {
  board: BoardModel;
  month: string;
}

export function Crosses(props: CrossesProps): JSX.Element {
  return (
    <div class="crosses" classList={{ 'crosses-many': props.board.crosses.length > 1 }}>
      <For each={props.board.crosses}>
        {(c) => {
          const title = c.category === null ? tx('title') : tx('crossOf', { category: categoryLabel(c.category) });
          return (
            <figure class="cross-figure">
              <figcaption>{title}</figcaption>
              <Cross
                month={props.month}
                statuses={c.statuses}
                levels={props.board.levels}
                title={tx('crossLabel', { title, month: formatMonth(props.month) })}
                selected={props.selected}
                onSelect={props.onSelect}
                detail={props.detail}
              />
            </figure>
          );
        }}
      </For>
      <Legend levels={props.board.levels} />
    </div>
  );
}
