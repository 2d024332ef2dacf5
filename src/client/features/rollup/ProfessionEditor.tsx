/**
 * The profession list a level offers at BHK entry, for a manager or admin (a region sets it for
 * all its units). Saved as a synced record of that level, so it works offline and reaches the
 * tablets through the server. Professions are hidden rather than removed: old observations keep
 * their label, and the codes stored in records never change when a label is renamed.
 */
import { createSignal, Index, Show, type JSX } from 'solid-js';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { BhkProfessionList, type BhkProfession } from '../../../shared/schema/bhk-config';
import { useApp } from '../../kit/context';
import { createTexts, errorOf } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getBhkProfessions, getOwnBhkProfessions, saveBhkProfessions } from '../../storage/bhk-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { codeFor, effectiveProfessions } from '../hygiene/professions';

const tx = createTexts(hygieneTexts);

interface Line {
  code: string | null;
  label: string;
  hidden: boolean;
}

/** The list to save, with codes for new lines; null when a label is empty, too long or repeated. */
export function toProfessionList(lines: readonly Line[]): BhkProfession[] | null {
  const kept = lines.filter((l) => l.code !== null || l.label.trim() !== '');
  const taken = new Set(kept.flatMap((l) => (l.code !== null ? [l.code] : [])));
  const list = kept.map((l) => {
    const code = l.code ?? codeFor(l.label, taken);
    taken.add(code);
    return { code, label: l.label.trim(), ...(l.hidden ? { hidden: true } : {}) };
  });
  const labels = new Set(list.map((p) => p.label.toLocaleLowerCase('sv')));
  if (labels.size !== list.length) return null;
  const parsed = BhkProfessionList.safeParse(list);
  return parsed.success ? parsed.data : null;
}

export function ProfessionEditor(props: { unitId: string; unitName: string }): JSX.Element {
  const { db } = useApp();
  const state = createLiveQuery(async () => ({
    own: await getOwnBhkProfessions(db, props.unitId),
    effective: await getBhkProfessions(db, props.unitId),
  }));
  const [lines, setLines] = createSignal<Line[] | null>(null);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  /** Editing starts from the list in force, so a region edits what its units see today. */
  const current = (): Line[] =>
    lines() ?? effectiveProfessions(state()?.effective ?? null).map((p) => ({ code: p.code, label: p.label, hidden: p.hidden === true }));
  const update = (i: number, patch: Partial<Line>) => {
    setLines(current().map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setMessage(null);
  };
  const save = async () => {
    const list = toProfessionList(current());
    if (list === null) return setMessage({ tone: 'error', text: tx('professions.invalid') });
    try {
      await saveBhkProfessions(db, props.unitId, list);
      setLines(null);
      setMessage({ tone: 'success', text: tx('professions.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };
  const origin = () => (state()?.own ? tx('professions.own') : state()?.effective ? tx('professions.inherited') : tx('professions.defaults'));

  return (
    <details class="more card prof-editor">
      <summary>{tx('professions.title')}</summary>
      <p>{tx('professions.help', { unit: props.unitName })}</p>
      <p class="muted">{origin()}</p>
      <Show when={state()}>
        <form class="form" onSubmit={(e) => (e.preventDefault(), void save())}>
          {/* Index, not For: lines are rebuilt on every keystroke, and a row must keep its input. */}
          <Index each={current()}>
            {(line, i) => (
              <div class="prof-line">
                <TextField label={tx('professions.label', { n: i + 1 })} value={line().label} maxLength={60} onValue={(label) => update(i, { label })} />
                <label class="check">
                  <input type="checkbox" checked={line().hidden} onChange={(e) => update(i, { hidden: e.currentTarget.checked })} />
                  {tx('professions.hidden')}
                </label>
              </div>
            )}
          </Index>
          <div class="button-row">
            <Button onClick={() => setLines([...current(), { code: null, label: '', hidden: false }])}>+ {tx('professions.add')}</Button>
            <Button type="submit" variant="primary">
              {tx('professions.save')}
            </Button>
          </div>
          <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
        </form>
      </Show>
    </details>
  );
}
