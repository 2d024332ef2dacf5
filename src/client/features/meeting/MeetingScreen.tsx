/**
 * Pulsmöte (#/mote): today's meeting for the unit (?unit=… in the caller's subtree, else the
 * caller's own), past meetings (#/mote/logg) and the agenda editor (#/mote/dagordning, for
 * managers and the unit's tablets). At a VO or division the same meeting carries its own
 * actions and ideas and the inbox of what the units below escalated.
 */
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { Match, Show, Switch, type JSX } from 'solid-js';
import { localDate } from '../../../shared/domain/periods';
import { subtreeIds } from '../../../shared/domain/rollup';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { href, route } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { getMeetingConfig } from '../../storage/meeting-repo';
import { AgendaEditor } from './AgendaEditor';
import { MeetingLogs } from './MeetingLogs';
import { MeetingRoom } from './MeetingRoom';
import { tx } from '../improvements/texts';
import { useUnit } from '../../kit/use-unit';
import './meeting.css';

export default function MeetingScreen(): JSX.Element {
  const { db } = useApp();
  const session = useSession();
  const u = useUnit();
  const today = () => localDate(pageNow());
  const sub = () => route().path[1];
  const q = () => ({ unit: route().query.unit });
  const mayEditAgenda = () => u.isLead() || session().identity.kind === 'tablet';
  /** A level's TV: the wall rotating through the open units below it (wall-rotation.ts). */
  const rotatingWall = () => {
    const tree = u.tree() ?? [];
    const parents = new Set(tree.map((x) => x.parentId));
    const units = subtreeIds(tree, u.unitId()).filter((id) => !parents.has(id) && tree.find((x) => x.id === id)?.closedAt == null);
    return href(['vagg'], { enheter: units.join(','), tavlor: 'alla', sek: '30' });
  };
  const config = createLiveQuery(async () => ({ id: u.unitId(), config: await getMeetingConfig(db, u.unitId()) }));
  return (
    <div class="screen meeting">
      <header class="screen-head">
        <h1>{u.isLevel() ? tx('meeting.levelTitle', { unit: u.unit()?.name ?? '' }) : tx('meeting.title')}</h1>
        <p class="unit-name">{u.isLevel() ? '' : (u.unit()?.name ?? '')}</p>
        <nav class="button-row meeting-links" aria-label={tx('meeting.title')}>
          <Show when={sub() !== undefined}>
            <a class="btn btn-link" href={href(['mote'], q())}>
              ← {tx('meeting.back')}
            </a>
          </Show>
          <Show when={sub() !== 'logg'}>
            <a class="btn btn-secondary" href={href(['mote', 'logg'], q())}>
              {tx('meeting.logs')}
            </a>
          </Show>
          <Show when={sub() !== 'dagordning' && mayEditAgenda()}>
            <a class="btn btn-secondary" href={href(['mote', 'dagordning'], q())}>
              {tx('meeting.agenda')}
            </a>
          </Show>
          <Show when={!u.isLevel()}>
            <a class="btn btn-secondary" href={href(['vagg'], { unit: u.unitId() })}>
              {tx('meeting.openWall')}
            </a>
          </Show>
          <Show when={u.isLevel() && u.tree()}>
            <a class="btn btn-secondary" href={rotatingWall()}>
              {tx('meeting.openRotatingWall')}
            </a>
          </Show>
        </nav>
        <Show when={sub() === undefined}>
          <p class="muted wall-help">{tx('meeting.wallHelp')}</p>
        </Show>
      </header>
      <Show when={u.isLevel()}>
        <p class="muted">{tx('meeting.levelNote', { unit: u.unit()?.name ?? '' })}</p>
      </Show>
      <Show when={u.tree() && u.unit()} fallback={<p class="muted">…</p>}>
        <Switch>
          <Match when={sub() === 'logg'}>
            <h2>{tx('meeting.logs')}</h2>
            <Show when={u.unitId()} keyed>
              {(id) => (
                <UnitRowsGate unitId={id}>
                  <MeetingLogs unitId={id} />
                </UnitRowsGate>
              )}
            </Show>
          </Match>
          <Match when={sub() === 'dagordning' && mayEditAgenda()}>
            {/* Not keyed: saving re-reads the config, and the editor (with its "saved") must stay. */}
            <Show when={config()?.id === u.unitId() ? config() : undefined}>
              {(c) => <AgendaEditor unitId={c().id} unitName={u.unit()?.name ?? ''} agenda={c().config.agenda} timeboxMinutes={c().config.timeboxMinutes} />}
            </Show>
          </Match>
          <Match when={true}>
            <Show when={`${u.unitId()}|${today()}`} keyed>
              {(_key) => (
                <UnitRowsGate unitId={u.unitId()}>
                  <MeetingRoom unit={u.unit() ?? { id: u.unitId(), parentId: null, kind: 'enhet', name: '', closedAt: null }} units={u.tree() ?? []} isLevel={u.isLevel()} today={today()} role={session().identity.role} />
                </UnitRowsGate>
              )}
            </Show>
          </Match>
        </Switch>
      </Show>
    </div>
  );
}
