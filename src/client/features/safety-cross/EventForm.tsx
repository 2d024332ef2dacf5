/**
 * Registering an event at the pulse meeting, built to take under 30 seconds: category chips,
 * severity chips (colour + symbol + words), a short text, Spara. "Rapporterad i avvikelsesystemet"
 * is one tick; the improvement proposal sits under "Mer" for whoever has one at hand. A rejected save (a
 * personnummer in the text, a day too far back) keeps everything as typed and says why.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { UnitId } from '../../../shared/schema/ids';
import type { Severity } from '../../../shared/schema/safety-event';
import { errorOf } from '../../kit/i18n';
import type { NewSafetyEvent } from '../../storage/safety-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TextField } from '../../ui/Field';
import { severitiesFor } from './board-model';
import { emptyEventDraft, toNewEvent, type EventDraft } from './event-draft';
import { categoryLabel, STATUS_SYMBOL, statusText, tx } from './texts';

export interface EventFormProps {
  unitId: UnitId;
  categories: readonly string[];
  levels: 3 | 4;
  date: string;
  /** Earliest and latest date the caller may choose (the back-dating window, today). */
  minDate: string | null;
  maxDate: string;
  backdateDays: number | null;
  onSave: (ev: NewSafetyEvent) => Promise<void>;
}

export function EventForm(props: EventFormProps): JSX.Element {
  const [draft, setDraft] = createSignal<EventDraft>(emptyEventDraft(props.date));
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const edit = (patch: Partial<EventDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };
  const save = async () => {
    const ev = toNewEvent(draft(), props.unitId);
    if (ev === null) return setError(tx('form.missing'));
    setBusy(true);
    try {
      await props.onSave(ev);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="event-form" onSubmit={(e) => (e.preventDefault(), void save())}>
      <label class="field field-date">
        <span class="field-label">{tx('form.date')}</span>
        <input
          class="input"
          type="date"
          value={draft().date}
          min={props.minDate ?? undefined}
          max={props.maxDate}
          required
          onInput={(e) => e.currentTarget.value && edit({ date: e.currentTarget.value })}
        />
      </label>
      <Show when={props.backdateDays !== null}>
        <p class="muted">{tx('form.windowHint', { n: props.backdateDays ?? 0 })}</p>
      </Show>
      <fieldset class="chips">
        <legend>{tx('form.category')}</legend>
        <For each={props.categories}>
          {(c) => (
            <Chip selected={draft().category === c} onSelect={() => edit({ category: c })}>
              {categoryLabel(c)}
            </Chip>
          )}
        </For>
      </fieldset>
      <fieldset class="chips severity-chips">
        <legend>{tx('form.severity')}</legend>
        <For each={severitiesFor(props.levels)}>
          {(s: Severity) => (
            <button
              type="button"
              class={`chip sev-chip st-${s}`}
              classList={{ 'chip-on': draft().severity === s }}
              aria-pressed={draft().severity === s}
              onClick={() => edit({ severity: s })}
            >
              <span class="chip-mark" aria-hidden="true">
                {draft().severity === s ? '✓' : STATUS_SYMBOL[s]}
              </span>
              <span class="sev-words">
                {statusText(s, props.levels)}
                <span class="sev-hint">{tx(s === 'rod' && props.levels === 3 ? 'sevHint.rod3' : `sevHint.${s}`)}</span>
              </span>
            </button>
          )}
        </For>
      </fieldset>
      <TextField label={tx('form.description')} value={draft().description} maxLength={300} onValue={(description) => edit({ description })} />
      <label class="check">
        <input type="checkbox" checked={draft().reported} onChange={(e) => edit({ reported: e.currentTarget.checked })} />
        {tx('form.reported')}
      </label>
      <Show when={draft().reported}>
        <TextField label={tx('form.caseNumber')} value={draft().caseNumber} maxLength={40} onValue={(caseNumber) => edit({ caseNumber })} />
      </Show>
      <details class="more">
        <summary>{tx('form.more')}</summary>
        <TextField label={tx('form.improvement')} value={draft().improvement} maxLength={500} onValue={(improvement) => edit({ improvement })} />
      </details>
      <div class="entry-actions">
        <Show when={error()}>{(text) => <Banner tone="error">{text()}</Banner>}</Show>
        <Button type="submit" variant="primary" size="big" disabled={busy()}>
          {busy() ? tx('form.saving') : tx('form.save')}
        </Button>
      </div>
    </form>
  );
}
