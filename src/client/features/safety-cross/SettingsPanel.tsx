/**
 * A manager sets up the unit's board (#/korset/installningar?unit=…): its categories, 3 or 4
 * colour levels, one cross or a cross per chosen category, and how many days back staff may fill
 * in. The server accepts these changes from managers and admins only.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { SafetySettings } from '../../../shared/schema/safety-settings';
import { useApp } from '../../kit/context';
import { errorOf } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getSafetySettings, saveSafetySettings } from '../../storage/safety-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TextField } from '../../ui/Field';
import { addCategory, draftOf, removeCategory, settingsPatch, toggleCross, type SettingsDraft } from './settings-draft';
import { categoryLabel, tx } from './texts';

export function SettingsPanel(props: { unitId: string }): JSX.Element {
  const { db } = useApp();
  const stored = createLiveQuery(() => getSafetySettings(db, props.unitId));
  const save = async (patch: Partial<SettingsDraft>) => {
    await saveSafetySettings(db, props.unitId, patch);
  };
  // Not keyed: the form keeps its draft and message while the stored settings update under it.
  return <Show when={stored()}>{(s) => <SettingsForm stored={s} onSave={save} />}</Show>;
}

function SettingsForm(props: { stored: () => SafetySettings; onSave: (patch: Partial<SettingsDraft>) => Promise<void> }): JSX.Element {
  const [draft, setDraft] = createSignal(draftOf(props.stored()));
  const [newCategory, setNewCategory] = createSignal('');
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const edit = (next: SettingsDraft) => (setDraft(next), setMessage(null));
  const save = async () => {
    try {
      await props.onSave(settingsPatch(props.stored(), draft()));
      setMessage({ tone: 'success', text: tx('settings.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };
  return (
    <form class="safety-settings form" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset class="chips">
        <legend>{tx('settings.categories')}</legend>
        <ul class="category-list">
          <For each={draft().categories}>
            {(c) => (
              <li>
                <span>{categoryLabel(c)}</span>
                <Button
                  variant="link"
                  aria-label={tx('settings.remove', { category: categoryLabel(c) })}
                  disabled={draft().categories.length <= 1}
                  onClick={() => edit(removeCategory(draft(), c))}
                >
                  ✕
                </Button>
              </li>
            )}
          </For>
        </ul>
        <div class="inline-form">
          <TextField label={tx('settings.addCategory')} value={newCategory()} maxLength={40} onValue={setNewCategory} />
          <Button onClick={() => (edit(addCategory(draft(), newCategory())), setNewCategory(''))}>{tx('settings.add')}</Button>
        </div>
      </fieldset>
      <fieldset class="chips">
        <legend>{tx('settings.levels')}</legend>
        <Chip selected={draft().levels === 4} onSelect={() => edit({ ...draft(), levels: 4 })}>
          {tx('settings.levels4')}
        </Chip>
        <Chip selected={draft().levels === 3} onSelect={() => edit({ ...draft(), levels: 3 })}>
          {tx('settings.levels3')}
        </Chip>
      </fieldset>
      <fieldset class="chips">
        <legend>{tx('settings.crosses')}</legend>
        <Chip selected={draft().crossCategories.length === 0} onSelect={() => edit({ ...draft(), crossCategories: [] })}>
          {tx('settings.oneCross')}
        </Chip>
        {/* Switching to per-category starts with the first category; the chips below pick the rest. */}
        <Chip selected={draft().crossCategories.length > 0} onSelect={() => draft().crossCategories.length === 0 && edit(toggleCross(draft(), draft().categories[0] ?? ''))}>
          {tx('settings.perCategory')}
        </Chip>
      </fieldset>
      <Show when={draft().crossCategories.length > 0}>
        <fieldset class="chips">
          <legend>{tx('settings.crossCategories')}</legend>
          <For each={draft().categories}>
            {(c) => (
              <Chip selected={draft().crossCategories.includes(c)} onSelect={() => edit(toggleCross(draft(), c))}>
                {categoryLabel(c)}
              </Chip>
            )}
          </For>
        </fieldset>
      </Show>
      <label class="field">
        <span class="field-label">{tx('settings.backdate')}</span>
        <input
          class="input"
          type="number"
          min="0"
          max="60"
          value={draft().backdateDays}
          onInput={(e) => {
            const n = Number(e.currentTarget.value);
            if (e.currentTarget.value !== '' && Number.isInteger(n) && n >= 0 && n <= 60) edit({ ...draft(), backdateDays: n });
          }}
        />
      </label>
      <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
      <Button type="submit" variant="primary" size="big">
        {tx('settings.save')}
      </Button>
    </form>
  );
}
