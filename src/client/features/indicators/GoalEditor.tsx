/**
 * The level's part of the goal document (issue 13), under the tertial report for managers and
 * admins: add a strategiskt mål, a framgångsfaktor or a styrmått (its measure — a board's or a
 * reported one — its target typed as the seed writes it, and its follow-up periods), and add a
 * strategic action. Saved as synced rows at this level (works offline); the report shows them.
 * The level's own items and actions are edited and deleted below the forms (GoalItemsEdit.tsx).
 */
import { createEffect, createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { parseTargetText } from '../../../shared/domain/goals/target-text';
import { pathTo, resolveDefs } from '../../../shared/domain/indicators';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { GOAL_KINDS, type GoalItem, REPORT_PERIOD_LABEL, REPORT_PERIODS, type ReportPeriodKind } from '../../../shared/schema/goal';
import { type Indicator, PERSPECTIVES, type Perspective } from '../../../shared/schema/indicator';
import { useApp } from '../../kit/context';
import { errorOf } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { addGoalItem, addStrategicAction, goalItemsFor } from '../../storage/goal-repo';
import { getCachedIndicatorConfig, listIndicatorRows } from '../../storage/indicator-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Select, Text } from './FormFields';
import { GoalItemsEdit } from './GoalItemsEdit';
import { tx } from './texts';
import { refreshConfig } from './load';

const KIND_LABEL = { mal: 'Strategiskt mål', faktor: 'Framgångsfaktor', styrmatt: 'Styrmått' } as const;
const PERSPECTIVE_LABEL: Record<Perspective, string> = { medborgare: 'Medborgare', verksamhet: 'Verksamhet', medarbetare: 'Medarbetare', ekonomi: 'Ekonomi' };

export function GoalEditor(props: { units: readonly TreeUnit[]; unitId: string; year: number; onSaved: () => void }): JSX.Element {
  const { api, db } = useApp();
  // The catalogue rows of the levels above live outside the replica: fetch them while online.
  createEffect(() => void refreshConfig(api, db, props.unitId));
  const items = createLiveQuery(() => goalItemsFor(db, props.units, props.unitId));
  const rows = createLiveQuery(async (): Promise<Indicator[]> => {
    const own = (await Promise.all(pathTo(props.units, props.unitId).map((id) => listIndicatorRows(db, id)))).flat();
    const ids = new Set(own.map((r) => r.id));
    return [...own, ...((await getCachedIndicatorConfig(db, props.unitId))?.rows ?? []).filter((r) => !ids.has(r.id))];
  });
  const defs = createMemo(() => resolveDefs(rows() ?? [], props.units, props.unitId));
  const [kind, setKind] = createSignal<GoalItem['kind']>('styrmatt');
  const [perspective, setPerspective] = createSignal<Perspective>('medborgare');
  const [parent, setParent] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [key, setKey] = createSignal('');
  const [target, setTarget] = createSignal('');
  const [periods, setPeriods] = createSignal<ReportPeriodKind[]>([...REPORT_PERIODS]);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [note, setNote] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const parents = () => (items() ?? []).filter((i) => (kind() === 'faktor' ? i.kind === 'mal' : i.kind === 'mal' || i.kind === 'faktor'));

  const save = async () => {
    const e: Record<string, string> = {};
    const p = (items() ?? []).find((i) => i.id === parent());
    if (title().trim() === '') e.title = tx('err.required');
    if (kind() !== 'mal' && p === undefined) e.parent = tx('err.required');
    const def = defs().find((d) => d.key === key());
    const goal = target().trim() === '' ? null : parseTargetText(target(), def?.direction ?? 'higher');
    if (kind() === 'styrmatt' && target().trim() !== '' && goal === null) e.target = tx('goal.err.target');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    try {
      await addGoalItem(db, {
        unitId: props.unitId as GoalItem['unitId'],
        kind: kind(),
        perspective: p?.perspective ?? perspective(),
        parentId: (p?.id ?? null) as GoalItem['parentId'],
        title: title().trim(),
        order: (items() ?? []).length * 10 + 10,
        ...(kind() === 'styrmatt' ? { indicatorKey: def?.key ?? null, target: goal, periods: periods() } : {}),
      });
      setTitle('');
      setTarget('');
      setNote({ tone: 'success', text: tx('tr.saved') });
      props.onSaved();
    } catch (err) {
      setNote({ tone: 'error', text: errorOf(err) });
    }
  };

  return (
    <section class="goal-editor no-print" data-testid="goal-editor">
      <h3>{tx('goal.title')}</h3>
      <Show when={note()}>{(n) => <Banner tone={n().tone}>{n().text}</Banner>}</Show>
      <Select label={tx('goal.kind')} value={kind()} options={GOAL_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} onValue={(v) => (setKind(v as GoalItem['kind']), setParent(''))} />
      <Show when={kind() === 'mal'}>
        <Select label={tx('field.perspective')} value={perspective()} options={PERSPECTIVES.map((p) => ({ value: p, label: PERSPECTIVE_LABEL[p] }))} onValue={(v) => setPerspective(v as Perspective)} />
      </Show>
      <Show when={kind() !== 'mal'}>
        <Select label={tx('goal.parent')} value={parent()} error={errors().parent} options={[{ value: '', label: '–' }, ...parents().map((i) => ({ value: i.id, label: `${KIND_LABEL[i.kind]}: ${i.title}` }))]} onValue={setParent} />
      </Show>
      <Text label={tx('goal.itemTitle')} value={title()} error={errors().title} onValue={setTitle} />
      <Show when={kind() === 'styrmatt'}>
        <Select label={tx('goal.measure')} value={key()} options={[{ value: '', label: tx('goal.noMeasure') }, ...defs().map((d) => ({ value: d.key, label: d.name.sv }))]} onValue={setKey} />
        <Text label={tx('goal.target')} value={target()} error={errors().target} onValue={setTarget} />
        <fieldset class="goal-periods">
          <legend>{tx('goal.periods')}</legend>
          <For each={REPORT_PERIODS}>
            {(k) => (
              <label class="check">
                <input type="checkbox" checked={periods().includes(k)} onChange={(e) => setPeriods(e.currentTarget.checked ? REPORT_PERIODS.filter((x) => x === k || periods().includes(x)) : periods().filter((x) => x !== k))} />
                {REPORT_PERIOD_LABEL[k]}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <div class="button-row">
        <Button variant="primary" onClick={() => void save()}>
          {tx('goal.add')}
        </Button>
      </div>
      <ActionForm unitId={props.unitId} year={props.year} goals={(items() ?? []).filter((i) => i.kind === 'mal')} onSaved={props.onSaved} />
      <GoalItemsEdit units={props.units} unitId={props.unitId} year={props.year} items={items() ?? []} defs={defs()} measureOptions={defs().map((d) => ({ value: d.key, label: d.name.sv }))} onSaved={props.onSaved} />
    </section>
  );
}

function ActionForm(props: { unitId: string; year: number; goals: GoalItem[]; onSaved: () => void }): JSX.Element {
  const { db } = useApp();
  const [f, setF] = createSignal({ nr: '', goalId: '', title: '', description: '', ansvarig: '', tidplan: '', effekt: '' });
  const [note, setNote] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const set = (k: keyof ReturnType<typeof f>, v: string) => setF({ ...f(), [k]: v });
  const save = async () => {
    const v = f();
    const nr = Number(v.nr);
    if (!Number.isInteger(nr) || nr < 1 || v.title.trim() === '') return setNote({ tone: 'error', text: tx('goal.err.action') });
    const goal = props.goals.find((g) => g.id === v.goalId);
    try {
      await addStrategicAction(db, {
        unitId: props.unitId as GoalItem['unitId'],
        year: props.year,
        nr,
        goalId: (goal?.id ?? null) as GoalItem['parentId'],
        perspective: goal?.perspective ?? 'verksamhet',
        title: v.title.trim(),
        description: v.description,
        ansvarig: v.ansvarig,
        tidplan: v.tidplan,
        effekt: v.effekt,
      });
      setF({ nr: '', goalId: '', title: '', description: '', ansvarig: '', tidplan: '', effekt: '' });
      setNote({ tone: 'success', text: tx('tr.saved') });
      props.onSaved();
    } catch (err) {
      setNote({ tone: 'error', text: errorOf(err) });
    }
  };
  return (
    <div class="goal-action-form">
      <h3>{tx('goal.newAction', { year: props.year })}</h3>
      <Show when={note()}>{(n) => <Banner tone={n().tone}>{n().text}</Banner>}</Show>
      <Text label="Nr" inputmode="numeric" value={f().nr} onValue={(v) => set('nr', v)} />
      <Select label={tx('goal.actionGoal')} value={f().goalId} options={[{ value: '', label: '–' }, ...props.goals.map((g) => ({ value: g.id, label: g.title }))]} onValue={(v) => set('goalId', v)} />
      <Text label="Åtgärd" value={f().title} onValue={(v) => set('title', v)} />
      <Text label="Beskrivning av genomförande" value={f().description} onValue={(v) => set('description', v)} />
      <Text label="Ansvarig" value={f().ansvarig} onValue={(v) => set('ansvarig', v)} />
      <Text label="Tidplan" value={f().tidplan} onValue={(v) => set('tidplan', v)} />
      <Text label="Förväntad effekt" value={f().effekt} onValue={(v) => set('effekt', v)} />
      <div class="button-row">
        <Button variant="primary" onClick={() => void save()}>
          {tx('goal.addAction')}
        </Button>
      </div>
    </div>
  );
}
