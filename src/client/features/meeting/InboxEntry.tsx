/**
 * One item escalated to this level: what, from which unit, its status, and the level's answer
 * (mottagen / åtgärdas / löst / tillbaka with a short reply) or "Skicka vidare" to the parent.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { parentLevel } from '../../../shared/domain/meeting/escalation';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { EscalationStatus } from '../../../shared/schema/escalation';
import { useApp } from '../../kit/context';
import { answer, forward, type InboxItem } from '../../storage/meeting-repo';
import { Button } from '../../ui/Button';
import { ErrorLine } from '../../ui/ErrorLine';
import { ANSWER_CHOICES, ESC_SYMBOL, escStatusText } from '../improvements/escalation-model';
import { textError } from '../improvements/action-model';
import { useWrite } from '../improvements/use-write';
import { tx } from '../improvements/texts';

export function InboxEntry(props: { entry: InboxItem; levelId: string; units: readonly TreeUnit[] }): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const [reply, setReply] = createSignal(props.entry.item.escalationReply ?? '');
  const [replyError, setReplyError] = createSignal<string | undefined>();
  const [done, setDone] = createSignal<string | null>(null);
  const item = () => props.entry.item;
  const status = (): EscalationStatus => item().escalationStatus ?? 'skickad';
  const parent = () => parentLevel(props.units, props.levelId);
  const give = (s: (typeof ANSWER_CHOICES)[number]) => {
    const err = textError(reply().trim(), 300);
    setReplyError(err);
    if (err !== undefined) return;
    const text = reply().trim();
    void w
      .run(() => answer(db, props.entry.entity, item(), s as 'mottagen', text === '' ? null : text, props.levelId))
      .then((ok) => ok && setDone(tx('esc.answeredDone')));
  };
  return (
    <li class={`inbox-entry card esc-${status()}`}>
      <p class="inbox-from">
        {tx(`esc.kind.${props.entry.entity}`)} · {tx('esc.from', { unit: props.entry.fromName })}
      </p>
      <strong class="inbox-title">{item().title}</strong>
      <p class="esc-line">
        <span aria-hidden="true">{ESC_SYMBOL[status()]} </span>
        {escStatusText(status())}
        <Show when={item().escalationReply}>{(r) => <>: ”{r()}”</>}</Show>
      </p>
      <label class="field">
        <span class="field-label">{tx('esc.reply')}</span>
        <input class="input" value={reply()} maxLength={320} aria-invalid={replyError() !== undefined} onInput={(e) => setReply(e.currentTarget.value)} />
        <ErrorLine message={replyError()} inline />
      </label>
      <div class="button-row answer-row">
        <For each={ANSWER_CHOICES}>
          {(s) => (
            <Button variant={s === 'lost' ? 'primary' : 'secondary'} disabled={w.busy()} aria-pressed={status() === s} onClick={() => give(s as (typeof ANSWER_CHOICES)[number])}>
              <span aria-hidden="true">{ESC_SYMBOL[s]} </span>
              {tx('esc.answerWith', { status: escStatusText(s) })}
            </Button>
          )}
        </For>
        <Show when={parent()}>
          {(p) => (
            <Button
              disabled={w.busy()}
              onClick={() => void w.run(() => forward(db, props.units, props.entry.entity, item())).then((ok) => ok && setDone(tx('esc.forwarded', { parent: p().name })))}
            >
              <span aria-hidden="true">↑ </span>
              {tx('esc.forward', { parent: p().name })}
            </Button>
          )}
        </Show>
      </div>
      <Show when={done()}>{(d) => <p class="esc-done" role="status">✓ {d()}</p>}</Show>
      <ErrorLine message={w.error()} />
    </li>
  );
}
