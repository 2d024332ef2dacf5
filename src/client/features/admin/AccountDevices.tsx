/**
 * The devices one person is or was logged in on (Administration → Konton → "Inloggade enheter"),
 * each with "Logga ut" to end it at once: the device's next request is refused and it must log in
 * again. Disabling the account ends them all (issue 18).
 */
import { createResource, Show, type JSX } from 'solid-js';
import { type AccountView, DeviceListResponse, type DeviceView } from '../../../shared/api';
import { adminDeviceTexts } from '../../../shared/i18n/features/admin-devices';
import { useApp } from '../../kit/context';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { DeviceList } from './DeviceList';
import { createAction } from './use-action';

const txDevices = createTexts(adminDeviceTexts);

export function AccountDevices(props: { account: AccountView }): JSX.Element {
  const { api } = useApp();
  const action = createAction();
  const [devices, { refetch }] = createResource(
    () => props.account.id,
    (id) => api.get(`/api/admin/accounts/${encodeURIComponent(id)}/devices`, DeviceListResponse).then((r) => r.devices),
  );
  const end = (d: DeviceView) => {
    if (!window.confirm(txDevices('endDeviceConfirm', { name: props.account.displayName, label: d.label || d.id }))) return;
    void action.run(async () => {
      await api.send('POST', `/api/devices/${encodeURIComponent(d.id)}/revoke`, undefined, null);
      void refetch();
      return t('admin.saved');
    });
  };
  return (
    <div class="stack" aria-label={txDevices('devicesOf', { name: props.account.displayName })} role="group">
      <Show when={devices.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Show>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <DeviceList devices={devices.latest ?? []} empty={txDevices('noDevices')} endedTag={txDevices('loggedOut')} endLabel={txDevices('endDevice')} onEnd={end} />
    </div>
  );
}
