/**
 * The unit's BHK settings: monthly quota, minimum n and target. Everyone sees them in one line;
 * a manager can change them here (a per-field patch, so two offline edits of different fields
 * both survive: storage/bhk-repo.ts saveUnitSettings).
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import type { UnitSettings } from '../../../shared/schema/unit-settings';
import { formatPct } from '../../kit/format';
import { createTexts, errorOf } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';

const tx = createTexts(hygieneTexts);

export type SettingsPatch = Pick<UnitSettings, 'bhkMonthlyQuota' | 'bhkMinN' | 'bhkTargetPct'>;

/** The typed values, or null when one is out of range (the schema's limits). */
export function parseSettings(quota: string, minN: string, target: string): SettingsPatch | null {
  const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
  const q = int(quota);
  const m = int(minN);
  const p = Number(target.replace(',', '.'));
  if (!(q >= 0 && q <= 1000) || !(m >= 1 && m <= 1000) || !(target.trim() !== '' && p >= 0 && p <= 100)) return null;
  return { bhkMonthlyQuota: q, bhkMinN: m, bhkTargetPct: p };
}

export interface UnitSettingsFormProps {
  settings: UnitSettings;
  canEdit: boolean;
  onSave: (patch: SettingsPatch) => Promise<void>;
}

export function UnitSettingsForm(props: UnitSettingsFormProps): JSX.Element {
  // Read once: the form belongs to the user while open; a synced change shows after saving.
  const [quota, setQuota] = createSignal(String(props.settings.bhkMonthlyQuota));
  const [minN, setMinN] = createSignal(String(props.settings.bhkMinN));
  const [target, setTarget] = createSignal(String(props.settings.bhkTargetPct));
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const summary = () =>
    tx('settings.summary', {
      target: formatPct(props.settings.bhkTargetPct),
      quota: props.settings.bhkMonthlyQuota,
      minN: props.settings.bhkMinN,
    });
  const save = async () => {
    const patch = parseSettings(quota(), minN(), target());
    if (patch === null) return setMessage({ tone: 'error', text: tx('settings.invalid') });
    try {
      await props.onSave(patch);
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
          <TextField label={tx('settings.minN')} inputmode="numeric" value={minN()} onValue={setMinN} />
          <TextField label={tx('settings.target')} inputmode="decimal" value={target()} onValue={setTarget} />
          <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
          <Button type="submit" variant="primary">
            {tx('settings.save')}
          </Button>
        </form>
      </details>
    </Show>
  );
}
