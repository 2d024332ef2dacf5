/**
 * Tablets for a unit: create a one-time enrolment code (shown big, with a countdown) and list the
 * unit's tablets with a way to revoke one. Managers and admins, within their scope.
 */
import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { DeviceListResponse, EnrolCodeResponse } from '../../../shared/api';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { createNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { formatCountdown } from '../../kit/format';
import { errorOf, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { BigCode } from '../../ui/BigCode';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { DeviceList } from './DeviceList';
import { enrolableUnits } from './org-tree';
import { createAction } from './use-action';

export function TabletsTab(props: { units: readonly OrgUnit[] }): JSX.Element {
  const { api, sync } = useApp();
  const session = useSession();
  const action = createAction();
  const now = createNow(1000);
  const units = () => enrolableUnits(props.units, session().identity.scopeUnitId);
  const [unitId, setUnitId] = createSignal('');
  const [code, setCode] = createSignal<{ code: string; expiresLocal: number } | null>(null);
  const [devices, { refetch }] = createResource(
    () => unitId() || false,
    (id) => api.get(`/api/devices?unitId=${encodeURIComponent(id)}`, DeviceListResponse).then((r) => r.devices),
  );

  const createCode = () =>
    void action.run(async () => {
      const r = await api.send('POST', '/api/enrol-codes', { unitId: unitId() }, EnrolCodeResponse);
      // expiresAt is server time; shift it by the measured clock offset so a tablet whose clock
      // is wrong still counts down correctly.
      setCode({ code: r.code, expiresLocal: r.expiresAt - (sync()?.clockOffsetMs ?? 0) });
      return null;
    });

  const revoke = (id: string, label: string) => {
    if (!window.confirm(t('admin.revokeConfirm', { label }))) return;
    void action.run(async () => {
      await api.send('POST', `/api/devices/${encodeURIComponent(id)}/revoke`, undefined, null);
      void refetch();
      return t('admin.saved');
    });
  };

  const remaining = () => (code()?.expiresLocal ?? 0) - now();
  const unitName = () => units().find((u) => u.id === unitId())?.name ?? '';

  return (
    <section class="stack">
      <div class="card form">
        <SelectField
          label={t('admin.unit')}
          value={unitId()}
          placeholder={t('admin.choose')}
          options={units().map((u) => ({ value: u.id, label: u.name }))}
          onValue={(v) => (setUnitId(v), setCode(null))}
        />
        <Button variant="primary" disabled={!unitId() || action.busy()} onClick={createCode}>
          {t('admin.createCode')}
        </Button>
        <Show when={code()}>
          {(c) => (
            <BigCode
              code={c().code}
              expired={remaining() <= 0}
              caption={`${t('admin.codeFor', { name: unitName() })} · ${
                remaining() > 0 ? t('admin.codeExpires', { time: formatCountdown(remaining()) }) : t('admin.codeExpired')
              }`}
            />
          )}
        </Show>
      </div>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <Show when={unitId()}>
        <h2>{t('admin.tablets')}</h2>
        <Show when={devices.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Show>
        <DeviceList
          devices={devices.latest ?? []}
          empty={t('admin.noTablets')}
          endedTag={t('admin.revoked')}
          endLabel={t('admin.revoke')}
          onEnd={(d) => revoke(d.id, d.label || d.id)}
        />
      </Show>
    </section>
  );
}
