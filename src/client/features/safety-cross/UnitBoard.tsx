/**
 * A unit's Gröna korset board (#/korset?unit=…&month=…), computed offline from the local replica:
 * one-tap green for yesterday and today, the month's cross or crosses, the key, the tapped day's
 * detail list, counters and the month summary. "Skriv ut" prints the cross (safety.css @media print).
 */
import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import type { Role } from '../../../shared/api';
import { addDays, localDate } from '../../../shared/domain/periods';
import { backdateVerdict } from '../../../shared/domain/safety-backdate';
import type { SafetyEvent } from '../../../shared/schema/safety-event';
import { pageNow } from '../../kit/clock';
import { useApp } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { errorOf } from '../../kit/i18n';
import { href } from '../../kit/router';
import { keepFirstPaint } from '../../kit/first-paint';
import { createLiveQuery } from '../../primitives';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { readTree } from '../../kit/use-unit';
import { getSafetySettings, listSafetyDays, listSafetyEvents, setDayConfirmed, voidSafetyEvent } from '../../storage/safety-repo';
import { Banner } from '../../ui/Banner';
import { buildBoard, dayView } from './board-model';
import { Counters } from './Counters';
import { Crosses } from './Crosses';
import { DayPanel } from './DayPanel';
import { MonthPicker } from './MonthPicker';
import { MonthSummary } from './MonthSummary';
import { QuickConfirm } from './QuickConfirm';
import { eventCount, tx } from './texts';

export interface UnitBoardProps {
  unitId: string;
  unitName: string;
  month: string;
  role: Role;
  /** A day to open at once (after registering an event, its day). */
  initialDate?: string | undefined;
  /** The org tree the screen names the unit from (the first paint compares it too). */
  tree?: readonly TreeUnit[] | undefined;
}

export function UnitBoard(props: UnitBoardProps): JSX.Element {
  const { db } = useApp();
  // The parent remounts this component when unit or month change, so reading props once is right.
  const { unitId, month } = props;
  const today = () => localDate(pageNow());
  const read = async () => ({
    events: await listSafetyEvents(db, unitId),
    days: await listSafetyDays(db, unitId),
    settings: await getSafetySettings(db, unitId),
  });
  const data = createLiveQuery(read);
  const board = createMemo(() => {
    const d = data();
    return d === undefined ? undefined : buildBoard({ month, today: today(), ...d });
  });
  const [selected, setSelected] = createSignal<string | null>(props.initialDate?.startsWith(month) ? props.initialDate : null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  // The next open draws this board's first screen at once (kit/first-paint.ts).
  keepFirstPaint({
    screen: 'safety',
    unitId: () => unitId,
    shown: () => {
      const d = data();
      const tree = props.tree;
      return d === undefined || tree === undefined ? undefined : [d, tree];
    },
    reread: async () => [await read(), await readTree(db)],
    clean: () => selected() === null && error() === null && !busy(),
  });
  const backdateDays = () => data()?.settings.backdateDays ?? 7;
  const writable = (date: string) => backdateVerdict(date, today(), backdateDays(), props.role) === 'ok';

  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (date: string, confirmed: boolean) => run(() => setDayConfirmed(db, unitId, date, confirmed, props.role));
  const voidEvent = (e: SafetyEvent) => run(() => voidSafetyEvent(db, e, props.role));
  const monthHref = (m: string) => href(['korset'], { unit: unitId, month: m });
  const eventHref = (date?: string) => href(['korset', 'handelse'], { unit: unitId, date });

  return (
    <Show when={board()} fallback={<p class="muted">{tx('title')} …</p>}>
      {(b) => (
        <div class="safety-board">
          <div class="board-tools no-print">
            <MonthPicker month={month} thisMonth={today().slice(0, 7)} href={monthHref} />
            <button type="button" class="btn btn-secondary" onClick={() => window.print()}>
              {tx('print')}
            </button>
          </div>
          <p class="print-only print-head">
            {tx('title')} · {props.unitName} · {formatMonth(month)}
          </p>
          <Show when={error()}>{(text) => <Banner tone="error">{text()}</Banner>}</Show>
          <div class="no-print quick-area">
            <QuickConfirm
              levels={b().levels}
              busy={busy()}
              onConfirm={(date, c) => void confirm(date, c)}
              days={[
                { ...dayView(b(), addDays(today(), -1)), label: tx('yesterday') },
                { ...dayView(b(), today()), label: tx('today') },
              ].map((d) => ({ ...d, events: d.events.length, writable: writable(d.date) }))}
            />
            <a class="btn btn-secondary btn-big new-event" href={eventHref()}>
              <span aria-hidden="true">+ </span>
              {tx('newEvent')}
            </a>
          </div>
          <Crosses
            board={b()}
            month={month}
            selected={selected()}
            onSelect={(date) => setSelected((s) => (s === date ? null : date))}
            detail={(date) => {
              const n = b().eventsByDate.get(date)?.length ?? 0;
              return n > 0 ? eventCount(n) : undefined;
            }}
          />
          <Show when={selected()} keyed>
            {(date) => {
              const day = () => dayView(b(), date);
              return (
                <div class="no-print">
                  <DayPanel
                    date={date}
                    status={day().status}
                    levels={b().levels}
                    events={day().events}
                    confirmed={day().confirmed}
                    writable={writable(date)}
                    backdateDays={backdateDays()}
                    busy={busy()}
                    newEventHref={eventHref(date)}
                    onConfirm={(c) => void confirm(date, c)}
                    onVoid={(e) => void voidEvent(e)}
                    onClose={() => setSelected(null)}
                  />
                </div>
              );
            }}
          </Show>
          <div class="board-facts">
            <Counters counters={b().counters} />
            <MonthSummary figures={b().figures} levels={b().levels} title={tx('summaryTitle', { month: formatMonth(month, false) })} />
          </div>
        </div>
      )}
    </Show>
  );
}
