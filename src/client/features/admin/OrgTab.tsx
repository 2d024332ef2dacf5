/** The org tree: create a unit, and per unit rename, move (new parent) or close. Admin only. */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { OrgUnit, UNIT_KINDS, type UnitKind } from '../../../shared/schema/org-unit';
import { useApp } from '../../kit/context';
import { createTexts, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import { moveTargets, parentCandidates, treeRows } from './org-tree';
import { createAction } from './use-action';

const txAudit = createTexts(adminAuditTexts);

export function OrgTab(props: { units: readonly OrgUnit[]; onChanged: () => void }): JSX.Element {
  const { api } = useApp();
  const action = createAction();
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<UnitKind>('enhet');
  const [parentId, setParentId] = createSignal('');
  const [editing, setEditing] = createSignal<{ id: string; mode: 'rename' | 'move' | 'hsa'; value: string } | null>(null);
  const unitOptions = (units: readonly OrgUnit[]) => units.map((u) => ({ value: u.id, label: `${u.name} (${t(`kind.${u.kind}`)})` }));

  const patch = (id: string, body: { name?: string; parentId?: string; closed?: boolean; hsaId?: string | null }) =>
    action.run(async () => {
      await api.send('PATCH', `/api/admin/units/${encodeURIComponent(id)}`, body, OrgUnit);
      setEditing(null);
      props.onChanged();
      return t('admin.saved');
    });

  const create = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api.send('POST', '/api/admin/units', { name: name().trim(), kind: kind(), parentId: parentId() }, OrgUnit);
      setName('');
      props.onChanged();
      return t('admin.created');
    });
  };

  return (
    <section class="stack">
      <form class="card form" onSubmit={create}>
        <h2>{t('admin.createUnit')}</h2>
        <TextField label={t('admin.name')} value={name()} onValue={setName} maxLength={120} required />
        <SelectField
          label={t('admin.kind')}
          value={kind()}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          onValue={(v) => setKind(v as UnitKind)}
        />
        <SelectField label={t('admin.parent')} value={parentId()} placeholder={t('admin.choose')} options={unitOptions(parentCandidates(props.units))} onValue={setParentId} />
        <Button type="submit" variant="primary" disabled={action.busy() || !parentId() || !name().trim()}>
          {t('admin.createUnit')}
        </Button>
      </form>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <ul class="tree">
        <For each={treeRows(props.units)}>
          {(row) => (
            <li class="tree-row" classList={{ 'tree-closed': row.unit.closedAt !== null }} style={{ '--depth': row.depth }}>
              <div class="tree-line">
                <span class="tree-name">
                  {row.unit.name} <span class="muted">{t(`kind.${row.unit.kind}`)}</span>
                  {row.unit.closedAt !== null && <span class="tag">{t('admin.closed')}</span>}
                  {row.unit.hsaId && <span class="muted hsa-id"> {row.unit.hsaId}</span>}
                </span>
                <Show when={row.unit.closedAt === null}>
                  <span class="tree-actions">
                    <Button onClick={() => setEditing({ id: row.unit.id, mode: 'rename', value: row.unit.name })}>{t('admin.rename')}<span class="sr-only"> {row.unit.name}</span></Button>
                    <Button onClick={() => setEditing({ id: row.unit.id, mode: 'hsa', value: row.unit.hsaId ?? '' })}>{txAudit('setHsaId')}<span class="sr-only"> {row.unit.name}</span></Button>
                    <Show when={row.unit.parentId !== null}>
                      <Button onClick={() => setEditing({ id: row.unit.id, mode: 'move', value: '' })}>{t('admin.move')}<span class="sr-only"> {row.unit.name}</span></Button>
                      <Button
                        variant="danger"
                        onClick={() => window.confirm(t('admin.closeConfirm', { name: row.unit.name })) && void patch(row.unit.id, { closed: true })}
                      >
                        {t('admin.close')}
                        {/* Each of the tree's buttons names its unit for a screen reader (issue 14). */}
                        <span class="sr-only"> {row.unit.name}</span>
                      </Button>
                    </Show>
                  </span>
                </Show>
              </div>
              <Show when={editing()?.id === row.unit.id ? editing() : null}>
                {(ed) => (
                  <form
                    class="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const v = ed().value.trim();
                      void patch(row.unit.id, ed().mode === 'rename' ? { name: v } : ed().mode === 'hsa' ? { hsaId: v || null } : { parentId: v });
                    }}
                  >
                    <Show
                      when={ed().mode === 'move'}
                      fallback={
                        <TextField
                          label={ed().mode === 'hsa' ? txAudit('hsaId') : t('admin.name')}
                          value={ed().value}
                          maxLength={ed().mode === 'hsa' ? 44 : 120}
                          onValue={(value) => setEditing({ ...ed(), value })}
                        />
                      }
                    >
                      <SelectField
                        label={t('admin.moveTo')}
                        value={ed().value}
                        placeholder={t('admin.choose')}
                        options={unitOptions(moveTargets(props.units, row.unit.id))}
                        onValue={(value) => setEditing({ ...ed(), value })}
                      />
                    </Show>
                    <Button type="submit" variant="primary" disabled={action.busy() || (ed().mode !== 'hsa' && !ed().value.trim())}>
                      {t('admin.save')}
                    </Button>
                    <Button onClick={() => setEditing(null)}>{t('admin.cancel')}</Button>
                  </form>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
