/**
 * Väggskärm (#/vagg?unit=…): a read-only, large-type board for a screen in the staff room. No
 * buttons, links or inputs at all, and no menu (the shell's top bar is hidden while it shows).
 * Data follows the replica live (sync keeps running); the clock and the dates tick by themselves.
 */
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { createEffect, For, lazy, onCleanup, Show, Suspense, type JSX } from 'solid-js';
import { boardStatus } from '../../../shared/domain/meeting/escalation';
import { localDate } from '../../../shared/domain/periods';
import { createNow } from '../../kit/clock';
import { useApp } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { locale } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { listActions, listIdeas } from '../../storage/meeting-repo';
import { actionRows } from '../improvements/action-model';
import { ESC_SYMBOL, escalationLine } from '../improvements/escalation-model';
import { tx } from '../improvements/texts';
import { useUnit } from '../../kit/use-unit';
import './meeting.css';

const WallStaffing = lazy(() => import('./wall/WallStaffing'));
const WallSafety = lazy(() => import('./wall/WallSafety'));
const WallHygiene = lazy(() => import('./wall/WallHygiene'));
const MAX_ROWS = 8;

export default function WallScreen(): JSX.Element {
  const { db, sync } = useApp();
  const u = useUnit();
  const now = createNow(10_000);
  const today = () => localDate(now());
  // No menu on a dedicated screen: the shell's bars are hidden while this is shown.
  createEffect(() => document.body.classList.add('wall-mode'));
  onCleanup(() => document.body.classList.remove('wall-mode'));
  const data = createLiveQuery(async () => ({ actions: await listActions(db, u.unitId()), ideas: await listIdeas(db, u.unitId()), at: Date.now() }));
  const hm = (ms: number) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
  const updated = () => Math.max(sync()?.lastSyncAt ?? 0, data()?.at ?? 0);
  const open = () => actionRows(data()?.actions ?? [], today(), 'open');
  const going = () => (data()?.ideas ?? []).filter((i) => i.stage === 'pagar');
  const answers = () =>
    [...(data()?.actions ?? []), ...(data()?.ideas ?? [])]
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
  return (
    <div class="wall">
      <header class="wall-head">
        <h1>{tx('wall.title', { unit: u.unit()?.name ?? '' })}</h1>
        <p class="wall-clock" aria-live="off">
          {hm(now())}
        </p>
        <p class="wall-updated">{tx('wall.updated', { time: hm(updated() || now()) })}</p>
      </header>
      <Show when={u.tree() && u.unit()} fallback={<p class="wall-none">…</p>}>
        <UnitRowsGate unitId={u.unitId()}>
          <div class="wall-grid">
            <Suspense>
              <section class="wall-card wall-staffing">
                <h2>{tx('wall.staffing')}</h2>
                <Show when={u.unit()} keyed>
                  {(unit) => <WallStaffing unit={unit} date={today()} />}
                </Show>
              </section>
              <section class="wall-card wall-cross">
                <h2>{tx('wall.safety', { month: formatMonth(today().slice(0, 7), false) })}</h2>
                <WallSafety unitId={u.unitId()} today={today()} />
              </section>
              <div class="wall-col">
              <section class="wall-card wall-bhk">
                <h2>{tx('wall.hygiene', { month: formatMonth(today().slice(0, 7), false) })}</h2>
                <WallHygiene unitId={u.unitId()} today={today()} label={tx('wall.bhkFigure')} />
              </section>
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
              </div>
            </Suspense>
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
          </div>
        </UnitRowsGate>
      </Show>
    </div>
  );
}
