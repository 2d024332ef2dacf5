/**
 * Not yet measurable (issue 14): below the minimum n a figure leads with its count against the
 * minimum, "3 av 10 observationer", in large type, and its value follows small and grey (the
 * caller's `figure-grey` / `ind-row-unmeasurable` styles). The one way every screen says it: the
 * boards' figures (ui/Figure), the wall screen and the rows of Mål och resultat.
 */
import type { JSX } from 'solid-js';
import { t } from '../kit/i18n';

/** Fewer observations than the minimum (a minimum of 0 never applies). */
export const belowMinN = (n: number, minN: number): boolean => minN > 0 && n < minN;

export function CountLead(props: { n: number; minN: number; class?: string }): JSX.Element {
  return (
    <span class={`count-lead ${props.class ?? ''}`} data-testid="count-lead">
      {t('figure.nOfMin', { n: props.n, min: props.minN })}
    </span>
  );
}
