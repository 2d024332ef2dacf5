/**
 * A compliance figure: big percentage, always with n. Below the minimum n it turns grey and says
 * "för få observationer" with the □ symbol, the count leads in large type and the percentage is
 * small and grey, so an unreliable number never looks like a result (issue 14).
 * Goal status, when given, is shown as symbol + word + colour (docs/domain.md §5.2).
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../kit/i18n';
import { formatPct } from '../kit/format';
import { CountLead } from './CountLead';

export type GoalStatus = 'met' | 'partly' | 'notMet' | 'grey';

const STATUS_SYMBOL: Record<GoalStatus, string> = { met: '●', partly: '▲', notMet: '◆', grey: '□' };
const STATUS_KEY = { met: 'status.met', partly: 'status.partly', notMet: 'status.notMet', grey: 'status.grey' } as const;

export interface FigureProps {
  label: string;
  /** 0–100, or null when nothing was observed. */
  pct: number | null;
  n: number;
  tooFew: boolean;
  status?: GoalStatus;
  size?: 'big' | 'small';
  /** Extra lines under the number, e.g. "n = 7 av 10". Replaces the plain "n = 7". */
  detail?: JSX.Element;
  /** The minimum n in force: below it the count leads as "3 av 10 observationer" (ui/CountLead). */
  minN?: number;
}

export function Figure(props: FigureProps): JSX.Element {
  const grey = () => props.tooFew || props.pct === null;
  // Some observations, fewer than the minimum: "3 av 10 observationer" leads (ui/CountLead).
  const countLeads = () => props.minN !== undefined && props.tooFew && props.n > 0;
  return (
    <div class={`figure figure-${props.size ?? 'big'}`} classList={{ 'figure-grey': grey() }} data-testid="figure">
      <div class="figure-label">{props.label}</div>
      {/* Below the minimum n the count is the headline ("n = 3 av 10") and the percentage small and grey. */}
      <Show
        when={grey()}
        fallback={
          <>
            <div class="figure-value">{formatPct(props.pct)}</div>
            <div class="figure-n">{props.detail ?? t('figure.n', { n: props.n })}</div>
          </>
        }
      >
        <Show when={countLeads()} fallback={<div class="figure-n figure-n-lead">{props.detail ?? t('figure.n', { n: props.n })}</div>}>
          <div class="figure-n figure-n-lead">
            <CountLead n={props.n} minN={props.minN ?? 0} />
          </div>
        </Show>
        <div class="figure-value">{formatPct(props.pct)}</div>
        <Show when={countLeads() && props.detail}>
          <div class="figure-n">{props.detail}</div>
        </Show>
      </Show>
      <Show when={grey()}>
        <div class="figure-state">
          <span aria-hidden="true">□ </span>
          {t(props.n === 0 ? 'figure.noData' : 'figure.tooFew')}
        </div>
      </Show>
      <Show when={!grey() && props.status}>
        {(status) => (
          <div class={`figure-status status-${status()}`}>
            <span aria-hidden="true">{STATUS_SYMBOL[status()]} </span>
            {t(STATUS_KEY[status()])}
          </div>
        )}
      </Show>
    </div>
  );
}
