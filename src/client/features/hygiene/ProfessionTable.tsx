/**
 * Figures by profession: total (all steps) with n, then hygiene routines and dress code. Each row
 * is greyed and marked □ below the minimum n on its own, as every figure is.
 */
import { For, Show, type JSX } from 'solid-js';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { formatPct } from '../../kit/format';
import { createTexts, t } from '../../kit/i18n';
import type { ProfessionRow } from './unit-figures';
import './hygiene.css';

const tx = createTexts(hygieneTexts);

export function ProfessionTable(props: { rows: readonly ProfessionRow[]; label: (code: string) => string }): JSX.Element {
  return (
    <section class="card">
      <h2>{tx('profession.title')}</h2>
      <Show when={props.rows.length > 0} fallback={<p class="muted">{tx('profession.none')}</p>}>
        <ul class="proflist">
          <For each={props.rows}>
            {(row) => (
              <li class="profrow" classList={{ 'profrow-grey': row.tooFew }}>
                {/* A break opportunity after "/": "Fysioterapeut/arbetsterapeut" must fit a phone. */}
                <span class="profrow-name">{props.label(row.code).replaceAll('/', '/\u200b')}</span>
                <span class="profrow-value">
                  <Show when={row.tooFew}>
                    <span aria-hidden="true">□ </span>
                  </Show>
                  {formatPct(row.total.pct)}
                </span>
                <span class="profrow-n">
                  {tx('figure.n', { n: row.n })}
                  <Show when={row.selfAssessmentN > 0}> · {tx('figure.nSelf', { n: row.selfAssessmentN })}</Show>
                  <Show when={row.tooFew}> · {t('figure.tooFew')}</Show>
                </span>
                <span class="profrow-parts">
                  {tx('profession.hygiene', { pct: formatPct(row.hygiene.pct) })} · {tx('profession.dress', { pct: formatPct(row.dress.pct) })}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
