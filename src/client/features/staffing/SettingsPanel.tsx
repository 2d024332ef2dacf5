/**
 * The unit's staffing settings: its shifts, beds on or off, weekdays only (the board's settings
 * row), and the sick-leave target, which is the unit's in the indicator catalogue (one target per
 * figure, issue 14): a changed value is written as the unit's "≤" override of both sick-leave
 * indicators, the board's share (sickShare) and the HR kvot (hrKvot); empty leaves them as they are.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { parseDecimal } from '../../../shared/domain/hr-values';
import { KNOWN_SHIFTS } from '../../../shared/schema/staffing-shift';
import type { StaffingConfig } from '../../../shared/schema/staffing-settings';
import { useApp } from '../../kit/context';
import { errorOf, locale } from '../../kit/i18n';
import { atMostValue, type BoardGoal } from '../../../shared/domain/indicators/board-goal';
import { saveIndicator } from '../../storage/indicator-repo';
import { saveStaffingConfig } from '../../storage/staffing-repo';
import { createBoardGoal } from '../indicators/board-goal';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { TextField } from '../../ui/Field';
import { shiftLabel, tx } from './texts';

export function SettingsPanel(props: { unitId: string; config: StaffingConfig }): JSX.Element {
  const goal = createBoardGoal(() => props.unitId, 'staffing');
  // The form reads the goal once, when it is known.
  return <Show when={goal()}>{(g) => <SettingsForm unitId={props.unitId} config={props.config} goal={g()} />}</Show>;
}

function SettingsForm(props: { unitId: string; config: StaffingConfig; goal: BoardGoal }): JSX.Element {
  const { db } = useApp();
  const [shifts, setShifts] = createSignal<string[]>([...props.config.shifts]);
  const [beds, setBeds] = createSignal(props.config.bedsEnabled);
  const [weekdays, setWeekdays] = createSignal(props.config.weekdaysOnly);
  const fmt = (n: number | null) => (n === null ? '' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n));
  const [target, setTarget] = createSignal(fmt(atMostValue(props.goal)));
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  // Known shifts keep their natural order; a region's own codes stay where they were.
  const toggle = (s: string) =>
    setShifts((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...KNOWN_SHIFTS.filter((k) => k === s || cur.includes(k)), ...cur.filter((x) => !(KNOWN_SHIFTS as readonly string[]).includes(x))]));

  const save = async () => {
    if (shifts().length === 0) return setMessage({ tone: 'error', text: tx('settings.needShift') });
    const raw = target().trim();
    const targetPct = raw === '' ? null : parseDecimal(raw);
    if (raw !== '' && (targetPct === null || targetPct < 0 || targetPct > 100)) return setMessage({ tone: 'error', text: tx('settings.badTarget') });
    try {
      await saveStaffingConfig(db, props.unitId, { shifts: shifts(), bedsEnabled: beds(), weekdaysOnly: weekdays() });
      if (targetPct !== null && targetPct !== atMostValue(props.goal)) {
        for (const key of ['sickShare', 'hrKvot']) await saveIndicator(db, props.unitId, key, { target: { op: 'lte', value: targetPct } });
      }
      setMessage({ tone: 'success', text: tx('settings.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };

  return (
    <form class="form staffing-settings" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{tx('settings.title')}</h2>
      <fieldset class="chips">
        <legend>{tx('settings.shifts')}</legend>
        <For each={[...KNOWN_SHIFTS, ...shifts().filter((s) => !(KNOWN_SHIFTS as readonly string[]).includes(s))]}>
          {(s) => (
            <Chip selected={shifts().includes(s)} onSelect={() => toggle(s)}>
              {shiftLabel(s)}
            </Chip>
          )}
        </For>
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={beds()} onChange={(e) => setBeds(e.currentTarget.checked)} />
        {tx('settings.beds')}
      </label>
      <label class="check">
        <input type="checkbox" checked={weekdays()} onChange={(e) => setWeekdays(e.currentTarget.checked)} />
        {tx('settings.weekdays')}
      </label>
      <TextField label={tx('settings.target')} inputmode="decimal" value={target()} onValue={setTarget} />
      <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
      <Button type="submit" variant="primary">
        {tx('settings.save')}
      </Button>
    </form>
  );
}
