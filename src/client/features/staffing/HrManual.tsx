/**
 * Entering one month's HR figure by hand (a manager reading it off the HR report): unit, month
 * and the figures with Swedish decimal comma. The unit's months already entered are listed, can
 * be opened for correction and removed.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { parseDecimal } from '../../../shared/domain/hr-values';
import type { ImportUnit } from '../../../shared/domain/hr-import';
import { previousPeriod } from '../../../shared/domain/periods';
import { hrMonthIdFor, type HrMonth } from '../../../shared/schema/hr-month';
import { useApp } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { errorOf, locale } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { listHrMonths, removeHrMonth, saveHrMonths } from '../../storage/staffing-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { pct1, txHr } from './texts';

const FIELDS = ['kvotTotal', 'kvotK', 'kvotM', 'korttid', 'ordinaryHours'] as const;
type Field = (typeof FIELDS)[number];
type Texts = Record<Field, string>;
const EMPTY: Texts = { kvotTotal: '', kvotK: '', kvotM: '', korttid: '', ordinaryHours: '' };

const show = (n: number | null) => (n === null ? '' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2, useGrouping: false }).format(n));

export function HrManual(props: { units: readonly ImportUnit[]; unitId: string; currentMonth: string }): JSX.Element {
  const { db } = useApp();
  const [unitId, setUnitId] = createSignal(props.unitId);
  const [month, setMonth] = createSignal(previousPeriod(props.currentMonth));
  const [values, setValues] = createSignal<Texts>(EMPTY);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const recent = createLiveQuery(() => listHrMonths(db, unitId(), '0000-01', props.currentMonth));
  const unitName = () => props.units.find((u) => u.id === unitId())?.name ?? unitId();

  const open = (m: HrMonth) => {
    setMonth(m.month);
    setValues(Object.fromEntries(FIELDS.map((f) => [f, show(m[f])])) as Texts);
    setMessage(null);
  };

  const save = async () => {
    const parsed: Partial<Record<Field, number | null>> = {};
    for (const f of FIELDS) {
      const raw = values()[f].trim();
      const n = raw === '' ? null : parseDecimal(raw);
      if ((raw !== '' && n === null) || (f === 'kvotTotal' && n === null)) {
        return setMessage({ tone: 'error', text: txHr('manual.invalid', { field: txHr(`manual.${f}`) }) });
      }
      parsed[f] = n;
    }
    const record = {
      id: hrMonthIdFor(unitId(), month()),
      unitId: unitId(),
      month: month(),
      kvotTotal: parsed.kvotTotal ?? 0,
      kvotK: parsed.kvotK ?? null,
      kvotM: parsed.kvotM ?? null,
      korttid: parsed.korttid ?? null,
      ordinaryHours: parsed.ordinaryHours ?? null,
      source: 'manual',
    } as HrMonth;
    if (record.korttid !== null && record.korttid > record.kvotTotal) return setMessage({ tone: 'error', text: txHr('manual.korttidOver') });
    try {
      await saveHrMonths(db, [record]);
      setMessage({ tone: 'success', text: txHr('manual.saved', { unit: unitName(), month: formatMonth(month()) }) });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };

  return (
    <div class="hr-manual">
      <form class="form" onSubmit={(e) => (e.preventDefault(), void save())}>
        <SelectField label={txHr('manual.unit')} value={unitId()} options={props.units.map((u) => ({ value: u.id, label: u.name }))} onValue={(v) => (setUnitId(v), setValues(EMPTY))} />
        <label class="field">
          <span class="field-label">{txHr('manual.month')}</span>
          <input class="input" type="month" required max={props.currentMonth} value={month()} onInput={(e) => setMonth(e.currentTarget.value)} />
        </label>
        <For each={FIELDS}>
          {(f) => (
            <TextField label={txHr(`manual.${f}`)} inputmode="decimal" autocomplete="off" value={values()[f]} onValue={(v) => setValues((x) => ({ ...x, [f]: v }))} />
          )}
        </For>
        <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
        <Button type="submit" variant="primary">
          {txHr('manual.save')}
        </Button>
      </form>
      <h3>{txHr('manual.recent')}</h3>
      <Show when={(recent() ?? []).length > 0} fallback={<p class="muted">{txHr('manual.none')}</p>}>
        <ul class="plain-list">
          <For each={[...(recent() ?? [])].reverse()}>
            {(m) => (
              <li class="hr-row">
                <Button variant="link" onClick={() => open(m)}>
                  {formatMonth(m.month)}: {pct1(m.kvotTotal)} ({txHr(`source.${m.source}`)})
                </Button>
                <Button
                  variant="danger"
                  onClick={async () => {
                    await removeHrMonth(db, m);
                    setMessage({ tone: 'success', text: txHr('manual.removed', { month: formatMonth(m.month) }) });
                  }}
                >
                  {txHr('manual.remove')}
                </Button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
