/**
 * The inline form for a new or changed action: what, owner, due date, note; each field's
 * message right under it, in Swedish, before anything is written.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { ActionCause } from '../../../shared/schema/action';
import { Button } from '../../ui/Button';
import { tx } from './texts';
import { type ActionDraft, type DraftErrors, validateDraft } from './action-model';

export interface ActionFormProps {
  initial: ActionDraft;
  cause: ActionCause | null;
  busy: boolean;
  error: string | null;
  onSave: (draft: ActionDraft) => void;
  onCancel: () => void;
}

export function ActionForm(props: ActionFormProps): JSX.Element {
  const [draft, setDraft] = createSignal<ActionDraft>({ ...props.initial });
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const set = (k: keyof ActionDraft, v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (errors()[k] !== undefined) setErrors(validateDraft({ ...draft(), [k]: v }));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const found = validateDraft(draft());
    setErrors(found);
    if (Object.keys(found).length === 0) props.onSave(draft());
  };
  const field = (k: keyof ActionDraft, label: string, input: (invalid: boolean) => JSX.Element) => (
    <label class="field">
      <span class="field-label">{label}</span>
      {input(errors()[k] !== undefined)}
      <Show when={errors()[k]}>
        {(msg) => (
          <span class="field-error" role="alert">
            <span aria-hidden="true">✗ </span>
            {msg()}
          </span>
        )}
      </Show>
    </label>
  );
  return (
    <form class="action-form card" onSubmit={submit} noValidate>
      <Show when={props.cause}>{(c) => <p class="cause-line">{tx('actions.cause', { label: c().label })}</p>}</Show>
      {field('title', tx('actions.what'), (invalid) => (
        <input class="input" value={draft().title} aria-invalid={invalid} maxLength={220} onInput={(e) => set('title', e.currentTarget.value)} />
      ))}
      <div class="action-form-row">
        {field('owner', tx('actions.owner'), (invalid) => (
          <input class="input" value={draft().owner} aria-invalid={invalid} maxLength={60} onInput={(e) => set('owner', e.currentTarget.value)} />
        ))}
        {field('due', tx('actions.due'), (invalid) => (
          <input class="input" type="date" value={draft().due} aria-invalid={invalid} onInput={(e) => set('due', e.currentTarget.value)} />
        ))}
      </div>
      {field('note', tx('actions.note'), (invalid) => (
        <textarea class="input" rows={2} value={draft().note} aria-invalid={invalid} onInput={(e) => set('note', e.currentTarget.value)} />
      ))}
      <Show when={props.error}>
        {(msg) => (
          <p class="field-error" role="alert">
            <span aria-hidden="true">✗ </span>
            {msg()}
          </p>
        )}
      </Show>
      <div class="button-row">
        <Button type="submit" variant="primary" disabled={props.busy}>
          {tx('actions.save')}
        </Button>
        <Button onClick={() => props.onCancel()}>{tx('actions.cancel')}</Button>
      </div>
    </form>
  );
}
