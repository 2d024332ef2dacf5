/**
 * API keys for BI tools (issue 16): create a named, read-only key for a subtree in the caller's
 * scope with an optional last day, shown once; list the keys with their last use; revoke one.
 * Managers and admins.
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { ApiKeyList, type ApiKeyView, CreatedApiKey } from '../../../shared/api-keys';
import { adminApiKeyTexts } from '../../../shared/i18n/features/admin-api-keys';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { formatTime } from '../../kit/format';
import { createTexts, errorOf, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { subtreeIds } from '../../../shared/domain/rollup';
import { treeRows } from './org-tree';
import { createAction } from './use-action';

const txKeys = createTexts(adminApiKeyTexts);

export function ApiKeysTab(props: { units: readonly OrgUnit[] }): JSX.Element {
  const { api } = useApp();
  const session = useSession();
  const action = createAction();
  const [keys, { refetch }] = createResource(() => api.get('/api/admin/api-keys', ApiKeyList).then((r) => r.keys));
  const [form, setForm] = createSignal({ name: '', scopeUnitId: '', expiresOn: '', freeText: false });
  const isAdmin = () => session().identity.role === 'admin';
  const set = (patch: Partial<ReturnType<typeof form>>) => setForm((f) => ({ ...f, ...patch }));
  const [created, setCreated] = createSignal<CreatedApiKey | null>(null);
  const within = () => new Set(subtreeIds(props.units, session().identity.scopeUnitId));
  const unitName = (id: string) => props.units.find((u) => u.id === id)?.name ?? id;

  const create = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const f = form();
      const body = { name: f.name.trim(), scopeUnitId: f.scopeUnitId, ...(f.expiresOn ? { expiresOn: f.expiresOn } : {}), ...(f.freeText ? { freeText: true } : {}) };
      setCreated(await api.send('POST', '/api/admin/api-keys', body, CreatedApiKey));
      set({ name: '', expiresOn: '', freeText: false });
      void refetch();
      return null;
    });
  };

  const revoke = (k: ApiKeyView) => {
    if (!window.confirm(txKeys('revokeConfirm', { name: k.name }))) return;
    void action.run(async () => {
      await api.send('POST', `/api/admin/api-keys/${encodeURIComponent(k.id)}/revoke`, undefined, null);
      if (created()?.key.id === k.id) setCreated(null);
      void refetch();
      return t('admin.saved');
    });
  };

  return (
    <section class="stack api-keys">
      <p class="muted">{txKeys('intro')}</p>
      <form class="card form" onSubmit={create}>
        <h2>{txKeys('create')}</h2>
        <TextField label={txKeys('name')} value={form().name} onValue={(name) => set({ name })} maxLength={120} required />
        <SelectField
          label={txKeys('scope')}
          value={form().scopeUnitId}
          placeholder={t('admin.choose')}
          options={treeRows(props.units)
            .filter(({ unit }) => within().has(unit.id))
            .map(({ unit, depth }) => ({ value: unit.id, label: `${'  '.repeat(depth)}${unit.name}` }))}
          onValue={(scopeUnitId) => set({ scopeUnitId })}
        />
        <TextField label={txKeys('expires')} type="date" value={form().expiresOn} onValue={(expiresOn) => set({ expiresOn })} />
        <Show when={isAdmin()}>
          <label class="field check">
            <input type="checkbox" checked={form().freeText} onChange={(e) => set({ freeText: e.currentTarget.checked })} /> {txKeys('freeText')}
          </label>
        </Show>
        <Button type="submit" variant="primary" disabled={action.busy() || !form().scopeUnitId || !form().name.trim()}>
          {txKeys('create')}
        </Button>
      </form>
      <Show when={created()}>
        {(c) => (
          <div class="card api-key-secret" role="status">
            <h2>{txKeys('secretFor', { name: c().key.name })}</h2>
            <p>{txKeys('secretOnce')}</p>
            <input class="input mono" style={{ width: '100%' }} readOnly value={c().secret} aria-label={txKeys('secretFor', { name: c().key.name })} onFocus={(e) => e.currentTarget.select()} />
            <p class="muted">{txKeys('basicHint')}</p>
          </div>
        )}
      </Show>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <Show when={keys.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Show>
      <h2>{txKeys('list')}</h2>
      <Show when={(keys.latest ?? []).length > 0} fallback={<p class="muted">{txKeys('none')}</p>}>
        <ul class="plain-list">
          <For each={keys.latest ?? []}>
            {(k) => (
              <li class="device api-key">
                <span>
                  <strong>{k.name}</strong> · {unitName(k.scopeUnitId)}{' '}
                  <span class="muted">
                    {txKeys('createdBy', { date: k.createdAt.slice(0, 10), who: k.createdBy ?? '–' })} ·{' '}
                    {k.lastUsedAt ? txKeys('lastUsed', { time: formatTime(Date.parse(k.lastUsedAt), pageNow()) }) : txKeys('neverUsed')}
                    {k.expiresOn ? ` · ${txKeys('expiresOn', { date: k.expiresOn })}` : ''}
                  </span>
                  {k.freeText && <span class="tag">{txKeys('freeTextTag')}</span>}
                  {k.revokedAt && <span class="tag">{txKeys('revoked')}</span>}
                </span>
                <Show when={!k.revokedAt}>
                  <Button variant="danger" disabled={action.busy()} onClick={() => revoke(k)}>
                    {txKeys('revoke')}
                  </Button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
