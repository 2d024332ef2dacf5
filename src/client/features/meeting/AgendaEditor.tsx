/**
 * The unit's agenda (#/mote/dagordning): steps in order (▲/▼ to move), each in or out, and the
 * time box in minutes; saved as the unit's meeting settings.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { DEFAULT_AGENDA, DEFAULT_TIMEBOX_MINUTES, moveStep } from '../../../shared/domain/meeting/agenda';
import { AGENDA_STEPS, type AgendaStep } from '../../../shared/schema/meeting';
import { useApp } from '../../kit/context';
import { saveMeetingSettings } from '../../storage/meeting-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { useWrite } from '../improvements/use-write';
import { tx, stepLabel } from '../improvements/texts';

interface Row {
  step: AgendaStep;
  on: boolean;
}

const rowsOf = (agenda: readonly AgendaStep[]): Row[] => [
  ...agenda.map((step) => ({ step, on: true })),
  ...AGENDA_STEPS.filter((s) => !agenda.includes(s)).map((step) => ({ step, on: false })),
];

export function AgendaEditor(props: { unitId: string; unitName: string; agenda: readonly AgendaStep[]; timeboxMinutes: number }): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const [rows, setRows] = createSignal<Row[]>(rowsOf(props.agenda));
  const [minutes, setMinutes] = createSignal(String(props.timeboxMinutes));
  const [errors, setErrors] = createSignal<{ steps?: string; minutes?: string }>({});
  const [saved, setSaved] = createSignal(false);
  const move = (i: number, d: number) => {
    const order = moveStep(rows().map((r) => r.step), i, d);
    setRows(order.map((step) => ({ step, on: rows().find((r) => r.step === step)?.on ?? false })));
    setSaved(false);
  };
  const toggle = (i: number) => (setRows(rows().map((r, j) => (j === i ? { ...r, on: !r.on } : r))), setSaved(false));
  const save = (e: Event) => {
    e.preventDefault();
    const agenda = rows().filter((r) => r.on).map((r) => r.step);
    const m = Number(minutes());
    const found = {
      ...(agenda.length === 0 ? { steps: tx('agenda.emptyInvalid') } : {}),
      ...(!Number.isInteger(m) || m < 5 || m > 60 ? { minutes: tx('agenda.timeboxInvalid') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void w.run(() => saveMeetingSettings(db, props.unitId, { agenda, timeboxMinutes: m })).then((ok) => setSaved(ok));
  };
  return (
    <form class="agenda-editor" onSubmit={save} noValidate>
      <h2>{tx('agenda.title', { unit: props.unitName })}</h2>
      <ol class="agenda-rows">
        <For each={rows()}>
          {(r, i) => (
            <li class="agenda-row" classList={{ 'agenda-off': !r.on }}>
              <label class="check">
                <input type="checkbox" checked={r.on} onChange={() => toggle(i())} />
                <span class="agenda-name">{stepLabel(r.step)}</span>
                <span class="muted">{r.on ? tx('agenda.on') : tx('agenda.off')}</span>
              </label>
              <div class="agenda-moves">
                <button type="button" class="btn" aria-label={tx('agenda.up', { step: stepLabel(r.step) })} disabled={i() === 0} onClick={() => move(i(), -1)}>
                  ▲
                </button>
                <button type="button" class="btn" aria-label={tx('agenda.down', { step: stepLabel(r.step) })} disabled={i() === rows().length - 1} onClick={() => move(i(), 1)}>
                  ▼
                </button>
              </div>
            </li>
          )}
        </For>
      </ol>
      <Show when={errors().steps}>{(m) => <p class="field-error" role="alert">{m()}</p>}</Show>
      <label class="field timebox">
        <span class="field-label">{tx('agenda.timebox')}</span>
        <input class="input" inputmode="numeric" value={minutes()} aria-invalid={errors().minutes !== undefined} onInput={(e) => (setMinutes(e.currentTarget.value), setSaved(false))} />
        <Show when={errors().minutes}>{(m) => <span class="field-error" role="alert">{m()}</span>}</Show>
      </label>
      <Show when={saved()}>
        <Banner tone="success">{tx('agenda.saved')}</Banner>
      </Show>
      <Show when={w.error()}>{(e) => <Banner tone="error">{e()}</Banner>}</Show>
      <div class="button-row">
        <Button type="submit" variant="primary" disabled={w.busy()}>
          {tx('agenda.save')}
        </Button>
        <Button onClick={() => (setRows(rowsOf(DEFAULT_AGENDA)), setMinutes(String(DEFAULT_TIMEBOX_MINUTES)), setSaved(false))}>{tx('agenda.reset')}</Button>
      </div>
    </form>
  );
}
