/**
 * One line of a list of units: name, percentage and n, as a link to drill down. Below the minimum
 * n the percentage is greyed and marked □, the same rule as Figure.
 */
import type { JSX } from 'solid-js';
import { formatPct } from '../kit/format';
import { t } from '../kit/i18n';

export interface FigureRowProps {
  href: string;
  label: string;
  sublabel?: string;
  pct: number | null;
  n: number;
  tooFew: boolean;
}

export function FigureRow(props: FigureRowProps): JSX.Element {
  const grey = () => props.tooFew || props.pct === null;
  return (
    <a class="figrow" classList={{ 'figrow-grey': grey() }} href={props.href}>
      <span class="figrow-name">
        {props.label}
        {props.sublabel && <span class="figrow-sub">{props.sublabel}</span>}
      </span>
      <span class="figrow-value">
        {grey() && <span aria-hidden="true">□ </span>}
        {formatPct(props.pct)}
        <span class="figrow-n">{t('figure.n', { n: props.n })}</span>
        {grey() && <span class="sr-only">{t('figure.tooFew')}</span>}
      </span>
      <span class="figrow-chevron" aria-hidden="true">
        ›
      </span>
    </a>
  );
}
