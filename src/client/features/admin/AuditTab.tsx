/**
 * Administration → Logg (issue 12): the change log of a subtree (who: account or tablet; what:
 * entity, row, operation and fields; which unit; when received, with the HLC in the CSV), filtered
 * by unit, dates, kind of record and person or device, paged; and, one tap away, the security
 * log of the same subtree and dates, paged. Managers read their own subtree (the server refuses any other). Kinds of record,
 * operations and events are shown in words (audit-labels.ts), the stored names only in the files.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { AuditChangesResponse, AuditEventsResponse, type AuditChange, type AuditEvent } from '../../../shared/audit-api';
import { BhkExportResponse } from '../../../shared/bhk-api';
import { adminAuditTexts } from '../../../shared/i18n/features/admin-audit';
import { auditLabels, labelOf } from '../../../shared/i18n/features/audit-labels';
import { ENTITY_NAMES } from '../../../shared/schema/registry';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { useApp, useSession } from '../../kit/context';
import { downloadText } from '../../kit/download';
import { downloadBase64 } from '../../kit/xlsx';
import { XlsxExportResponse } from '../../../shared/export/api';
import { createTexts, errorOf, language } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { SelectField, TextField } from '../../ui/Field';
import { treeRows } from './org-tree';

const txAudit = createTexts(adminAuditTexts);

interface Filter { rootId: string; from: string; to: string; entity: string; who: string }
const query = (f: Filter, before?: number | null) => {
  const q = new URLSearchParams({ rootId: f.rootId });
  for (const k of ['from', 'to', 'entity', 'who'] as const) if (f[k].trim()) q.set(k, f[k].trim());
  if (before) q.set('before', String(before));
  return q.toString();
};
const label = (group: 'entity' | 'op' | 'event' | 'outcome', value: string) => labelOf(auditLabels[language()], group, value);
const time = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });

export function AuditTab(props: { units: readonly OrgUnit[] }): JSX.Element {
  const { api } = useApp();
  const session = useSession();
  const [draft, setDraft] = createSignal<Filter>({ rootId: session().identity.scopeUnitId, from: '', to: '', entity: '', who: '' });
  const [filter, setFilter] = createSignal<Filter>(draft());
  const [rows, setRows] = createSignal<AuditChange[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const set = (patch: Partial<Filter>) => setDraft((f) => ({ ...f, ...patch }));

  const load = async (f: Filter, before: number | null) => {
    setError(null);
    try {
      const page = await api.get(`/api/audit/changes?${query(f, before)}`, AuditChangesResponse);
      setRows((r) => (before ? [...r, ...page.changes] : page.changes));
      setNext(page.next);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  void load(filter(), null);
  // The security events of the same subtree and dates, paged the same way.
  const [view, setView] = createSignal<'changes' | 'events'>('changes');
  const [events, setEvents] = createSignal<AuditEvent[]>([]);
  const [eventsNext, setEventsNext] = createSignal<number | null>(null);
  const loadEvents = async (f: Filter, before: number | null) => {
    setError(null);
    const q = new URLSearchParams({ rootId: f.rootId });
    for (const k of ['from', 'to'] as const) if (f[k].trim()) q.set(k, f[k].trim());
    if (before) q.set('before', String(before));
    try {
      const page = await api.get(`/api/audit/events?${q}`, AuditEventsResponse);
      setEvents((e) => (before ? [...e, ...page.events] : page.events));
      setEventsNext(page.next);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  void loadEvents(filter(), null);

  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    setFilter(draft());
    void load(draft(), null);
    void loadEvents(draft(), null);
  };
  const xlsx = async () => {
    try {
      downloadBase64(await api.get(`/api/audit/changes.xlsx?${query(filter())}`, XlsxExportResponse));
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const csv = async () => {
    try {
      const file = await api.get(`/api/audit/changes.csv?${query(filter())}`, BhkExportResponse);
      downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setError(errorOf(e));
    }
  };

  return (
    <section class="stack audit">
      <div class="chips" role="group" aria-label={txAudit('tab')}>
        <Chip selected={view() === 'changes'} onSelect={() => setView('changes')}>{txAudit('changes')}</Chip>
        <Chip selected={view() === 'events'} onSelect={() => setView('events')}>{txAudit('events')}</Chip>
      </div>
      <form class="card form" onSubmit={apply}>
        <h2>{view() === 'changes' ? txAudit('changes') : txAudit('events')}</h2>
        <SelectField
          label={txAudit('unit')}
          value={draft().rootId}
          options={treeRows(props.units).map(({ unit, depth }) => ({ value: unit.id, label: `${'  '.repeat(depth)}${unit.name}` }))}
          onValue={(rootId) => set({ rootId })}
        />
        <TextField label={txAudit('from')} type="date" value={draft().from} onValue={(from) => set({ from })} />
        <TextField label={txAudit('to')} type="date" value={draft().to} onValue={(to) => set({ to })} />
        <Show when={view() === 'changes'}>
          <SelectField label={txAudit('entity')} value={draft().entity} options={[{ value: '', label: txAudit('anyEntity') }, ...ENTITY_NAMES.map((n) => ({ value: n, label: label('entity', n) }))]} onValue={(entity) => set({ entity })} />
          <TextField label={txAudit('who')} value={draft().who} maxLength={200} onValue={(who) => set({ who })} />
        </Show>
        <div class="button-row">
          <Button type="submit" variant="primary">{txAudit('filter')}</Button>
          <Show when={view() === 'changes'}>
            <Button onClick={() => void csv()}>{txAudit('csv')}</Button>
            <Button onClick={() => void xlsx()}>{txAudit('xlsx')}</Button>
          </Show>
        </div>
      </form>
      <Show when={error()}>{(msg) => <Banner tone="error">{msg()}</Banner>}</Show>
      <Show when={view() === 'changes'}>
      <Show when={rows().length > 0} fallback={<p class="muted">{txAudit('none')}</p>}>
        <div class="table-scroll" tabindex="0" role="region" aria-label={txAudit('changes')}>
        <table class="table audit-changes">
          <thead>
            <tr><th>{txAudit('when')}</th><th>{txAudit('whoCol')}</th><th>{txAudit('where')}</th><th>{txAudit('what')}</th><th>{txAudit('fields')}</th></tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(c) => (
                <tr>
                  <td>{time(c.receivedAt)}</td>
                  <td>{c.who}{c.kind === 'tablet' ? ` (${txAudit('tablet')})` : ''}</td>
                  <td>{c.unitName}</td>
                  <td>{label('entity', c.entity)} · {label('op', c.op)}</td>
                  <td class="audit-fields">{c.fields.length > 160 ? `${c.fields.slice(0, 160)}…` : c.fields}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        </div>
      </Show>
      <Show when={next()}>
        <Button onClick={() => void load(filter(), next())}>{txAudit('more')}</Button>
      </Show>
      </Show>
      <Show when={view() === 'events'}>
        <Show when={events().length > 0} fallback={<p class="muted">{txAudit('noEvents')}</p>}>
          <div class="table-scroll" tabindex="0" role="region" aria-label={txAudit('events')}>
          <table class="table audit-events">
            <thead>
              <tr><th>{txAudit('when')}</th><th>{txAudit('kind')}</th><th>{txAudit('whoCol')}</th><th>{txAudit('subject')}</th><th>{txAudit('where')}</th><th>{txAudit('outcome')}</th><th>{txAudit('address')}</th></tr>
            </thead>
            <tbody>
              <For each={events()}>
                {(e: AuditEvent) => (
                  <tr>
                    <td>{time(e.at)}</td>
                    <td>{label('event', e.kind)}</td>
                    <td>{e.actorName ?? e.actor ?? ''}</td>
                    <td>{e.subjectName ?? e.subject}</td>
                    <td>{e.unitName ?? ''}</td>
                    <td>{label('outcome', e.outcome)}</td>
                    <td>{e.address ?? ''}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          </div>
        </Show>
        <Show when={eventsNext()}>
          <Button onClick={() => void loadEvents(filter(), eventsNext())}>{txAudit('more')}</Button>
        </Show>
      </Show>
    </section>
  );
}
