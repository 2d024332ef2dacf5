/**
 * The morning entry for one day: a card per shift and one Spara for them all. The whole day is
 * written in one transaction (the caller's onSave); problems are shown at the field as the user
 * types, and nothing is saved while any is left.
 */
import { createEffect, createSignal, Index, on, Show, type JSX } from 'solid-js';
import type { StaffingShift } from '../../../shared/schema/staffing-shift';
import { errorOf } from '../../kit/i18n';
import { Banner, type BannerTone } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ShiftCard } from './ShiftCard';
import { type DayPlan, initialDrafts, markSaved, planDay, problemOf, refreshDrafts, type ShiftDraft } from './shift-draft';
import { dayLabel, tx, txn } from './texts';

export interface DayEntryProps {
  unitId: string;
  date: string;
  shifts: readonly string[];
  today: readonly StaffingShift[];
  yesterday: readonly StaffingShift[];
  onSave: (plan: DayPlan) => Promise<void>;
}

export function DayEntry(props: DayEntryProps): JSX.Element {
  const fresh = () => initialDrafts(props.shifts, props.today, props.yesterday);
  const [drafts, setDrafts] = createSignal<ShiftDraft[]>(fresh());
  const [message, setMessage] = createSignal<{ tone: BannerTone; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  // Another tablet saved, or our own save came back: refresh what the user is not editing.
  createEffect(on(fresh, (next) => setDrafts((cur) => refreshDrafts(cur, next)), { defer: true }));

  const edit = (next: ShiftDraft) => {
    setDrafts((ds) => ds.map((d) => (d.shift === next.shift ? next : d)));
    setMessage(null);
  };

  const save = async () => {
    const plan = planDay(drafts(), props.unitId, props.date);
    if (plan.problems.length > 0) return setMessage({ tone: 'error', text: tx('fixProblems') });
    const n = plan.save.length + plan.remove.length;
    if (n === 0) return setMessage({ tone: 'info', text: tx('nothingToSave') });
    setBusy(true);
    try {
      await props.onSave(plan);
      setDrafts(markSaved);
      setMessage({ tone: 'success', text: txn('saved', n, { date: dayLabel(props.date) }) });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="day-entry" onSubmit={(e) => (e.preventDefault(), void save())}>
      <div class="shift-cards">
        {/* Index keeps each card's DOM while its draft changes, so a typed digit keeps focus. */}
        <Index each={drafts()}>{(d) => <ShiftCard draft={d()} problem={problemOf(d())} onChange={edit} />}</Index>
      </div>
      <div class="entry-actions">
        <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
        <Button type="submit" variant="primary" size="big" disabled={busy()}>
          {busy() ? tx('saving') : tx('save')}
        </Button>
      </div>
    </form>
  );
}
