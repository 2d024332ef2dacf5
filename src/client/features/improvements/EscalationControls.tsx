/**
 * An item's escalation: its status line on the raising unit's board ("Löst – Division …: ”…”",
 * with a symbol) and the "Eskalera till <förälder>" button while it may be sent (again).
 */
import { Show, type JSX } from 'solid-js';
import { boardStatus, parentLevel } from '../../../shared/domain/meeting/escalation';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { Action } from '../../../shared/schema/action';
import type { Idea } from '../../../shared/schema/idea';
import { useApp } from '../../kit/context';
import { escalate } from '../../storage/meeting-repo';
import { Button } from '../../ui/Button';
import { ErrorLine } from '../../ui/ErrorLine';
import { tx } from './texts';
import { ESC_SYMBOL, escalationLine, offersEscalation } from './escalation-model';
import { useWrite } from './use-write';

export interface EscalationControlsProps {
  entity: 'action' | 'idea';
  item: Action | Idea;
  units: readonly TreeUnit[];
  /** False where nothing may be changed (a level looking at a unit's list read-only). */
  editable: boolean;
}

export function EscalationControls(props: EscalationControlsProps): JSX.Element {
  const { db } = useApp();
  const w = useWrite();
  const status = () => boardStatus(props.units, props.item);
  const parent = () => parentLevel(props.units, props.item.unitId);
  return (
    <div class="esc">
      <Show when={status()}>
        {(s) => (
          <p class={`esc-line esc-${s().status}`}>
            <span class="esc-symbol" aria-hidden="true">
              {ESC_SYMBOL[s().status]}
            </span>{' '}
            {escalationLine(s())}
          </p>
        )}
      </Show>
      <Show when={props.editable && offersEscalation(props.item) && props.item.unitId && parent()}>
        {(p) => (
          <Button disabled={w.busy()} onClick={() => void w.run(() => escalate(db, props.units as TreeUnit[], props.entity, props.item))}>
            <span aria-hidden="true">↑ </span>
            {tx(status() ? 'esc.again' : 'esc.button', { parent: p().name })}
          </Button>
        )}
      </Show>
      <ErrorLine message={w.error()} />
    </div>
  );
}
