/** "+ Ny åtgärd" during any step: the inline form, its cause the meeting and the step. */
import { createSignal, Show, type JSX } from 'solid-js';
import type { ActionCause } from '../../../shared/schema/action';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../kit/context';
import { addAction } from '../../storage/meeting-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { draftFields, emptyDraft } from '../improvements/action-model';
import { ActionForm } from '../improvements/ActionForm';
import { useWrite } from '../improvements/use-write';
import { tx } from '../improvements/texts';

export function QuickAction(props: { unitId: string; cause: ActionCause }): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const [open, setOpen] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  return (
    <div class="quick-action">
      <Show
        when={open()}
        fallback={
          <Button onClick={() => (setOpen(true), setSaved(false))}>
            <span aria-hidden="true">+ </span>
            {tx('actions.new')}
          </Button>
        }
      >
        <ActionForm
          initial={emptyDraft()}
          cause={props.cause}
          busy={w.busy()}
          error={w.error()}
          onCancel={() => setOpen(false)}
          onSave={(d) =>
            void w
              .run(() => addAction(db, { unitId: props.unitId as UnitId, status: 'oppen', cause: props.cause, ...draftFields(d) }))
              .then((ok) => ok && (setOpen(false), setSaved(true)))
          }
        />
      </Show>
      <Show when={saved()}>
        <Banner tone="success">{tx('actions.saved')}</Banner>
      </Show>
    </div>
  );
}
