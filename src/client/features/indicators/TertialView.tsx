/**
 * Mål och resultat → Tertialrapport (#/mal/rapport?unit=…&period=2026-DA04): the level's
 * "Bilaga produktion och måluppfyllelse" on screen (from the server, or written on the device
 * offline), printable on A4 in black and white, and downloadable as .docx (docx loaded on first
 * use). Managers write the analysis of each styrmått and follow up the strategic actions here;
 * both are synced rows, saved offline and shown at once.
 */
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { TertialReport, TertialRow } from '../../../shared/domain/goals/report';
import { ACTION_COLUMNS, actionLines, GOAL_COLUMNS, reportFilename, STATUS_MARK, TREND_MARK } from '../../../shared/domain/goals/tables';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { ACTION_FOLLOW_STATUSES, REPORT_PERIOD, REPORT_PERIOD_LABEL, REPORT_PERIODS } from '../../../shared/schema/goal';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { errorOf, t } from '../../kit/i18n';
import { href, route } from '../../kit/router';
import { createAnswer, settled } from '../../primitives';
import { followUpAction, listStrategicActions, saveAnalysis } from '../../storage/goal-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { saveBlob } from '../../kit/download';
import { Select } from './FormFields';
import { tx } from './texts';
import { followKindOf, loadTertialReport } from './goal-load';
import { GoalEditor } from './GoalEditor';
import { newActionHref } from '../improvements/cause-link';

const MONTHS = ['Januari', 'Februari', 'Mars', 'April', 'Maj', 'Juni', 'Juli', 'Augusti', 'September', 'Oktober', 'November', 'December'];
const FOLLOW_LABEL = { ejPaborjad: 'Ej påbörjad', pagar: 'Pågår', klar: 'Klar', omtag: 'Omtag behövs' } as const;

/** The report period a date is in (its tertial report, cumulative). */
export function defaultReportPeriod(today: string): string {
  const m = Number(today.slice(5, 7));
  return `${today.slice(0, 4)}-${m <= 4 ? 'DA04' : m <= 8 ? 'DA08' : 'AR'}`;
}

export function TertialView(props: { units: readonly TreeUnit[]; unitId: string; scopeId: string; unitName: string; today: string; lead: boolean }): JSX.Element {
  const { api, db } = useApp();
  const session = useSession();
  const period = () => {
    const q = route().query.period;
    return q !== undefined && (REPORT_PERIOD.test(q) || /^\d{4}-(0[1-9]|1[0-2])$/.test(q)) ? q : defaultReportPeriod(props.today);
  };
  const link = (p: string) => href(['mal', 'rapport'], { unit: props.unitId === props.scopeId ? undefined : props.unitId, period: p });
  // Asked per level and period only: every sync replaces the device's org tree, and a report asked
  // again then unmounted the page, an analysis being typed with it. The tree is read when asked.
  const [report, { refetch }] = createAnswer(
    () => ({ rootId: props.unitId, period: period() }),
    (k) => loadTertialReport(api, db, props.units, k.rootId, k.period, pageNow()),
  );
  // What is being written (analyses, follow-ups) lives here, not in the rows: a saved change asks
  // for the report again and redraws its rows, and an open editor elsewhere keeps its text.
  const [drafts, setDrafts] = createSignal<Record<string, unknown>>({});
  const draftOf = <T,>(kind: string, id: string): Draft<T> => {
    const key = `${props.unitId}|${period()}|${kind}|${id}`;
    return {
      get: () => drafts()[key] as T | undefined,
      set: (v) =>
        setDrafts((all) => {
          const next = { ...all };
          if (v === undefined) delete next[key];
          else next[key] = v;
          return next;
        }),
    };
  };
  const [note, setNote] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const year = () => Number(period().slice(0, 4));
  /** DA04, DA08, AR, or a month number "01"–"12" (the report for any month). */
  const kind = () => period().slice(5);

  /** The same tables as a workbook, one sheet per perspective (the writer loads on first use). */
  const downloadXlsx = (r: TertialReport) =>
    Promise.all([import('../../kit/xlsx'), import('../../../shared/domain/goals/tables')]).then(
      ([{ downloadWorkbook }, { tertialWorkbook }]) => downloadWorkbook(tertialWorkbook(r)),
      (e: unknown) => setNote({ tone: 'error', text: errorOf(e) }),
    ).catch((e: unknown) => setNote({ tone: 'error', text: errorOf(e) }));

  const download = async (r: TertialReport) => {
    setBusy(true);
    setNote(null);
    try {
      const { reportDocxBlob } = await import('./report-docx');
      saveBlob(`${reportFilename(r)}.docx`, await reportDocxBlob(r));
    } catch (e) {
      setNote({ tone: 'error', text: errorOf(e) });
    } finally {
      setBusy(false);
    }
  };
  /** Whether it was saved: a refused text (a personnummer in it) stays in its editor to be mended. */
  const done = (p: Promise<void>): Promise<boolean> =>
    p.then(
      () => (setNote({ tone: 'success', text: tx('tr.saved') }), void refetch(), true),
      (e: unknown) => (setNote({ tone: 'error', text: errorOf(e) }), false),
    );

  return (
    <div class="goal-report">
      <div class="button-row no-print goal-pick">
        <Select label={tx('tr.period')} value={kind()} options={[...REPORT_PERIODS.map((k) => ({ value: k as string, label: REPORT_PERIOD_LABEL[k] })), ...MONTHS.map((m, i) => ({ value: String(i + 1).padStart(2, '0'), label: m }))]} onValue={(v) => (location.hash = link(`${year()}-${v}`))} />
        <Select label={tx('tr.year')} value={String(year())} options={[0, 1, 2].map((i) => String(Number(props.today.slice(0, 4)) - i)).map((y) => ({ value: y, label: y }))} onValue={(v) => (location.hash = link(`${v}-${kind()}`))} />
      </div>
      <Show when={note()}>{(n) => <Banner tone={n().tone}>{n().text}</Banner>}</Show>
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={report.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={settled(report)}>
          {(loaded) => {
            const r = () => loaded().res;
            return (
              <article class="goal-doc" data-testid="tertial-report">
                <div class="button-row no-print">
                  <Button onClick={() => window.print()}>{tx('tr.print')}</Button>
                  <Button variant="primary" disabled={busy()} onClick={() => void download(r())}>
                    {busy() ? tx('tr.docxBusy') : tx('tr.docx')}
                  </Button>
                  <Button disabled={busy()} onClick={() => void downloadXlsx(r())}>
                    {tx('xlsx')}
                  </Button>
                </div>
                <h2>Bilaga produktion och måluppfyllelse</h2>
                <p class="goal-meta">
                  <strong>
                    {r().rootName} · {r().label}
                  </strong>{' '}
                  · Data från {r().computedAt.slice(0, 16).replace('T', ' ')} (UTC)
                </p>
                <Show when={loaded().source === 'device'}>
                  <p class="muted">{tx('tr.device')}</p>
                </Show>
                <p class="goal-legend">Måluppfyllelse: ● uppfyllt, ▲ delvis, ◆ ej uppfyllt, □ ej mätbart. Utveckling mot samma period föregående år: ↑ ↓ →, ↕ kvinnor och män åt olika håll.</p>
                <Show when={r().perspectives.length > 0} fallback={<p class="muted">{tx('tr.empty')}</p>}>
                  <For each={r().perspectives}>
                    {(p) => (
                      <section class="goal-perspective">
                        <h3>Perspektiv {p.label}</h3>
                        <For each={p.goals}>
                          {(g) => (
                            <div class="goal-goal">
                              <h4>Strategiskt mål: {g.title}</h4>
                              <div class="goal-scroll">
                                <table class="goal-table">
                                  <thead>
                                    <tr>
                                      <For each={GOAL_COLUMNS}>{(h) => <th scope="col">{h}</th>}</For>
                                    </tr>
                                  </thead>
                                  <tbody>
                                    <For each={g.rows}>
                                      {(row) => (
                                        <tr data-testid="goal-row">
                                          <td>{row.faktor}</td>
                                          <th scope="row">{row.styrmatt}</th>
                                          <td>{row.target}</td>
                                          <td>{row.periods}</td>
                                          <td class={row.missing ? 'goal-missing' : undefined}>{row.outcome}</td>
                                          <td>{STATUS_MARK[row.status]}</td>
                                          <td>{TREND_MARK[row.trend]}</td>
                                        </tr>
                                      )}
                                    </For>
                                  </tbody>
                                </table>
                              </div>
                              <For each={g.rows}>
                                {(row) => (
                                  <Analysis
                                    row={row}
                                    lead={props.lead}
                                    draft={draftOf<string>('analysis', row.itemId)}
                                    onSave={(text) => done(saveAnalysis(db, props.unitId, row.itemId, period(), text, session().identity.displayName))}
                                  />
                                )}
                              </For>
                            </div>
                          )}
                        </For>
                      </section>
                    )}
                  </For>
                </Show>
                <section class="goal-actions">
                  <h3>Uppföljning av strategiska åtgärder</h3>
                  <div class="goal-scroll">
                    <table class="goal-table goal-actions-table">
                      <thead>
                        <tr>
                          <For each={ACTION_COLUMNS}>{(h) => <th scope="col">{h}</th>}</For>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={r().actions}>
                          {(a) => (
                            <tr data-testid="action-row">
                              <td>{a.nr}</td>
                              <td>{a.goal}</td>
                              <td>
                                <For each={actionLines(a)}>{(line) => <p class="goal-line">{line}</p>}</For>
                                <Show when={props.lead}>
                                  <a class="btn btn-link no-print" href={newActionHref(undefined, { kind: 'strategic', ref: a.id, label: `Strategisk åtgärd ${a.nr}: ${a.title}`.slice(0, 160) })}>
                                    {tx('tr.unitAction')}
                                  </a>
                                </Show>
                              </td>
                              <td>{a.status}</td>
                              <td>
                                {a.comment}
                                <Show when={props.lead}>
                                  <FollowUp
                                    draft={draftOf<FollowDraft>('follow', a.id)}
                                    status={a.status}
                                    comment={a.comment}
                                    label={a.title}
                                    onSave={(status, comment) =>
                                      done(
                                        (async () => {
                                          const stored = (await listStrategicActions(db, props.unitId)).find((x) => x.id === a.id);
                                          if (stored) await followUpAction(db, stored, followKindOf(period()), { status, comment });
                                        })(),
                                      )
                                    }
                                  />
                                </Show>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </section>
              </article>
            );
          }}
        </Match>
      </Switch>
      <Show when={props.lead}>
        <GoalEditor units={props.units} unitId={props.unitId} year={year()} onSaved={() => void refetch()} />
      </Show>
    </div>
  );
}

/** A text being written, kept by the report (undefined: the editor is closed). */
interface Draft<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

function Analysis(props: { row: TertialRow; lead: boolean; draft: Draft<string>; onSave: (text: string) => Promise<boolean> }): JSX.Element {
  const open = () => props.draft.get() !== undefined;
  const text = () => props.draft.get() ?? '';
  return (
    <div class="goal-analysis" data-testid="goal-analysis">
      <Show when={props.row.analysis}>
        {(a) => (
          <>
            <p class="goal-analysis-title">
              <strong>{props.row.styrmatt}</strong>
            </p>
            <For each={a().text.split('\n')}>{(line) => <p>{line}</p>}</For>
            <p class="muted goal-analysis-by">
              {a().author}, {a().writtenAt.slice(0, 10)}
            </p>
          </>
        )}
      </Show>
      <Show when={props.lead}>
        <Show
          when={open()}
          fallback={
            <Button class="no-print" onClick={() => props.draft.set(props.row.analysis?.text ?? '')}>
              {props.row.analysis ? tx('tr.editAnalysis') : tx('tr.writeAnalysis')}: {props.row.styrmatt}
            </Button>
          }
        >
          <div class="no-print goal-analysis-form">
            <label class="field">
              <span class="field-label">{tx('tr.analysisLabel', { name: props.row.styrmatt })}</span>
              <textarea class="input" rows={5} value={text()} onInput={(e) => props.draft.set(e.currentTarget.value)} />
            </label>
            <div class="button-row">
              <Button variant="primary" onClick={() => void props.onSave(text()).then((saved) => saved && props.draft.set(undefined))}>
                {tx('tr.saveAnalysis')}
              </Button>
              <Button onClick={() => props.draft.set(undefined)}>{tx('cancel')}</Button>
            </div>
          </div>
        </Show>
      </Show>
    </div>
  );
}

type FollowStatus = (typeof ACTION_FOLLOW_STATUSES)[number];
interface FollowDraft {
  status: FollowStatus;
  comment: string;
}

function FollowUp(props: { draft: Draft<FollowDraft>; status: string; comment: string; label: string; onSave: (status: FollowStatus, comment: string) => Promise<boolean> }): JSX.Element {
  const initial = () => (Object.entries(FOLLOW_LABEL).find(([, v]) => v === props.status)?.[0] ?? 'pagar') as FollowStatus;
  const current = () => props.draft.get() ?? { status: initial(), comment: props.comment };
  const set = (patch: Partial<FollowDraft>) => props.draft.set({ ...current(), ...patch });
  return (
    <div class="no-print">
      <Show when={props.draft.get() !== undefined} fallback={<Button onClick={() => props.draft.set({ status: initial(), comment: props.comment })}>{`${tx('tr.follow')}: ${props.label}`}</Button>}>
        <Select label={tx('tr.followStatus')} value={current().status} options={ACTION_FOLLOW_STATUSES.map((s) => ({ value: s, label: FOLLOW_LABEL[s] }))} onValue={(v) => set({ status: v as FollowStatus })} />
        <label class="field">
          <span class="field-label">{tx('tr.followComment')}</span>
          <textarea class="input" rows={3} value={current().comment} onInput={(e) => set({ comment: e.currentTarget.value })} />
        </label>
        <Button variant="primary" onClick={() => void props.onSave(current().status, current().comment).then((saved) => saved && props.draft.set(undefined))}>
          {tx('tr.saveFollow')}
        </Button>
      </Show>
    </div>
  );
}
