/**
 * One level's figures side by side, each naming its source: the board's pooled sick share
 * ("enligt tavlan", with how many units and days reported) and the HR kvot ("enligt HR"): the HR
 * system's own figure, the enheter weighted by ordinary hours, or — without hours — no total.
 */
import { Match, Show, Switch, type JSX } from 'solid-js';
import { formatMonth } from '../../kit/format';
import type { NodeView } from './rollup-model';
import { StatusBadge } from './StatusBadge';
import { num1, pct1, tx } from './texts';
import { formatTarget } from '../indicators/texts';

export function NodeSummary(props: { view: NodeView; month: string }): JSX.Element {
  const v = () => props.view;
  const n = () => props.view.node;
  return (
    <div class="node-summary">
      <div class="sfig" classList={{ 'sfig-gap': n().board.filledDays === 0 }} data-testid="board-figure">
        <div class="sfig-label">{tx('rollup.board')}</div>
        <div class="sfig-value">{n().board.filledDays === 0 ? '–' : pct1(v().board.pct)}</div>
        <div class="sfig-n">{tx('fig.shifts', { sick: n().board.sick, planned: n().board.planned })}</div>
        <p class="completeness">{tx('rollup.completeness', { reporting: n().boardReporting, expected: n().boardExpected })}</p>
        <div class="sfig-n">{tx('rollup.days', { filled: n().board.filledDays, expected: n().board.expectedDays })}</div>
        <StatusBadge status={v().boardStatus} />
      </div>
      <div class="sfig" classList={{ 'sfig-gap': v().hrPct === null }} data-testid="hr-figure">
        <div class="sfig-label">{tx('rollup.hr')}</div>
        <div class="sfig-value">{pct1(v().hrPct)}</div>
        <Switch>
          <Match when={v().hrSource === 'own'}>
            <div class="sfig-n">{tx('rollup.hrOwn', { name: n().name })}</div>
            <Show when={v().hr.kvotPct !== null && v().hr.units > 1}>
              <div class="sfig-n">{tx('rollup.hrComputed', { pct: pct1(v().hr.kvotPct) })}</div>
            </Show>
          </Match>
          <Match when={v().hrSource === 'weighted'}>
            <div class="sfig-n">{tx('rollup.hrWeighted', { n: v().hr.weightedUnits, m: v().hr.units })}</div>
          </Match>
          <Match when={v().hrSource === 'perUnit'}>
            <div class="sfig-n">{tx('rollup.hrPerUnit')}</div>
          </Match>
          <Match when={v().hrSource === 'none'}>
            <div class="sfig-n">{tx('rollup.hrNone', { month: formatMonth(props.month, false) })}</div>
          </Match>
        </Switch>
        <Show when={v().own?.korttid != null}>
          <div class="sfig-n">{tx('hr.korttid', { pct: pct1(v().own?.korttid ?? null) })}</div>
        </Show>
        <Show when={v().hrSource === 'weighted' && v().hr.korttidPct !== null}>
          <div class="sfig-n">{tx('hr.korttidUnits', { pct: pct1(v().hr.korttidPct), n: v().hr.korttidUnits, m: v().hr.units })}</div>
        </Show>
        <Show when={n().hrExpected > 1}>
          <p class="completeness">{tx('rollup.hrCompleteness', { reporting: n().hrReporting, expected: n().hrExpected })}</p>
        </Show>
        <StatusBadge status={v().hrStatus} />
      </div>
      <Show when={v().beds}>
        {(b) => (
          <div class="sfig">
            <div class="sfig-label">{tx('beds.title')}</div>
            <Show when={b().days > 0} fallback={<div class="sfig-n">{tx('beds.none', { month: formatMonth(props.month, false) })}</div>}>
              <div class="sfig-n">{tx('beds.overcrowding', { month: formatMonth(props.month, false), n: num1(b().overPer100) })}</div>
              <div class="sfig-n">{tx('beds.detail', { utlok: num1(b().utlokPer100), occ: pct1(b().occupancyPct), days: b().days })}</div>
              <p class="completeness">{tx('rollup.completeness', { reporting: n().beds.units, expected: n().beds.expectedUnits })}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={n().targetPct !== null}>
        <p class="sfig-n node-target">{formatTarget({ op: 'lte', value: n().targetPct ?? 0 }, 'pct')}</p>
      </Show>
    </div>
  );
}
