/**
 * Observation entry on one screen, built for a nurse with a tablet in one hand: profession chips,
 * "Allt korrekt", eight step toggles, Spara. After a save it says "Sparad" with the running count
 * and clears for the next person (keeping the observer's initials). Saving is the caller's
 * (`onSave`); a rejected save (e.g. a personnummer in the note) keeps everything as typed.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  BHK_DRESS_STEPS,
  BHK_HYGIENE_STEPS,
  BHK_NA_ALLOWED,
  DEFAULT_PROFESSIONS,
  type BhkStep,
} from '../../../shared/schema/bhk-observation';
import type { UnitId } from '../../../shared/schema/ids';
import { errorOf, t, tn, tOr } from '../../app/i18n';
import type { NewObservation } from '../../storage/bhk-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TextField } from '../../ui/Field';
import { StepToggle } from '../../ui/StepToggle';
import { allCorrect, emptyDraft, toNewObservation, type Draft } from './observation-draft';

export interface ObservationFormProps {
  unitId: UnitId;
  /** Read at save time, so a tablet left on overnight dates the record correctly. */
  date: () => string;
  professions?: readonly string[];
  onSave: (obs: NewObservation) => Promise<void>;
}

type Message = { tone: 'success' | 'error'; text: string };

export function ObservationForm(props: ObservationFormProps): JSX.Element {
  const [draft, setDraft] = createSignal<Draft>(emptyDraft());
  const [message, setMessage] = createSignal<Message | null>(null);
  const [saved, setSaved] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // Any new input retires the last "Sparad", so it never describes the next person.
    setMessage(null);
  };

  const save = async () => {
    const obs = toNewObservation(draft(), props.unitId, props.date());
    if (obs === null) return setMessage({ tone: 'error', text: t('hygiene.missing') });
    setBusy(true);
    try {
      await props.onSave(obs);
      setSaved((n) => n + 1);
      setDraft(emptyDraft(draft().observer));
      setMessage({ tone: 'success', text: t('hygiene.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const stepGroup = (title: string, steps: readonly BhkStep[]) => (
    <fieldset class="steps">
      <legend>{title}</legend>
      <For each={steps}>
        {(step) => (
          <StepToggle
            label={t(`step.${step}`)}
            value={draft().steps[step]}
            allowNa={BHK_NA_ALLOWED.includes(step)}
            onChange={(next) => edit({ steps: { ...draft().steps, [step]: next } })}
          />
        )}
      </For>
    </fieldset>
  );

  return (
    <form class="observation" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset class="chips">
        <legend>{t('hygiene.profession')}</legend>
        <For each={props.professions ?? DEFAULT_PROFESSIONS}>
          {(p) => (
            <Chip selected={draft().profession === p} onSelect={() => edit({ profession: p })}>
              {tOr(`profession.${p}`, p)}
            </Chip>
          )}
        </For>
      </fieldset>
      <Button variant="secondary" size="big" class="all-correct" onClick={() => edit({ steps: allCorrect() })}>
        <span aria-hidden="true">✓✓ </span>
        {t('hygiene.allCorrect')}
      </Button>
      <div class="step-groups">
        {stepGroup(t('stepGroup.hygiene'), BHK_HYGIENE_STEPS)}
        {stepGroup(t('stepGroup.dress'), BHK_DRESS_STEPS)}
      </div>
      <details class="more">
        <summary>{t('hygiene.more')}</summary>
        <TextField label={t('hygiene.task')} value={draft().task} maxLength={80} onValue={(task) => edit({ task })} />
        <TextField label={t('hygiene.note')} value={draft().note} maxLength={500} onValue={(note) => edit({ note })} />
        <TextField
          label={t('hygiene.observer')}
          value={draft().observer}
          maxLength={4}
          autocapitalize="characters"
          onValue={(observer) => edit({ observer })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={draft().selfAssessment}
            onChange={(e) => edit({ selfAssessment: e.currentTarget.checked })}
          />
          {t('hygiene.selfAssessment')}
        </label>
      </details>
      {/* Sticky, so Spara and its answer stay in reach on a tablet held in one hand. */}
      <div class="entry-actions">
        <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
        <Button type="submit" variant="primary" size="big" class="save" disabled={busy()}>
          {busy() ? t('hygiene.saving') : t('hygiene.save')}
        </Button>
        <Show when={saved() > 0}>
          <p class="session-count" aria-live="polite">
            {tn('hygiene.sessionCount', saved())}
          </p>
        </Show>
      </div>
    </form>
  );
}
