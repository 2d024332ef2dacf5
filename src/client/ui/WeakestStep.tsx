/**
 * "Svagaste steg: Handskar (79 %)": where to aim improvement. Hidden when every answered step is
 * at 100 %, since naming a "weakest" step then points at nothing.
 */
import { Show, type JSX } from 'solid-js';
import type { BhkFigures } from '../../shared/domain';
import { formatPct } from '../kit/format';
import { t } from '../kit/i18n';

export function WeakestStep(props: { figures: BhkFigures }): JSX.Element {
  const step = () => {
    const s = props.figures.weakestStep;
    const pct = s === null ? null : props.figures.steps[s].pct;
    return s !== null && pct !== null && pct < 100 ? { s, pct } : null;
  };
  return (
    <Show when={step()}>
      {(w) => <p class="weakest">{t('hygiene.weakest', { step: t(`step.${w().s}`), pct: formatPct(w().pct) })}</p>}
    </Show>
  );
}
