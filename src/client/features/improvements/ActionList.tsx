/**
 * A unit's action list (#/forbattring): open ones by default (overdue first), or all; "Ny åtgärd"
 * opens the inline form, pre-filled with a cause when a board's "Skapa åtgärd" led here.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { ActionCause } from '../../../shared/schema/action';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
// Not through primitives/index: that module is in the first load, keyed is only for lazy screens.
import { keyed } from '../../primitives/keyed';
import { addAction, listActions } from '../../storage/meeting-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { tx } from './texts';
import { ActionForm } from './ActionForm';
import { type ActionFilter, actionRows, draftFields, emptyDraft, openCounts } from './action-model';
import { ActionItem } from './ActionItem';
import { useWrite } from './use-write';
// The meeting's steps show this list too, without ImprovementsScreen: the styles come with it.
import './improvements.css';

export interface ActionListProps {
  unitId: string;
  units: readonly TreeUnit[];
  today: string;
  editable: boolean;
  /** Open the form at once with this cause (from a board's link or a meeting step). */
  newCause?: ActionCause | null;
  startOpen?: boolean;
  /** Compact: the meeting's step shows no filter and only open ones. */
  compact?: boolean;
}

export function ActionList(props: ActionListProps): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const actions = createLiveQuery(() => listActions(db, props.unitId));
  const [filter, setFilter] = createSignal<ActionFilter>('open');
  const [adding, setAdding] = createSignal(props.startOpen === true || props.newCause != null);
  const [saved, setSaved] = createSignal(false);
  const [editingId, setEditingId] = createSignal<string | null>(null);
  const rows = () => actionRows(actions() ?? [], props.today, props.compact ? 'open' : filter());
  // Rows by id: a sync landing while an action is being edited keeps the form and what is typed in it.
  const rowsById = keyed(rows, (row) => row.action.id);
  const counts = () => openCounts(actions() ?? [], props.today);

  return (
    <section class="actions" aria-label={tx('actions.title')}>
      <div class="list-tools">
        <Show when={!props.compact}>
          <div class="chips" role="group" aria-label={tx('actions.title')}>
            <Chip selected={filter() === 'open'} onSelect={() => setFilter('open')}>
              {tx('actions.filterOpen')}
            </Chip>
            <Chip selected={filter() === 'all'} onSelect={() => setFilter('all')}>
              {tx('actions.filterAll')}
            </Chip>
          </div>
        </Show>
        <p class="list-count">{tx('actions.countOpen', { n: counts().open, late: counts().late })}</p>
        <Show when={props.editable && !adding()}>
          <Button variant="primary" onClick={() => (setAdding(true), setSaved(false))}>
            <span aria-hidden="true">+ </span>
            {tx('actions.new')}
          </Button>
        </Show>
      </div>
      <Show when={saved()}>
        <Banner tone="success">{tx('actions.saved')}</Banner>
      </Show>
      <Show when={adding()}>
        <ActionForm
          initial={emptyDraft()}
          cause={props.newCause ?? null}
          busy={w.busy()}
          error={w.error()}
          onCancel={() => setAdding(false)}
          onSave={(d) =>
            void w
              .run(() => addAction(db, { unitId: props.unitId as UnitId, status: 'oppen', cause: props.newCause ?? null, ...draftFields(d) }))
              .then((ok) => ok && (setAdding(false), setSaved(true)))
          }
        />
      </Show>
      <Show when={actions() !== undefined}>
        <Show when={rows().length > 0} fallback={<p class="muted">{filter() === 'open' || props.compact ? tx('actions.empty') : tx('actions.emptyAll')}</p>}>
          <ul class="action-list">
            <For each={rowsById.ids()}>
              {(id) => (
                <Show when={rowsById.get(id)}>
                  {(row) => (
                    <ActionItem
                      row={row()}
                      units={props.units}
                      editable={props.editable}
                      editing={editingId() === id}
                      onEditing={(on) => setEditingId(on ? id : null)}
                    />
                  )}
                </Show>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
