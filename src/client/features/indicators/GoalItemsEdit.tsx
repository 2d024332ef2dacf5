/**
 * The level's own goal items and strategic actions, each with Ändra and Ta bort (issue 13): every
 * field of an item (title and order; a mål's perspective; the item a faktor or styrmått stands
 * under; a styrmått's measure, target and follow-up periods) and of an action (number, goal — or
 * without one its perspective —, title, description, ansvarig, tidplan, förväntad effekt, status and
 * comment per tertial) is edited in place and
 * saved as a patch through writeChange, offline like any write; the server's validation and
 * policy judge it when it syncs. Deleting asks first; a mål or faktor with something under it is
 * refused with the reason on screen (goal-edit.ts).
 */
import { createSignal, For, Show, untrack, type JSX } from 'solid-js';
import { type GoalItem, REPORT_PERIOD_LABEL, REPORT_PERIODS, type StrategicAction, ACTION_FOLLOW_STATUSES } from '../../../shared/schema/goal';
import { PERSPECTIVES, type Perspective } from '../../../shared/schema/indicator';
import { FOLLOW_STATUS_LABEL } from '../../../shared/domain/goals/report';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { AppError } from '../../../shared/errors';
import { useApp } from '../../kit/context';
import { errorOf } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
// Not through primitives/index: that module is in the first load, keyed is only for lazy screens.
import { keyed } from '../../primitives/keyed';
import { deleteGoalItem, deleteStrategicAction, listStrategicActions, updateGoalItem, updateStrategicAction } from '../../storage/goal-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Select, Text } from './FormFields';
import { actionChanges, actionDraftOf, type ActionDraft, deleteCheck, type DraftErrors, type EditResult, itemChanges, itemDraftOf, type ItemDraft, type MeasureDef, parentsFor } from './goal-edit';
import { tx } from './texts';

const KIND_LABEL = { mal: 'Strategiskt mål', faktor: 'Framgångsfaktor', styrmatt: 'Styrmått' } as const;
const PERSPECTIVE_LABEL: Record<Perspective, string> = { medborgare: 'Medborgare', verksamhet: 'Verksamhet', medarbetare: 'Medarbetare', ekonomi: 'Ekonomi' };

type Note = { tone: 'success' | 'error'; text: string } | null;
const errText = (e: DraftErrors, k: keyof DraftErrors): string | undefined => (e[k] ? tx(e[k]) : undefined);

/** Own items in the order of the structure: each mål, then what stands under it. */
function treeOrder(own: readonly GoalItem[], all: readonly GoalItem[]): GoalItem[] {
  const out: GoalItem[] = [];
  const seen = new Set<string>();
  const byOrder = (a: GoalItem, b: GoalItem) => a.order - b.order || a.title.localeCompare(b.title, 'sv');
  const visit = (parentId: string | null) => {
    for (const i of all.filter((x) => x.parentId === parentId).sort(byOrder)) {
      if (seen.has(i.id)) continue;
      seen.add(i.id);
      if (own.some((o) => o.id === i.id)) out.push(i);
      visit(i.id);
    }
  };
  visit(null);
  return [...out, ...own.filter((i) => !seen.has(i.id))];
}

export function GoalItemsEdit(props: { units: readonly TreeUnit[]; unitId: string; year: number; items: readonly GoalItem[]; defs: readonly MeasureDef[]; measureOptions: readonly { value: string; label: string }[]; onSaved: () => void }): JSX.Element {
  const { db } = useApp();
  const actions = createLiveQuery(() => listStrategicActions(db, props.unitId));
  const [note, setNote] = createSignal<Note>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const own = () => treeOrder(props.items.filter((i) => i.unitId === props.unitId), props.items);
  const ownActions = () => (actions() ?? []).filter((a) => a.year === props.year);
  // Rows by id: a sync landing while a form is open keeps the form and what is typed in it.
  const ownItems = keyed(own, (i) => i.id);
  const ownActs = keyed(ownActions, (a) => a.id);
  const titleOf = (id: string | null | undefined) => props.items.find((i) => i.id === id)?.title ?? '';

  const run = async (p: Promise<void>, ok: string) => {
    try {
      await p;
      setEditing(null);
      setNote({ tone: 'success', text: ok });
      props.onSaved();
    } catch (err) {
      setNote({ tone: 'error', text: errorOf(err) });
    }
  };

  const removeItem = async (item: GoalItem) => {
    setNote(null);
    const c = deleteCheck(item, props.items, actions() ?? []);
    if (!c.ok) return setNote({ tone: 'error', text: tx('goal.hasChildren', { title: item.title, n: c.children }) });
    const question = c.linkedActions > 0 ? tx('goal.confirmDeleteLinked', { title: item.title, n: c.linkedActions }) : tx('goal.confirmDelete', { title: item.title });
    if (!window.confirm(question)) return;
    try {
      await deleteGoalItem(db, props.units, item);
      setNote({ tone: 'success', text: tx('goal.deleted') });
      props.onSaved();
    } catch (err) {
      const n = err instanceof AppError && err.path?.[0] === 'children' ? Number(err.meta?.children ?? 1) : null;
      setNote({ tone: 'error', text: n !== null ? tx('goal.hasChildren', { title: item.title, n }) : errorOf(err) });
    }
  };

  const removeAction = async (a: StrategicAction) => {
    setNote(null);
    if (!window.confirm(tx('goal.confirmDeleteAction', { nr: a.nr, title: a.title }))) return;
    await run(deleteStrategicAction(db, a), tx('goal.deleted'));
  };

  return (
    <section class="goal-own" data-testid="goal-own">
      <h3>{tx('goal.own')}</h3>
      <p class="muted">{tx('goal.deleteRule')}</p>
      <Show when={note()}>{(n) => <Banner tone={n().tone}>{n().text}</Banner>}</Show>
      <Show when={own().length > 0} fallback={<p class="muted">{tx('goal.ownNone')}</p>}>
        <ul class="plain-cards">
          <For each={ownItems.ids()}>
            {(itemId) => (
              <Show when={ownItems.get(itemId)}>
                {(item) => (
                  <li class="card" data-testid="goal-own-item">
                    <p>
                      <span class="muted">{KIND_LABEL[item().kind]}</span> <strong>{item().title}</strong>
                      <Show when={item().parentId}>
                        <span class="muted"> · {tx('goal.parent')} {titleOf(item().parentId)}</span>
                      </Show>
                    </p>
                    <Show
                      when={editing() === item().id}
                      fallback={<EditDelete title={item().title} onEdit={() => (setNote(null), setEditing(item().id))} onDelete={() => void removeItem(item())} />}
                    >
                      <ItemForm
                        item={item()}
                        items={props.items}
                        defs={props.defs}
                        measureOptions={props.measureOptions}
                        onCancel={() => setEditing(null)}
                        onSave={(fields) => run(updateGoalItem(db, item(), fields), Object.keys(fields).length === 0 ? tx('goal.unchanged') : tx('tr.saved'))}
                      />
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <Show when={ownActions().length > 0}>
        <h3>{tx('goal.actionsOwn', { year: props.year })}</h3>
        <ul class="plain-cards">
          <For each={ownActs.ids()}>
            {(actionId) => (
              <Show when={ownActs.get(actionId)}>
                {(a) => (
                  <li class="card" data-testid="goal-own-action">
                    <p>
                      <strong>
                        {a().nr}. {a().title}
                      </strong>
                      <Show when={a().goalId}>
                        <span class="muted"> · {titleOf(a().goalId)}</span>
                      </Show>
                    </p>
                    <Show
                      when={editing() === a().id}
                      fallback={<EditDelete title={a().title} onEdit={() => (setNote(null), setEditing(a().id))} onDelete={() => void removeAction(a())} />}
                    >
                      <ActionEditForm
                        action={a()}
                        goals={props.items.filter((i) => i.kind === 'mal')}
                        onCancel={() => setEditing(null)}
                        onSave={(fields) => run(updateStrategicAction(db, a(), fields), Object.keys(fields).length === 0 ? tx('goal.unchanged') : tx('tr.saved'))}
                      />
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function EditButtons(props: { onSave: () => void; onCancel: () => void }): JSX.Element {
  return (
    <div class="button-row">
      <Button variant="primary" onClick={() => props.onSave()}>
        {tx('goal.save')}
      </Button>
      <Button onClick={() => props.onCancel()}>{tx('goal.cancel')}</Button>
    </div>
  );
}

function ItemForm(props: { item: GoalItem; items: readonly GoalItem[]; defs: readonly MeasureDef[]; measureOptions: readonly { value: string; label: string }[]; onSave: (fields: Partial<GoalItem>) => Promise<void>; onCancel: () => void }): JSX.Element {
  // The draft is taken when the form opens; the item does not change under the open form.
  // The item as the form opened it: the patch is what the manager changed since (a sync landing
  // meanwhile is neither reverted nor wipes what is typed).
  const base = untrack(() => props.item);
  const [d, setD] = createSignal<ItemDraft>(itemDraftOf(base, untrack(() => props.defs)));
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const set = <K extends keyof ItemDraft>(k: K, v: ItemDraft[K]) => setD({ ...d(), [k]: v });
  const save = () => {
    const r: EditResult<GoalItem> = itemChanges(base, d(), props.items, props.defs);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    void props.onSave(r.fields);
  };
  const parents = () => parentsFor(props.item.kind, props.items).filter((i) => i.id !== props.item.id);
  return (
    <div class="goal-item-form" role="group" aria-label={`${tx('goal.edit')}: ${props.item.title}`}>
      <Text label={tx('goal.itemTitle')} value={d().title} error={errText(errors(), 'title')} onValue={(v) => set('title', v)} />
      <Text label={tx('goal.order')} inputmode="numeric" value={d().order} error={errText(errors(), 'order')} onValue={(v) => set('order', v)} />
      <Show when={props.item.kind === 'mal'}>
        <Select label={tx('goal.perspective')} value={d().perspective} options={PERSPECTIVES.map((p) => ({ value: p, label: PERSPECTIVE_LABEL[p] }))} onValue={(v) => set('perspective', v as Perspective)} />
      </Show>
      <Show when={props.item.kind !== 'mal'}>
        <Select label={tx('goal.parent')} value={d().parentId} error={errText(errors(), 'parent')} options={[{ value: '', label: '–' }, ...parents().map((i) => ({ value: i.id, label: `${KIND_LABEL[i.kind]}: ${i.title}` }))]} onValue={(v) => set('parentId', v)} />
      </Show>
      <Show when={props.item.kind === 'styrmatt'}>
        <Select label={tx('goal.measure')} value={d().indicatorKey} options={[{ value: '', label: tx('goal.noMeasure') }, ...props.measureOptions]} onValue={(v) => set('indicatorKey', v)} />
        <Text label={tx('goal.target')} value={d().target} error={errText(errors(), 'target')} onValue={(v) => set('target', v)} />
        <fieldset class="goal-periods">
          <legend>{tx('goal.periods')}</legend>
          <For each={REPORT_PERIODS}>
            {(k) => (
              <label class="check">
                <input type="checkbox" checked={d().periods.includes(k)} onChange={(e) => set('periods', e.currentTarget.checked ? REPORT_PERIODS.filter((x) => x === k || d().periods.includes(x)) : d().periods.filter((x) => x !== k))} />
                {REPORT_PERIOD_LABEL[k]}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <EditButtons onSave={save} onCancel={props.onCancel} />
    </div>
  );
}

function ActionEditForm(props: { action: StrategicAction; goals: readonly GoalItem[]; onSave: (fields: Partial<StrategicAction>) => Promise<void>; onCancel: () => void }): JSX.Element {
  const base = untrack(() => props.action);
  const [d, setD] = createSignal<ActionDraft>(actionDraftOf(base));
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const set = <K extends keyof ActionDraft>(k: K, v: ActionDraft[K]) => setD({ ...d(), [k]: v });
  const save = () => {
    const r = actionChanges(base, d(), props.goals);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    void props.onSave(r.fields);
  };
  return (
    <div class="goal-item-form" role="group" aria-label={`${tx('goal.edit')}: ${props.action.title}`}>
      <Text label={tx('goal.field.nr')} inputmode="numeric" value={d().nr} error={errText(errors(), 'nr')} onValue={(v) => set('nr', v)} />
      <Select label={tx('goal.actionGoal')} value={d().goalId} error={errText(errors(), 'parent')} options={[{ value: '', label: '–' }, ...props.goals.map((g) => ({ value: g.id, label: g.title }))]} onValue={(v) => set('goalId', v)} />
      <Show when={d().goalId === ''}>
        <Select label={tx('goal.perspective')} value={d().perspective} options={PERSPECTIVES.map((p) => ({ value: p, label: PERSPECTIVE_LABEL[p] }))} onValue={(v) => set('perspective', v as Perspective)} />
      </Show>
      <Text label={tx('goal.field.action')} value={d().title} error={errText(errors(), 'title')} onValue={(v) => set('title', v)} />
      <Text label={tx('goal.field.description')} value={d().description} onValue={(v) => set('description', v)} />
      <Text label={tx('goal.field.ansvarig')} value={d().ansvarig} onValue={(v) => set('ansvarig', v)} />
      <Text label={tx('goal.field.tidplan')} value={d().tidplan} onValue={(v) => set('tidplan', v)} />
      <Text label={tx('goal.field.effekt')} value={d().effekt} onValue={(v) => set('effekt', v)} />
      <For each={REPORT_PERIODS}>
        {(p) => (
          <fieldset class="goal-periods">
            <legend>{tx('goal.follow', { period: REPORT_PERIOD_LABEL[p] })}</legend>
            <Select
              label={`${tx('tr.followStatus')} ${REPORT_PERIOD_LABEL[p]}`}
              value={d().follow[p].status}
              options={[{ value: '', label: tx('goal.noFollow') }, ...ACTION_FOLLOW_STATUSES.map((s) => ({ value: s, label: FOLLOW_STATUS_LABEL[s] }))]}
              onValue={(v) => set('follow', { ...d().follow, [p]: { ...d().follow[p], status: v as ActionDraft['follow'][typeof p]['status'] } })}
            />
            <Text label={`${tx('tr.followComment')} ${REPORT_PERIOD_LABEL[p]}`} value={d().follow[p].comment} onValue={(v) => set('follow', { ...d().follow, [p]: { ...d().follow[p], comment: v } })} />
          </fieldset>
        )}
      </For>
      <EditButtons onSave={save} onCancel={props.onCancel} />
    </div>
  );
}

/** A row's "Ändra: <titel>" and "Ta bort: <titel>" (the title in each name says what it acts on). */
function EditDelete(props: { title: string; onEdit: () => void; onDelete: () => void }): JSX.Element {
  return (
    <div class="button-row">
      <Button onClick={() => props.onEdit()}>{`${tx('goal.edit')}: ${props.title}`}</Button>
      <Button variant="danger" onClick={() => props.onDelete()}>{`${tx('goal.delete')}: ${props.title}`}</Button>
    </div>
  );
}
