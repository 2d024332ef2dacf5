/**
 * The ideas kanban Idé → Prioriterad → Pågår (PDSA) → Klar. On a tablet the four columns side
 * by side; on a phone one column at a time, chosen with the column buttons above.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { IdeaStage } from '../../../shared/schema/idea';
import type { UnitId } from '../../../shared/schema/ids';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
// Not through primitives/index: that module is in the first load, keyed is only for lazy screens.
import { keyed } from '../../primitives/keyed';
import { addIdea, listIdeas } from '../../storage/meeting-repo';
import { Button } from '../../ui/Button';
import { tx } from './texts';
import { textError } from './action-model';
import { IdeaCard } from './IdeaCard';
import { kanban, type KanbanColumn } from './idea-model';
import { useWrite } from './use-write';
// The meeting's steps show this list too, without ImprovementsScreen: the styles come with it.
import './improvements.css';
import { IDEA_FLOW, rankAtEnd } from '../../../shared/domain/meeting/actions';

export function IdeaBoard(props: { unitId: string; units: readonly TreeUnit[]; editable: boolean }): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const ideas = createLiveQuery(() => listIdeas(db, props.unitId));
  const columns = () => kanban(ideas() ?? []);
  const [shown, setShown] = createSignal<IdeaStage>('ide');
  const [title, setTitle] = createSignal<string | null>(null);
  const [titleError, setTitleError] = createSignal<string | undefined>();
  const add = (e: Event) => {
    e.preventDefault();
    const text = (title() ?? '').trim();
    const err = text === '' ? tx('actions.titleRequired') : textError(text, 200);
    setTitleError(err);
    if (err !== undefined) return;
    const rank = rankAtEnd((ideas() ?? []).filter((i) => i.stage === 'ide'));
    void w.run(() => addIdea(db, { unitId: props.unitId as UnitId, title: text, stage: 'ide', rank })).then((ok) => ok && (setTitle(null), setShown('ide')));
  };
  return (
    <section class="ideas" aria-label={tx('ideas.title')}>
      <Show when={props.editable}>
        <Show
          when={title() !== null}
          fallback={
            <Button variant="primary" onClick={() => setTitle('')}>
              <span aria-hidden="true">+ </span>
              {tx('ideas.new')}
            </Button>
          }
        >
          <form class="card idea-form" onSubmit={add} noValidate>
            <label class="field">
              <span class="field-label">{tx('ideas.new')}</span>
              <input class="input" value={title() ?? ''} aria-invalid={titleError() !== undefined} onInput={(e) => setTitle(e.currentTarget.value)} />
              <Show when={titleError()}>
                {(m) => (
                  <span class="field-error" role="alert">
                    <span aria-hidden="true">✗ </span>
                    {m()}
                  </span>
                )}
              </Show>
            </label>
            <div class="button-row">
              <Button type="submit" variant="primary" disabled={w.busy()}>
                {tx('actions.save')}
              </Button>
              <Button onClick={() => (setTitle(null), setTitleError(undefined))}>{tx('actions.cancel')}</Button>
            </div>
          </form>
        </Show>
      </Show>
      <div class="column-tabs" role="group" aria-label={tx('ideas.columns')}>
        <For each={columns()}>
          {(c) => (
            <button type="button" class="chip" classList={{ 'chip-on': shown() === c.stage }} aria-pressed={shown() === c.stage} onClick={() => setShown(c.stage)}>
              {tx('ideas.column', { stage: c.title, n: c.cards.length })}
            </button>
          )}
        </For>
      </div>
      <div class="kanban">
        {/* Columns by stage and cards by id: a sync landing mid-edit keeps an open PDSA note and its text. */}
        <For each={IDEA_FLOW}>
          {(stage) => {
            const c = () => columns().find((col) => col.stage === stage) as KanbanColumn;
            const cards = keyed(() => c().cards, (idea) => idea.id);
            return (
              <section class={`kanban-col col-${stage}`} classList={{ 'col-shown': shown() === stage }} aria-label={c().title}>
                <h3>{tx('ideas.column', { stage: c().title, n: c().cards.length })}</h3>
                <Show when={c().cards.length > 0} fallback={<p class="muted">{tx('ideas.empty')}</p>}>
                  <ul class="idea-list">
                    <For each={cards.ids()}>
                      {(id) => <Show when={cards.get(id)}>{(idea) => <IdeaCard idea={idea()} all={ideas() ?? []} units={props.units} editable={props.editable} />}</Show>}
                    </For>
                  </ul>
                </Show>
              </section>
            );
          }}
        </For>
      </div>
    </section>
  );
}
