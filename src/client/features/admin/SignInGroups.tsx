/**
 * Administration → Konton: the identity provider's groups mapped to a role and a unit (issue 12).
 * A person in a mapped group signs in with that role in that unit (the strongest role wins).
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { z } from 'zod/mini';
import { ROLES, type Role } from '../../../shared/api';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { SignInGroupsResponse, type SignInGroup } from '../../../shared/sign-in-api';
import { useApp, useSession } from '../../kit/context';
import { createTexts, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { treeRows } from './org-tree';
import { createAction } from './use-action';

const txAudit = createTexts(adminAuditTexts);
const Answer = z.object({ group: z.nullable(z.object({ group: z.string() })) });

export function SignInGroups(props: { units: readonly OrgUnit[] }): JSX.Element {
  const { api } = useApp();
  const session = useSession();
  const action = createAction();
  const root = () => session().identity.scopeUnitId;
  const [groups, { refetch }] = createResource(() => api.get(`/api/admin/sign-in-groups?rootId=${encodeURIComponent(root())}`, SignInGroupsResponse).then((r) => r.groups));
  const [form, setForm] = createSignal({ group: '', role: 'staff' as Role, unitId: '' });
  const unitName = (id: string) => props.units.find((u) => u.id === id)?.name ?? id;
  const send = (body: SignInGroup & { remove?: boolean }) =>
    void action.run(async () => {
      await api.send('POST', '/api/admin/sign-in-groups', body, Answer);
      if (!body.remove) setForm({ group: '', role: 'staff', unitId: '' });
      void refetch();
      return t('admin.saved');
    });

  return (
    <section class="stack">
      <form class="card form" onSubmit={(e) => (e.preventDefault(), send({ ...form(), group: form().group.trim() } as SignInGroup))}>
        <h2>{txAudit('groups')}</h2>
        <p class="muted">{txAudit('groupsHelp')}</p>
        <TextField label={txAudit('group')} value={form().group} maxLength={200} autocapitalize="none" onValue={(group) => setForm((f) => ({ ...f, group }))} required />
        <SelectField label={t('admin.role')} value={form().role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} onValue={(v) => setForm((f) => ({ ...f, role: v as Role }))} />
        <SelectField
          label={t('admin.unit')}
          value={form().unitId}
          placeholder={t('admin.choose')}
          options={treeRows(props.units).map(({ unit, depth }) => ({ value: unit.id, label: `${'  '.repeat(depth)}${unit.name}` }))}
          onValue={(unitId) => setForm((f) => ({ ...f, unitId }))}
        />
        <Button type="submit" variant="primary" disabled={action.busy() || !form().unitId || !form().group.trim()}>
          {t('admin.save')}
        </Button>
      </form>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <ul class="plain-list">
        <For each={groups.latest ?? []}>
          {(g) => (
            <li>
              <strong>{g.group}</strong> → {t(`role.${g.role}`)} · {unitName(g.unitId)}{' '}
              <Button disabled={action.busy()} onClick={() => send({ ...g, remove: true })}>
                {txAudit('unlink')}
              </Button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
