/**
 * The meeting's Eskalera step: the unit's open items that may go up (with "Eskalera till …"),
 * what it has escalated and the answers received, and at a VO or division the inbox of what the
 * units below escalated to it, and beside it the level's strategic actions (issue 13).
 */
import { For, Show, type JSX } from 'solid-js';
import { canEscalate } from '../../../shared/domain/meeting/escalation';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { Action } from '../../../shared/schema/action';
import type { Idea } from '../../../shared/schema/idea';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
// Not through primitives/index: that module is in the first load, keyed is only for lazy screens.
import { keyed } from '../../primitives/keyed';
import { listActions, listIdeas, listInbox } from '../../storage/meeting-repo';
import { EscalationControls } from '../improvements/EscalationControls';
import { InboxEntry } from './InboxEntry';
import { StrategicActions } from './StrategicActions';
import { pageNow } from '../../kit/clock';
import { tx } from '../improvements/texts';

type Entry = { entity: 'action' | 'idea'; item: Action | Idea };

export function EscalateStep(props: { unitId: string; unitName: string; units: readonly TreeUnit[]; isLevel: boolean }): JSX.Element {
  const { db } = useApp();
  const own = createLiveQuery(async (): Promise<Entry[]> => [
    ...(await listActions(db, props.unitId)).map((item) => ({ entity: 'action' as const, item })),
    ...(await listIdeas(db, props.unitId)).map((item) => ({ entity: 'idea' as const, item })),
  ]);
  const inbox = createLiveQuery(() => (props.isLevel ? listInbox(db, props.units as TreeUnit[], props.unitId) : Promise.resolve([])));
  const inboxById = keyed(inbox, (e) => `${e.entity}:${e.item.id}`);
  const isOpen = (e: Entry) => ('status' in e.item ? e.item.status !== 'klar' : e.item.stage !== 'klar');
  const candidates = () => (own() ?? []).filter((e) => isOpen(e) && canEscalate(e.item) && !e.item.escalatedTo);
  const mine = () => (own() ?? []).filter((e) => !!e.item.escalatedTo);
  const row = (e: Entry) => (
    <li class="esc-item card">
      <span class="muted">{tx(`esc.kind.${e.entity}`)}</span> <strong>{e.item.title}</strong>
      <EscalationControls entity={e.entity} item={e.item} units={props.units} editable={true} />
    </li>
  );
  return (
    <div class="escalate-step">
      <Show when={props.isLevel}>
        <section class="inbox" aria-label={tx('esc.inbox', { unit: props.unitName })}>
          <h3>{tx('esc.inbox', { unit: props.unitName })}</h3>
          <Show when={(inbox() ?? []).length > 0} fallback={<p class="muted">{tx('esc.inboxEmpty')}</p>}>
            <ul class="plain-cards">
              {/* By id: a sync landing while a reply is being typed keeps the entry and its text. */}
              <For each={inboxById.ids()}>
                {(id) => <Show when={inboxById.get(id)}>{(entry) => <InboxEntry entry={entry()} levelId={props.unitId} units={props.units} />}</Show>}
              </For>
            </ul>
          </Show>
        </section>
      </Show>
      <Show when={props.isLevel}>
        <StrategicActions unitId={props.unitId} units={props.units} year={new Date(pageNow()).getFullYear()} />
      </Show>
      <section aria-label={tx('esc.mine')}>
        <h3>{tx('esc.mine')}</h3>
        <Show when={mine().length > 0} fallback={<p class="muted">{tx('esc.mineEmpty')}</p>}>
          <ul class="plain-cards">
            <For each={mine()}>{row}</For>
          </ul>
        </Show>
      </section>
      <section aria-label={tx('esc.candidates')}>
        <h3>{tx('esc.candidates')}</h3>
        <p class="muted">{tx('esc.candidatesHelp')}</p>
        <Show when={candidates().length > 0} fallback={<p class="muted">{tx('esc.noCandidates')}</p>}>
          <ul class="plain-cards">
            <For each={candidates()}>{row}</For>
          </ul>
        </Show>
      </section>
    </div>
  );
}
