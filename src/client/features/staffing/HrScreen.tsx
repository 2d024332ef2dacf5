/** The HR figure for a manager: import the HR system's file, or enter one month by hand. */
import { createSignal, Show, type JSX } from 'solid-js';
import type { ImportUnit } from '../../../shared/domain/hr-import';
import { previousPeriod } from '../../../shared/domain/periods';
import { Chip } from '../../ui/Chip';
import { HrImport } from './HrImport';
import { HrManual } from './HrManual';
import { txHr } from './texts';

export function HrScreen(props: { scopeUnitId: string; unitId: string; units: readonly ImportUnit[]; currentMonth: string }): JSX.Element {
  const [tab, setTab] = createSignal<'import' | 'manual'>('import');
  return (
    <div class="hr-screen">
      <h2>{txHr('hrScreen.title')}</h2>
      <div class="button-row hr-tabs">
        <Chip selected={tab() === 'import'} onSelect={() => setTab('import')}>
          {txHr('tab.import')}
        </Chip>
        <Chip selected={tab() === 'manual'} onSelect={() => setTab('manual')}>
          {txHr('tab.manual')}
        </Chip>
      </div>
      <Show
        when={tab() === 'import'}
        fallback={<HrManual units={props.units} unitId={props.units.some((u) => u.id === props.unitId) ? props.unitId : (props.units[0]?.id ?? props.unitId)} currentMonth={props.currentMonth} />}
      >
        <HrImport scopeUnitId={props.scopeUnitId} units={props.units} currentMonth={props.currentMonth} defaultMonth={previousPeriod(props.currentMonth)} />
      </Show>
    </div>
  );
}

