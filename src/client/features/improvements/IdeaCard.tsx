/**
 * One idea on the kanban: title, owner, the PDSA note (opened to edit), big "←" / "→" buttons to
 * move it a column (touch first, no drag needed), and escalation like an action.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { Idea } from '../../../shared/schema/idea';
import { useApp } from '../../kit/context';
import { updateIdea } from '../../storage/meeting-repo';
import { Button } from '../../ui/Button';
import { ErrorLine } from '../../ui/ErrorLine';
import { tx } from './texts';
import { textError } from './action-model';
import { EscalationControls } from './EscalationControls';
import { moveLabel, movePatch } from './idea-model';
import { useWrite } from './use-write';

export interface IdeaCardProps {
  idea: Idea;
  all: readonly Idea[];
  units: readonly TreeUnit[];
  editable: boolean;
}

export function IdeaCard(props: IdeaCardProps): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const [pdsa, setPdsa] = createSignal<string | null>(null);
  const [pdsaError, setPdsaError] = createSignal<string | undefined>();
  const move = (dir: 1 | -1) => {
    const patch = movePatch(props.all, props.idea, dir);
    if (patch !== null) void w.run(() => updateIdea(db, props.idea, patch));
  };
  const savePdsa = () => {
    const text = (pdsa() ?? '').trim();
    const err = textError(text, 800);
    setPdsaError(err);
    if (err !== undefined) return;
    void w.run(() => updateIdea(db, props.idea, { pdsa: text === '' ? null : text })).then((ok) => ok && setPdsa(null));
  };
  return (
    <li class="idea card">
      <strong class="idea-title">{props.idea.title}</strong>
      <Show when={props.idea.owner}>{(o) => <p class="muted">{tx('actions.ownerLabel', { owner: o() })}</p>}</Show>
      <Show when={pdsa() === null}>
        <Show when={props.idea.pdsa}>{(n) => <p class="idea-pdsa">{n()}</p>}</Show>
      </Show>
      <Show when={props.editable}>
        <Show
          when={pdsa() !== null}
          fallback={
            <Button variant="link" onClick={() => setPdsa(props.idea.pdsa ?? '')}>
              {tx('ideas.pdsa')}
            </Button>
          }
        >
          <label class="field">
            <span class="field-label">{tx('ideas.pdsa')}</span>
            <span class="muted">{tx('ideas.pdsaHelp')}</span>
            <textarea class="input" rows={3} value={pdsa() ?? ''} aria-invalid={pdsaError() !== undefined} onInput={(e) => setPdsa(e.currentTarget.value)} />
            <ErrorLine message={pdsaError()} inline />
          </label>
          <div class="button-row">
            <Button variant="primary" disabled={w.busy()} onClick={savePdsa}>
              {tx('ideas.savePdsa')}
            </Button>
            <Button onClick={() => (setPdsa(null), setPdsaError(undefined))}>{tx('actions.cancel')}</Button>
          </div>
        </Show>
        <div class="idea-moves">
          <Show when={moveLabel(props.idea, -1)}>
            {(label) => (
              <button type="button" class="btn move-btn" aria-label={label()} title={label()} disabled={w.busy()} onClick={() => move(-1)}>
                ←
              </button>
            )}
          </Show>
          <Show when={moveLabel(props.idea, 1)}>
            {(label) => (
              <button type="button" class="btn move-btn move-next" aria-label={label()} title={label()} disabled={w.busy()} onClick={() => move(1)}>
                →
              </button>
            )}
          </Show>
        </div>
      </Show>
      <EscalationControls entity="idea" item={props.idea} units={props.units} editable={props.editable} />
      <ErrorLine message={w.error()} />
    </li>
  );
}
