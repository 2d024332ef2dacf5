/** Goal status against a "Minska" target as symbol + word + colour (docs/domain.md §5.2). */
import { Show, type JSX } from 'solid-js';
import type { LowerBetterStatus } from '../../../shared/domain/staffing';
import { t } from '../../kit/i18n';

const SYMBOL: Record<LowerBetterStatus, string> = { met: '●', partly: '▲', notMet: '◆', grey: '□' };
const TEXT = { met: 'status.met', partly: 'status.partly', notMet: 'status.notMet', grey: 'status.grey' } as const;

export function StatusBadge(props: { status: LowerBetterStatus | null }): JSX.Element {
  return (
    <Show when={props.status}>
      {(s) => (
        <span class={`figure-status status-${s()}`}>
          <span aria-hidden="true">{SYMBOL[s()]} </span>
          {t(TEXT[s()])}
        </span>
      )}
    </Show>
  );
}
