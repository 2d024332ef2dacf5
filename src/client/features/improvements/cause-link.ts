/**
 * The address of the new-action form with its cause filled in: what the boards' "Skapa åtgärd"
 * links point at (hygiene below target, a red or orange day on the cross). Kept tiny: the
 * boards' chunks import it, not the action list.
 */
import type { ActionCause } from '../../../shared/schema/action';
import { href } from '../../kit/router';

export function newActionHref(unitId: string | undefined, cause: ActionCause): string {
  return href(['forbattring'], { unit: unitId, ny: '1', orsak: cause.kind, ref: cause.ref, etikett: cause.label });
}
