/**
 * The unit's BHK settings: the monthly quota (the board's own), and the target and minimum n,
 * which are the unit's in the indicator catalogue (bhkTotal in Mål och resultat: one target per
 * figure, issue 14). Everyone sees them in one line; a manager can change them here: the quota as
 * a per-field patch of the board's settings row, the target and minimum n as the unit's own
 * override in the catalogue (written only when they differ from what is in force there now).
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { BoardGoal } from '../../../shared/domain/indicators/board-goal';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import type { Indicator } from '../../../shared/schema/indicator';
import type { UnitSettings } from '../../../shared/schema/unit-settings';
import { createTexts, errorOf } from '../../kit/i18n';
import { href } from '../../kit/router';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';

const tx = createTexts(hygieneTexts);

export interface SettingsInput {
  bhkMonthlyQuota: number;
  minN: number;
  /** At least this percentage; null = the field left empty (the target in force stays). */
  targetPct: number | null;
}

/** The typed values, or null when one is out of range (the schemas' limits). */
export function parseSettings(quota: string, minN: string, target: string): SettingsInput | null {
  const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
  const q = int(quota);
  const m = int(minN);
  const p = target.trim() === '' ? null : Number(target.replace(',', '.'));
  if (!(q >= 0 && q <= 1000) || !(m >= 1 && m <= 1000) || (p !== null && !(p >= 0 && p <= 100))) return null;
  return { bhkMonthlyQuota: q, minN: m, targetPct: p };
}

export type GoalPatch = Partial<Pick<Indicator, 'target' | 'minN'>>;

/** The catalogue fields to write at the unit: only what differs from the goal in force there. */
export function goalPatch(goal: BoardGoal, input: Pick<SettingsInput, 'minN' | 'targetPct'>): GoalPatch {
  const patch: GoalPatch = {};
  if (input.targetPct !== null && !(goal.target?.op === 'gte' && goal.targetValue === input.targetPct)) patch.target = { op: 'gte', value: input.targetPct };
  if (input.minN !== goal.minN) patch.minN = input.minN;
  return patch;
}

export interface UnitSettingsFormProps {
  unitId: string;
  settings: UnitSettings;
  goal: BoardGoal;
  /** The target as every screen writes it ("mål ≥ 90 %"). */
  targetText: string;
  canEdit: boolean;
  onSaveQuota: (bhkMonthlyQuota: number) => Promise<void>;
  onSaveGoal: (patch: GoalPatch) => Promise<void>;
}

export function UnitSettingsForm(props: UnitSettingsFormProps): JSX.Element {
  // Read once: the form belongs to the user while open; a synced change shows after saving.
  const [quota, setQuota] = createSignal(String(props.settings.bhkMonthlyQuota));
  const [minN, setMinN] = createSignal(String(props.goal.minN));
  const [target, setTarget] = createSignal(props.goal.target?.op === 'gte' && props.goal.targetValue !== null ? String(props.goal.targetValue).replace('.', ',') : '');
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const summary = () => tx('settings.summary', { target: props.targetText, quota: props.settings.bhkMonthlyQuota, minN: props.goal.minN });
  const save = async () => {
    const input = parseSettings(quota(), minN(), target());
    if (input === null) return setMessage({ tone: 'error', text: tx('settings.invalid') });
    try {
      if (input.bhkMonthlyQuota !== props.settings.bhkMonthlyQuota) await props.onSaveQuota(input.bhkMonthlyQuota);
      const patch = goalPatch(props.goal, input);
      if (Object.keys(patch).length > 0) await props.onSaveGoal(patch);
      setMessage({ tone: 'success', text: tx('settings.saved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };
  return (
    <Show when={props.canEdit} fallback={<p class="muted settings-line">{summary()}</p>}>
      <details class="more card">
        <summary>
          {tx('settings.title')}: {summary()}
        </summary>
        <form class="form" onSubmit={(e) => (e.preventDefault(), void save())}>
          <TextField label={tx('settings.quota')} inputmode="numeric" value={quota()} onValue={setQuota} />
          <TextField label={tx('settings.target')} inputmode="decimal" value={target()} onValue={setTarget} />
          <TextField label={tx('settings.minN')} inputmode="numeric" value={minN()} onValue={setMinN} />
          <p class="muted">
            {tx('settings.goalNote')} <a href={href(['mal', 'katalog'], { unit: props.unitId })}>{tx('settings.catalogue')}</a>
          </p>
          <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
          <Button type="submit" variant="primary">
            {tx('settings.save')}
          </Button>
        </form>
      </details>
    </Show>
  );
}
