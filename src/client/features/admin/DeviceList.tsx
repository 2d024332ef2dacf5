/**
 * Devices as the admin tabs list them: label, when last active, "avregistrerad"/"utloggad" once
 * ended, and a button to end each live one. The tablets of a unit and a person's logins share it.
 */
import { For, Show, type JSX } from 'solid-js';
import type { DeviceView } from '../../../shared/api';
import { pageNow } from '../../kit/clock';
import { formatTime } from '../../kit/format';
import { t } from '../../kit/i18n';
import { Button } from '../../ui/Button';

export function DeviceList(props: {
  devices: readonly DeviceView[];
  empty: string;
  endedTag: string;
  endLabel: string;
  onEnd: (d: DeviceView) => void;
}): JSX.Element {
  return (
    <Show when={props.devices.length > 0} fallback={<p class="muted">{props.empty}</p>}>
      <ul class="plain-list">
        <For each={props.devices}>
          {(d) => (
            <li class="device">
              <span>
                <strong>{d.label || d.id}</strong>{' '}
                <span class="muted">
                  {d.lastSeenAt ? t('admin.lastSeen', { time: formatTime(Date.parse(d.lastSeenAt), pageNow()) }) : t('admin.neverSeen')}
                </span>
                {d.revokedAt && <span class="tag">{props.endedTag}</span>}
              </span>
              <Show when={!d.revokedAt}>
                <Button variant="danger" onClick={() => props.onEnd(d)}>
                  {props.endLabel}
                </Button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
