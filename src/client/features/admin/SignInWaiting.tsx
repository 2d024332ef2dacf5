/**
 * Administration → Konton: people who signed in through the region's identity provider whom no
 * mapping places (OIDC_JIT, issue 12). They have no account and no access until an admin places
 * them in a unit with a role (their account is then linked to them), or takes them off the list.
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { z } from 'zod/mini';
import { AccountView, ROLES, type Role } from '../../../shared/api';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { SignInWaitingResponse, type SignInWaiting as Waiting } from '../../../shared/sign-in-api';
import { useApp, useSession } from '../../kit/context';
import { createTexts, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { treeRows } from './org-tree';
import { createAction } from './use-action';

const txAudit = createTexts(adminAuditTexts);
const Ok = z.object({ ok: z.boolean() });
const day = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

export function SignInWaiting(props: { units: readonly OrgUnit[]; onPlaced: () => void }): JSX.Element {
  const { api } = useApp();
  const session = useSession();
  const action = createAction();
  const root = () => session().identity.scopeUnitId;
  const [waiting, { refetch }] = createResource(() => api.get(`/api/admin/sign-in-waiting?rootId=${encodeURIComponent(root())}`, SignInWaitingResponse).then((r) => r.waiting));
  /** The placement chosen per person (subject → role and unit). */
  const [choice, setChoice] = createSignal<Record<string, { role: Role; unitId: string }>>({});
  const chosen = (w: Waiting) => choice()[w.subject] ?? { role: 'staff' as Role, unitId: '' };
  const choose = (w: Waiting, patch: Partial<{ role: Role; unitId: string }>) => setChoice((c) => ({ ...c, [w.subject]: { ...chosen(w), ...patch } }));
  const units = () => treeRows(props.units).map(({ unit, depth }) => ({ value: unit.id, label: `${'  '.repeat(depth)}${unit.name}` }));

  const place = (w: Waiting) =>
    void action.run(async () => {
      await api.send('POST', '/api/admin/sign-in-waiting/place', { subject: w.subject, ...chosen(w) }, AccountView);
      void refetch();
      props.onPlaced();
      return txAudit('placed', { name: w.displayName });
    });
  const dismiss = (w: Waiting) => {
    if (!window.confirm(txAudit('dismissConfirm', { name: w.displayName }))) return;
    void action.run(async () => {
      await api.send('POST', '/api/admin/sign-in-waiting/dismiss', { subject: w.subject, rootId: root() }, Ok);
      void refetch();
      return t('admin.saved');
    });
  };

  return (
    <>
    {/* Outside the list: the last one placed empties it, and the answer must still be read. */}
    <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
    <Show when={(waiting.latest ?? []).length > 0}>
      <section class="card stack sign-in-waiting">
        <h2>{txAudit('waiting')}</h2>
        <p class="muted">{txAudit('waitingHelp')}</p>
        <ul class="plain-list">
          <For each={waiting.latest ?? []}>
            {(w) => (
              <li class="stack">
                <div>
                  <strong>{w.displayName}</strong> <span class="muted">{w.subject} · {txAudit('waitingSince', { day: day(w.firstAt) })}</span>
                </div>
                <form class="inline-form" onSubmit={(e) => (e.preventDefault(), place(w))}>
                  <SelectField label={t('admin.role')} value={chosen(w).role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} onValue={(v) => choose(w, { role: v as Role })} />
                  <SelectField label={t('admin.unit')} value={chosen(w).unitId} placeholder={t('admin.choose')} options={units()} onValue={(unitId) => choose(w, { unitId })} />
                  <Button type="submit" variant="primary" disabled={action.busy() || !chosen(w).unitId} aria-label={txAudit('placeName', { name: w.displayName })}>
                    {txAudit('place')}
                  </Button>
                  <Button disabled={action.busy()} onClick={() => dismiss(w)} aria-label={txAudit('dismissName', { name: w.displayName })}>
                    {txAudit('dismiss')}
                  </Button>
                </form>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
    </>
  );
}
