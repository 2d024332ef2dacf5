/**
 * One action in the list: what, owner, due date (overdue marked with ⚠ and the word "Försenad"),
 * its cause, status in one tap (three buttons), edit inline, delete after a second tap, and the
 * escalation line and button.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { ACTION_STATUSES, type Action, type ActionStatus } from '../../../shared/schema/action';
import { useApp } from '../../kit/context';
import { deleteAction, updateAction } from '../../storage/meeting-repo';
import { Button } from '../../ui/Button';
import { ErrorLine } from '../../ui/ErrorLine';
import { tx } from './texts';
import { ActionForm } from './ActionForm';
import { type ActionRow, changedFields, draftFields, draftOf, STATUS_SYMBOL } from './action-model';
import { EscalationControls } from './EscalationControls';
import { useWrite } from './use-write';

export interface ActionItemProps {
  row: ActionRow;
  units: readonly TreeUnit[];
  editable: boolean;
  /** Held by the list: a live update re-creates rows, and an open form must survive it. */
  editing: boolean;
  onEditing: (on: boolean) => void;
}

export function ActionItem(props: ActionItemProps): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const [deleting, setDeleting] = createSignal(false);
  const a = () => props.row.action;
  const setStatus = (status: ActionStatus) => {
    if (status !== a().status) void w.run(() => updateAction(db, a(), { status }));
  };
  return (
    <li class={`action action-${a().status}`} classList={{ 'action-overdue': props.row.overdue }}>
      <Show
        when={!props.editing}
        fallback={
          <ActionForm
            initial={draftOf(a())}
            cause={a().cause ?? null}
            busy={w.busy()}
            error={w.error()}
            onCancel={() => props.onEditing(false)}
            onSave={(d) =>
              void w.run(() => updateAction(db, a(), changedFields(a(), draftFields(d)))).then((ok) => ok && props.onEditing(false))
            }
          />
        }
      >
        <div class="action-head">
          <strong class="action-title">{a().title}</strong>
          <Show when={props.row.overdue}>
            <span class="badge badge-late">
              <span aria-hidden="true">⚠ </span>
              {tx('actions.overdue')}
            </span>
          </Show>
        </div>
        <p class="action-meta">
          <span>{a().owner ? tx('actions.ownerLabel', { owner: a().owner ?? '' }) : tx('actions.noOwner')}</span>
          <span classList={{ 'due-late': props.row.overdue }}>{a().due ? tx('actions.dueLabel', { date: a().due ?? '' }) : tx('actions.noDue')}</span>
        </p>
        <Show when={a().cause}>{(c) => <p class="cause-line">{tx('actions.cause', { label: c().label })}</p>}</Show>
        <Show when={a().note}>{(n) => <p class="action-note">{n()}</p>}</Show>
        <div class="action-controls">
        <div class="status-group" role="group" aria-label={tx('actions.statusLabel', { title: a().title })}>
          <For each={ACTION_STATUSES}>
            {(s) => (
              <button
                type="button"
                class="chip status-chip"
                classList={{ 'chip-on': a().status === s }}
                aria-pressed={a().status === s}
                disabled={!props.editable || w.busy()}
                onClick={() => setStatus(s)}
              >
                <span aria-hidden="true">{STATUS_SYMBOL[s]} </span>
                {tx(`actionStatus.${s}`)}
              </button>
            )}
          </For>
        </div>
        <EscalationControls entity="action" item={a()} units={props.units} editable={props.editable} />
        <Show when={props.editable}>
          <div class="button-row action-tools">
            <Button variant="link" onClick={() => props.onEditing(true)}>
              {tx('actions.edit')}
            </Button>
            <Show
              when={deleting()}
              fallback={
                <Button variant="link" onClick={() => setDeleting(true)}>
                  {tx('actions.delete')}
                </Button>
              }
            >
              <Button variant="danger" disabled={w.busy()} onClick={() => void w.run(() => deleteAction(db, a()))}>
                {tx('actions.deleteConfirm')}
              </Button>
              <Button onClick={() => setDeleting(false)}>{tx('actions.cancel')}</Button>
            </Show>
          </div>
        </Show>
        </div>
        <ErrorLine message={w.error()} />
      </Show>
    </li>
  );
}
