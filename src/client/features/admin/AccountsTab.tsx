/**
 * Accounts: the list, and a form to create one with a role and the unit its access starts from;
 * per account, disable or enable it and see or end the devices it is logged in on.
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { z } from 'zod/mini';
import { AccountView, ROLES, type Role } from '../../../shared/api';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { adminDeviceTexts } from '../../../shared/i18n/features/admin-devices';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import { useApp } from '../../kit/context';
import { createTexts, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { AccountDevices } from './AccountDevices';
import { SignInGroups } from './SignInGroups';
import { SignInWaiting } from './SignInWaiting';
import { treeRows } from './org-tree';
import { createAction } from './use-action';

const txDevices = createTexts(adminDeviceTexts);
const txAudit = createTexts(adminAuditTexts);

const AccountList = z.object({ accounts: z.array(AccountView) });

export function AccountsTab(props: { units: readonly OrgUnit[] }): JSX.Element {
  const { api } = useApp();
  const action = createAction();
  const [accounts, { refetch }] = createResource(() => api.get('/api/admin/accounts', AccountList).then((r) => r.accounts));
  const [form, setForm] = createSignal({ username: '', displayName: '', password: '', role: 'staff' as Role, scopeUnitId: '' });
  const set = (patch: Partial<ReturnType<typeof form>>) => setForm((f) => ({ ...f, ...patch }));
  const unitName = (id: string) => props.units.find((u) => u.id === id)?.name ?? id;
  /** The account whose devices are shown, if any. */
  const [open, setOpen] = createSignal<string | null>(null);
  /** The account being linked to a person at the identity provider, and the id typed. */
  const [linking, setLinking] = createSignal<{ id: string; value: string } | null>(null);
  const link = (id: string, externalId: string | null) =>
    void action.run(async () => {
      await api.send('POST', `/api/admin/accounts/${encodeURIComponent(id)}/link`, { externalId }, AccountView);
      setLinking(null);
      void refetch();
      return t('admin.saved');
    });

  // Disabling logs the person out everywhere (the server revokes every device of the account).
  const toggleDisabled = (a: AccountView) => {
    if (!a.disabled && !window.confirm(txDevices('disableConfirm', { name: a.displayName }))) return;
    void action.run(async () => {
      await api.send('PATCH', `/api/admin/accounts/${encodeURIComponent(a.id)}`, { disabled: !a.disabled }, AccountView);
      void refetch();
      return t('admin.saved');
    });
  };

  const create = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const f = form();
      await api.send('POST', '/api/admin/accounts', { ...f, username: f.username.trim(), displayName: f.displayName.trim() }, AccountView);
      set({ username: '', displayName: '', password: '' });
      void refetch();
      return t('admin.created');
    });
  };

  return (
    <section class="stack">
      <SignInWaiting units={props.units} onPlaced={() => void refetch()} />
      <form class="card form" onSubmit={create}>
        <h2>{t('admin.createAccount')}</h2>
        <TextField label={t('admin.username')} value={form().username} autocapitalize="none" onValue={(username) => set({ username })} required />
        <TextField label={t('admin.displayName')} value={form().displayName} onValue={(displayName) => set({ displayName })} required />
        <TextField label={t('admin.password')} type="password" autocomplete="new-password" minLength={8} value={form().password} onValue={(password) => set({ password })} required />
        <SelectField
          label={t('admin.role')}
          value={form().role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onValue={(v) => set({ role: v as Role })}
        />
        <SelectField
          label={t('admin.scope')}
          value={form().scopeUnitId}
          placeholder={t('admin.choose')}
          options={treeRows(props.units).map(({ unit, depth }) => ({ value: unit.id, label: `${'  '.repeat(depth)}${unit.name}` }))}
          onValue={(scopeUnitId) => set({ scopeUnitId })}
        />
        <Button type="submit" variant="primary" disabled={action.busy() || !form().scopeUnitId}>
          {t('admin.createAccount')}
        </Button>
      </form>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <h2>{t('admin.accounts')}</h2>
      <ul class="plain-list">
        <For each={accounts.latest ?? []}>
          {(a) => (
            <li>
              <strong>{a.displayName}</strong> <span class="muted">{a.username}</span> · {t(`role.${a.role}`)} · {unitName(a.scopeUnitId)}
              {a.disabled && <span class="tag">{t('admin.disabled')}</span>}
              {a.externalId && <span class="muted"> · {txAudit('linked', { id: a.externalId })}</span>}{' '}
              <Button disabled={action.busy()} onClick={() => toggleDisabled(a)}>
                {a.disabled ? t('admin.enableAccount') : t('admin.disableAccount')}
              </Button>{' '}
              <Button aria-expanded={open() === a.id} onClick={() => setOpen(open() === a.id ? null : a.id)}>
                {open() === a.id ? txDevices('hideDevices') : txDevices('showDevices')}
              </Button>
              <Button onClick={() => setLinking(linking()?.id === a.id ? null : { id: a.id, value: a.externalId ?? '' })}>{txAudit('externalId')}</Button>
              <Show when={linking()?.id === a.id ? linking() : null}>
                {(l) => (
                  <form class="inline-form" onSubmit={(e) => (e.preventDefault(), link(a.id, l().value.trim() || null))}>
                    <TextField label={txAudit('externalId')} value={l().value} maxLength={200} autocapitalize="none" onValue={(value) => setLinking({ id: a.id, value })} />
                    <Button type="submit" variant="primary" disabled={action.busy()}>{txAudit('link')}</Button>
                    <Show when={a.externalId}>
                      <Button disabled={action.busy()} onClick={() => link(a.id, null)}>{txAudit('unlink')}</Button>
                    </Show>
                  </form>
                )}
              </Show>
              <Show when={open() === a.id}>
                <AccountDevices account={a} />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <SignInGroups units={props.units} />
    </section>
  );
}
