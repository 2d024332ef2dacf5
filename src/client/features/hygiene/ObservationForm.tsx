/**
 * Observation entry on one screen, built for a nurse with a tablet in one hand: profession chips,
 * "Allt korrekt", eight step toggles, then either "Spara och nästa" (a round of several people:
 * the screen clears for the next person and shows the round's running result) or "Spara" (done:
 * back to the board). Amending shows the record as it counts and one "Spara ändringen". Saving is
 * the caller's (`onSave`); a rejected save (e.g. a personnummer in the note) keeps everything.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { bhkFigures, countObservations } from '../../../shared/domain';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import type { BhkProfession } from '../../../shared/schema/bhk-config';
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS, BHK_NA_ALLOWED, type BhkStep } from '../../../shared/schema/bhk-observation';
import type { UnitId } from '../../../shared/schema/ids';
import { formatPct } from '../../kit/format';
import { announce } from '../../kit/focus';
import { createTexts, errorOf, t } from '../../kit/i18n';
import type { NewObservation } from '../../storage/bhk-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TextField } from '../../ui/Field';
import { StepToggle } from '../../ui/StepToggle';
import { allCorrect, emptyDraft, toNewObservation, type Draft } from './observation-draft';
import { effectiveProfessions } from './professions';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

/** The round so far: n, fully correct, and the two parts, as counts with their percentages. */
export interface RoundResult {
  n: number;
  ok: number;
  pct: string;
  hygiene: string;
  dress: string;
}

export function roundResult(saved: readonly NewObservation[]): RoundResult | null {
  if (saved.length === 0) return null;
  const f = bhkFigures(countObservations(saved), 1);
  return { n: f.n, ok: f.total.num, pct: formatPct(f.total.pct), hygiene: formatPct(f.hygieneAll.pct), dress: formatPct(f.dressAll.pct) };
}

export interface ObservationFormProps {
  unitId: UnitId;
  /** Read at save time, so a tablet left on overnight dates the record correctly. */
  date: () => string;
  /** The list in force; default list when absent. */
  professions?: readonly BhkProfession[];
  /** Amending: the draft of the record as it counts now. */
  initial?: Draft;
  onSave: (obs: NewObservation) => Promise<void>;
  /** After "Spara" (or "Klar"): the round's result including that save; null if nothing was saved. */
  onFinish?: (round: RoundResult | null) => void;
}

type Message = { tone: 'success' | 'error'; text: string };

export function ObservationForm(props: ObservationFormProps): JSX.Element {
  const amending = props.initial !== undefined;
  const [draft, setDraft] = createSignal<Draft>(props.initial ?? emptyDraft());
  const [message, setMessage] = createSignal<Message | null>(null);
  const [round, setRound] = createSignal<NewObservation[]>([]);
  const [busy, setBusy] = createSignal(false);
  /** "Sparad" shows until the next input, so it never describes the next person. */
  const [justSaved, setJustSaved] = createSignal(false);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setMessage(null);
    setJustSaved(false);
  };

  const save = async (next: boolean) => {
    const today = props.date();
    const obs = toNewObservation(draft(), props.unitId, today);
    if (obs === null) return setMessage({ tone: 'error', text: t('hygiene.missing') });
    if (obs.date > today) return setMessage({ tone: 'error', text: tx('entry.futureDate') });
    setBusy(true);
    try {
      await props.onSave(obs);
      const saved = [...round(), obs];
      setRound(saved);
      if (next) {
        // Observer and a chosen date carry over: the same person observes the whole round.
        setDraft(emptyDraft(draft().observer, draft().date));
        setMessage(null);
        setJustSaved(true);
        announce(tx('entry.savedNext'));
      } else {
        props.onFinish?.(roundResult(saved));
      }
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
    <form class="observation" onSubmit={(e) => (e.preventDefault(), void save(false))}>
      <fieldset class="chips">
        <legend>{t('hygiene.profession')}</legend>
        <For each={props.professions ?? effectiveProfessions(null)}>
          {(p) => (
            <Chip selected={draft().profession === p.code} onSelect={() => edit({ profession: p.code })}>
              {p.label}
            </Chip>
          )}
        </For>
      </fieldset>
      <Button variant="secondary" size="big" class="all-correct" onClick={() => edit({ steps: allCorrect(draft().steps) })}>
        <span aria-hidden="true">✓✓ </span>
        {t('hygiene.allCorrect')}
      </Button>
      <div class="step-groups">
        {stepGroup(t('stepGroup.hygiene'), BHK_HYGIENE_STEPS)}
        {stepGroup(t('stepGroup.dress'), BHK_DRESS_STEPS)}
      </div>
      <details class="more" open={amending}>
        <summary>{t('hygiene.more')}</summary>
        <TextField
          label={tx('entry.date')}
          type="date"
          value={draft().date ?? props.date()}
          max={props.date()}
          onValue={(date) => edit({ date: date === '' ? null : date })}
        />
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
      {/* Sticky, so the save buttons and their answer stay in reach on a tablet held in one hand. */}
      <div class="entry-actions">
        <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
        <div class="entry-actions-row">
          <Show when={roundResult(round())}>
            {(r) => (
              <div class="session-result" aria-live="polite" data-testid="session-result">
                <Show when={justSaved()}>
                  <strong class="session-saved">
                    <span aria-hidden="true">✓ </span>
                    {tx('entry.savedNext')}{' '}
                  </strong>
                </Show>
                <strong>{tx('entry.sessionTitle')}: </strong>
                {r().n === 1 ? tx('entry.session.one', { ok: r().ok, pct: r().pct }) : tx('entry.session.other', { n: r().n, ok: r().ok, pct: r().pct })}
                <br />
                <span class="muted">{tx('entry.sessionParts', { hygiene: r().hygiene, dress: r().dress })}</span>
                <Button variant="link" onClick={() => props.onFinish?.(roundResult(round()))}>
                  {tx('entry.done')}
                </Button>
              </div>
            )}
          </Show>
          <Show
            when={!amending}
            fallback={
              <Button type="submit" variant="primary" size="big" disabled={busy()}>
                {busy() ? t('hygiene.saving') : tx('entry.saveAmend')}
              </Button>
            }
          >
            <div class="save-row">
              <Button variant="primary" size="big" class="save-next" disabled={busy()} onClick={() => void save(true)}>
                {tx('entry.saveNext')}
              </Button>
              <Button type="submit" variant="secondary" size="big" class="save" disabled={busy()}>
                {busy() ? t('hygiene.saving') : t('hygiene.save')}
              </Button>
            </div>
          </Show>
        </div>
      </div>
    </form>
  );
}
