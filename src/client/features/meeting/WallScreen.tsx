/**
 * Väggskärm (#/vagg?unit=…): a read-only, large-type board for a screen in the staff room. No
 * buttons, links or inputs at all, and no menu (the shell's top bar is hidden while it shows).
 * Data follows the replica live (sync keeps running); the clock and the dates tick by themselves.
 * A VO's TV rotates by itself between units and boards set in the address
 * (#/vagg?enheter=a,b&tavlor=alla,korset&sek=30, wall-rotation.ts): each view fits the screen as
 * the whole wall does, and changes without animation (nothing moves but the view itself).
 */
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { createEffect, createMemo, createSignal, For, lazy, Match, onCleanup, Show, Suspense, Switch, type JSX } from 'solid-js';
import { boardStatus } from '../../../shared/domain/meeting/escalation';
import { localDate } from '../../../shared/domain/periods';
import { createNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { locale } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { listActions, listIdeas } from '../../storage/meeting-repo';
import { actionRows } from '../improvements/action-model';
import { ESC_SYMBOL, escalationLine } from '../improvements/escalation-model';
import { tx } from '../improvements/texts';
import { chooseUnitId, useUnit } from '../../kit/use-unit';
import { route } from '../../kit/router';
import { parseWallConfig, viewAt, type WallBoard } from './wall-rotation';
import './meeting.css';

const WallStaffing = lazy(() => import('./wall/WallStaffing'));
const WallSafety = lazy(() => import('./wall/WallSafety'));
const WallHygiene = lazy(() => import('./wall/WallHygiene'));
const MAX_ROWS = 8;

export default function WallScreen(): JSX.Element {
  const { db, sync } = useApp();
  const u = useUnit();
  const session = useSession();
  const now = createNow(10_000);
  const today = () => localDate(now());
  // No menu on a dedicated screen: the shell's bars are hidden while this is shown.
  createEffect(() => document.body.classList.add('wall-mode'));
  onCleanup(() => document.body.classList.remove('wall-mode'));

  // The rotation the address asks for, within the caller's scope (wall-rotation.ts).
  const config = createMemo(() => parseWallConfig(route().query, u.unitId(), (id) => chooseUnitId(id, session().identity.scopeUnitId, u.tree()) === id));
  const [tick, setTick] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const wait = viewAt(config(), Date.now()).nextInMs;
    // Just past the boundary, so the clock is in the next view's slot.
    if (Number.isFinite(wait)) timer = setTimeout(() => (setTick(Date.now()), schedule()), wait + 50);
  };
  createEffect(() => (config(), schedule()));
  onCleanup(() => clearTimeout(timer));
  const shown = createMemo(() => viewAt(config(), tick()));
  const unitId = () => shown().view.unitId;
  const board = (): WallBoard => shown().view.board;
  const unit = () => u.tree()?.find((x) => x.id === unitId());

  const data = createLiveQuery(async () => {
    const id = unitId();
    return { unitId: id, actions: await listActions(db, id), ideas: await listIdeas(db, id), at: Date.now() };
  });
  const held = () => (data()?.unitId === unitId() ? data() : undefined);
  const hm = (ms: number) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
  const updated = () => Math.max(sync()?.lastSyncAt ?? 0, held()?.at ?? 0);
  const open = () => actionRows(held()?.actions ?? [], today(), 'open');
  const going = () => (held()?.ideas ?? []).filter((i) => i.stage === 'pagar');
  const answers = () =>
    [...(held()?.actions ?? []), ...(held()?.ideas ?? [])]
      .filter((i) => i.escalatedTo)
      .map((i) => ({ title: i.title, status: boardStatus(u.tree() ?? [], i) }));
  const list = <T,>(items: readonly T[], row: (item: T) => JSX.Element) => (
    <Show when={items.length > 0} fallback={<p class="wall-none">{tx('wall.none')}</p>}>
      <ul class="wall-list">
        <For each={items.slice(0, MAX_ROWS)}>{row}</For>
      </ul>
      <Show when={items.length > MAX_ROWS}>
        <p class="wall-more">{tx('wall.more', { n: items.length - MAX_ROWS })}</p>
      </Show>
    </Show>
  );
  const month = () => formatMonth(today().slice(0, 7), false);

  const staffing = () => (
    <section class="wall-card wall-staffing">
      <h2>{tx('wall.staffing')}</h2>
      <Show when={unit()} keyed>
        {(x) => <WallStaffing unit={x} date={today()} />}
      </Show>
    </section>
  );
  const cross = () => (
    <section class="wall-card wall-cross">
      <h2>{tx('wall.safety', { month: month() })}</h2>
      <WallSafety unitId={unitId()} today={today()} />
    </section>
  );
  const hygiene = () => (
    <section class="wall-card wall-bhk">
      <h2>{tx('wall.hygiene', { month: month() })}</h2>
      <WallHygiene unitId={unitId()} today={today()} label={tx('wall.bhkFigure')} />
    </section>
  );
  const actions = () => (
    <section class="wall-card wall-actions">
      <h2>{tx('wall.actions')}</h2>
      {list(open(), (r) => (
        <li classList={{ 'wall-late': r.overdue }}>
          <span aria-hidden="true">{r.overdue ? '⚠ ' : '○ '}</span>
          <strong>{r.action.title}</strong>
          <span class="wall-sub">
            {' '}
            · {r.action.owner ?? tx('actions.noOwner')} · {r.action.due ?? tx('actions.noDue')}
            {r.overdue ? ` · ${tx('actions.overdue')}` : ''}
          </span>
        </li>
      ))}
    </section>
  );
  const ideas = () => (
    <section class="wall-card wall-ideas">
      <h2>{tx('wall.ideas')}</h2>
      {list(going(), (i) => (
        <li>
          <span aria-hidden="true">◐ </span>
          <strong>{i.title}</strong>
          <Show when={i.pdsa}>{(p) => <span class="wall-sub"> · {p()}</span>}</Show>
        </li>
      ))}
    </section>
  );
  const escalations = () => (
    <section class="wall-card wall-answers">
      <h2>{tx('wall.answers')}</h2>
      {list(answers(), (a) => (
        <li>
          <span aria-hidden="true">{a.status ? ESC_SYMBOL[a.status.status] : ''} </span>
          <strong>{a.title}</strong>
          <span class="wall-sub"> · {escalationLine(a.status)}</span>
        </li>
      ))}
    </section>
  );

  return (
    <div class="wall" data-view={`${unitId()}|${board()}`}>
      <header class="wall-head">
        <h1>{tx('wall.title', { unit: unit()?.name ?? '' })}</h1>
        <p class="wall-clock" aria-live="off">
          {hm(now())}
        </p>
        <p class="wall-updated">
          {tx('wall.updated', { time: hm(updated() || now()) })}
          <Show when={shown().count > 1}>
            {' · '}
            <span data-testid="wall-rotation">{tx('wall.rotation', { index: shown().index + 1, count: shown().count })}</span>
          </Show>
        </p>
      </header>
      <Show when={u.tree() && unit()} fallback={<p class="wall-none">…</p>}>
        {/* One view at a time, remounted when it changes: no transition, nothing animated. */}
        <Show when={`${unitId()}|${board()}`} keyed>
          {(_view) => (
            <UnitRowsGate unitId={unitId()}>
              <Switch>
                <Match when={board() === 'alla'}>
                  <div class="wall-grid">
                    <Suspense>
                      {staffing()}
                      {cross()}
                      <div class="wall-col">
                        {hygiene()}
                        {actions()}
                      </div>
                    </Suspense>
                    {ideas()}
                    {escalations()}
                  </div>
                </Match>
                <Match when={board() === 'atgarder'}>
                  <div class="wall-grid wall-one wall-one-atgarder">
                    {actions()}
                    {ideas()}
                    {escalations()}
                  </div>
                </Match>
                <Match when={board() !== 'alla'}>
                  <div class={`wall-grid wall-one wall-one-${board()}`}>
                    <Suspense>{board() === 'bemanning' ? staffing() : board() === 'korset' ? cross() : hygiene()}</Suspense>
                  </div>
                </Match>
              </Switch>
            </UnitRowsGate>
          )}
        </Show>
      </Show>
    </div>
  );
}
