/**
 * Beds at the pulse meeting (vårdavdelningar): the day's five counts with steppers, yesterday's
 * disponibla vårdplatser offered as the start, and the month's overcrowding figure
 * (överbeläggningar per 100 disponibla vårdplatser, pooled over the reported days).
 */
import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { bedsFigures, type BedsCounts } from '../../../shared/domain/staffing-beds';
import { BEDS_FIELDS, type BedsDay, type BedsField, bedsIdFor } from '../../../shared/schema/beds-day';
import { formatMonth } from '../../kit/format';
import { errorOf } from '../../kit/i18n';
import { Banner, type BannerTone } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Stepper } from './Stepper';
import { num1, pct1, tx } from './texts';

type Draft = Record<BedsField, number | null>;

function draftOf(today: BedsDay | null, before: BedsDay | null): Draft {
  if (today !== null) return { ...today };
  return { disponibla: before?.disponibla ?? null, belagda: null, overbelaggningar: 0, utlokaliserade: 0, utskrivningsklara: 0 };
}

export interface BedsEntryProps {
  unitId: string;
  date: string;
  month: string;
  today: BedsDay | null;
  before: BedsDay | null;
  monthCounts: BedsCounts;
  onSave: (beds: BedsDay) => Promise<void>;
}

export function BedsEntry(props: BedsEntryProps): JSX.Element {
  const [draft, setDraft] = createSignal<Draft>(draftOf(props.today, props.before));
  const [dirty, setDirty] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: BannerTone; text: string } | null>(null);
  createEffect(on(() => props.today, (today) => !dirty() && setDraft(draftOf(today, props.before)), { defer: true }));

  const set = (field: BedsField, v: number | null) => {
    setDraft((d) => ({ ...d, [field]: v === null ? null : Math.min(999, Math.max(0, v)) }));
    setDirty(true);
    setMessage(null);
  };
  const save = async () => {
    const d = draft();
    if (BEDS_FIELDS.some((f) => d[f] === null)) return setMessage({ tone: 'error', text: tx('beds.notFilled') });
    try {
      await props.onSave({ id: bedsIdFor(props.unitId, props.date), unitId: props.unitId, date: props.date, ...(d as Record<BedsField, number>) } as BedsDay);
      setDirty(false);
      setMessage({ tone: 'success', text: tx('beds.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };
  const fig = () => bedsFigures(props.monthCounts);

  return (
    <section class="beds" aria-labelledby="beds-title">
      <h2 id="beds-title">{tx('beds.title')}</h2>
      <div class="beds-steppers">
        <For each={BEDS_FIELDS}>
          {(field) => (
            <Stepper
              label={tx(`beds.${field}`)}
              value={draft()[field]}
              onStep={(delta) => set(field, (draft()[field] ?? 0) + delta)}
              onValue={(v) => set(field, v)}
            />
          )}
        </For>
      </div>
      <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
      <Button variant="secondary" onClick={() => void save()}>
        {tx('beds.save')}
      </Button>
      <Show when={fig().days > 0} fallback={<p class="sfig-n">{tx('beds.none', { month: formatMonth(props.month, false) })}</p>}>
        <p class="beds-month">{tx('beds.overcrowding', { month: formatMonth(props.month, false), n: num1(fig().overPer100) })}</p>
        <p class="sfig-n">{tx('beds.detail', { utlok: num1(fig().utlokPer100), occ: pct1(fig().occupancyPct), days: fig().days })}</p>
      </Show>
    </section>
  );
}
