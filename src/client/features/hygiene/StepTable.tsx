/**
 * Compliance per step, Ja / (Ja + Nej) with its counts, hygiene routines then dress code. The
 * weakest step is marked by a symbol and a word as well as by colour: that is where to start.
 */
import { For, Show, type JSX } from 'solid-js';
import type { BhkCounts, BhkFigures } from '../../../shared/domain';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS, type BhkStep } from '../../../shared/schema/bhk-observation';
import { formatPct } from '../../kit/format';
import { createTexts, t } from '../../kit/i18n';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

export function StepTable(props: { figures: BhkFigures; counts: BhkCounts }): JSX.Element {
  // Naming a weakest step only makes sense when some step is below 100 %.
  const weakest = () => {
    const s = props.figures.weakestStep;
    const pct = s === null ? null : props.figures.steps[s].pct;
    return pct !== null && pct < 100 ? s : null;
  };
  const group = (title: string, steps: readonly BhkStep[]) => (
    <tbody>
      <tr>
        <th colSpan={2} scope="rowgroup" class="steptable-group">
          {title}
        </th>
      </tr>
      <For each={steps}>
        {(step) => {
          const r = () => props.figures.steps[step];
          const isWeakest = () => weakest() === step;
          return (
            <tr classList={{ 'steptable-weakest': isWeakest(), 'steptable-grey': props.figures.tooFew }}>
              <th scope="row">
                {t(`step.${step}`).replaceAll('/', '/\u200b')}
                <Show when={isWeakest()}>
                  <span class="weakest-mark">
                    <span aria-hidden="true"> ▼ </span>
                    {tx('steps.weakest')}
                  </span>
                </Show>
              </th>
              <td class="steptable-pct">
                {formatPct(r().pct)}
                <span class="steptable-n">
                  {tx('steps.of', { num: r().num, den: r().den })}
                  <Show when={props.counts.steps[step].na > 0}>
                    <br />
                    {tx('steps.na', { n: props.counts.steps[step].na })}
                  </Show>
                </span>
              </td>
            </tr>
          );
        }}
      </For>
    </tbody>
  );
  return (
    <section class="card steptable-card">
      <h2>{tx('steps.title')}</h2>
      <table class="steptable">
        {group(t('stepGroup.hygiene'), BHK_HYGIENE_STEPS)}
        {group(t('stepGroup.dress'), BHK_DRESS_STEPS)}
      </table>
    </section>
  );
}
