/**
 * Before the meeting: the date, the facilitator's initials and the number present (48 px
 * steppers), then "Starta mötet". The initials are checked as typed, the message beside the field.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { Initials } from '../../../shared/schema/meeting';
import { Button } from '../../ui/Button';
import { tx } from '../improvements/texts';

export interface StartFormProps {
  date: string;
  facilitator: string;
  present: number | null;
  onStart: (facilitator: string, present: number | null) => void;
}

export function StartForm(props: StartFormProps): JSX.Element {
  const [fac, setFac] = createSignal(props.facilitator);
  const [present, setPresent] = createSignal<number | null>(props.present);
  const [facError, setFacError] = createSignal(false);
  const step = (d: number) => setPresent((p) => Math.min(500, Math.max(0, (p ?? 0) + d)));
  const submit = (e: Event) => {
    e.preventDefault();
    const parsed = Initials.safeParse(fac());
    setFacError(!parsed.success);
    if (parsed.success) props.onStart(parsed.data, present());
  };
  return (
    <form class="meeting-start card" onSubmit={submit} noValidate>
      <p class="meeting-date">
        <span class="field-label">{tx('meeting.date')}</span> {props.date}
      </p>
      <label class="field">
        <span class="field-label">{tx('meeting.facilitator')}</span>
        <input
          class="input initials"
          value={fac()}
          maxLength={4}
          autocomplete="off"
          autocapitalize="characters"
          aria-invalid={facError()}
          onInput={(e) => (setFac(e.currentTarget.value.toUpperCase()), facError() && setFacError(!Initials.safeParse(e.currentTarget.value).success))}
        />
        <Show when={facError()}>
          <span class="field-error" role="alert">
            <span aria-hidden="true">✗ </span>
            {tx('meeting.facilitatorInvalid')}
          </span>
        </Show>
      </label>
      <div class="field">
        <span class="field-label" id="present-label">
          {tx('meeting.present')}
        </span>
        <div class="big-stepper">
          <button type="button" class="btn step-btn" aria-label={tx('meeting.decrease', { what: tx('meeting.present') })} disabled={(present() ?? 0) <= 0} onClick={() => step(-1)}>
            −
          </button>
          <input
            class="input step-value"
            inputmode="numeric"
            aria-labelledby="present-label"
            value={present() ?? ''}
            placeholder="–"
            onInput={(e) => {
              const digits = e.currentTarget.value.replace(/\D/g, '').slice(0, 3);
              setPresent(digits === '' ? null : Math.min(500, Number(digits)));
            }}
          />
          <button type="button" class="btn step-btn" aria-label={tx('meeting.increase', { what: tx('meeting.present') })} onClick={() => step(1)}>
            +
          </button>
        </div>
      </div>
      <Button type="submit" variant="primary" size="big">
        <span aria-hidden="true">▶ </span>
        {tx('meeting.start')}
      </Button>
    </form>
  );
}
