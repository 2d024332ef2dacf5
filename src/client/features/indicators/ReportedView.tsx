/**
 * Reported measures' month grid (#/mal/rapportera?unit=…, issue 13): a manager or controller
 * types the figures no board measures, per period of a year, with their K/M split. Works offline:
 * the values are synced rows (storage/reported-repo.ts), saved in one transaction, and feed Mål
 * och resultat at once (the device computes the figures from its replica; a manager's device in
 * facts mode reads a unit's values from its year blocks, which hold the three years offered here).
 */
import { createEffect, createMemo, createSignal, For, on, Show, type JSX } from 'solid-js';
import { pathTo, resolveDefs } from '../../../shared/domain/indicators';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { Indicator } from '../../../shared/schema/indicator';
import { useApp } from '../../kit/context';
import { errorOf, language, t } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getCachedIndicatorConfig, listIndicatorRows } from '../../storage/indicator-repo';
import { listReportedValues, saveReportedValues } from '../../storage/reported-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Select } from './FormFields';
import { ReportedImport } from './ReportedImport';
import { subtreeIds } from '../../../shared/domain/rollup';
import { enterableDefs, fieldsOf, type GridErrors, gridPeriods, type LineField, type LineText, linesOf, parseGrid, refreshLines } from './reported-grid';
import { tx } from './texts';
import { refreshConfig } from './load';

const LABEL: Record<LineField, Parameters<typeof tx>[0]> = { num: 'rep.num', den: 'rep.den', numK: 'rep.numK', denK: 'rep.denK', numM: 'rep.numM', denM: 'rep.denM' };

export function ReportedView(props: { units: readonly TreeUnit[]; unitId: string; unitName: string; today: string }): JSX.Element {
  const { api, db } = useApp();
  // The catalogue rows of the levels above live outside the replica: fetch them while online.
  createEffect(() => void refreshConfig(api, db, props.unitId));
  const rows = createLiveQuery(async (): Promise<Indicator[]> => {
    const path = pathTo(props.units, props.unitId);
    const own = (await Promise.all(path.map((id) => listIndicatorRows(db, id)))).flat();
    const cached = (await getCachedIndicatorConfig(db, props.unitId))?.rows ?? [];
    const ids = new Set(own.map((r) => r.id));
    return [...own, ...cached.filter((r) => !ids.has(r.id))];
  });
  const isLeaf = () => !props.units.some((u) => u.parentId === props.unitId && u.id !== props.unitId);
  // Every reported measure can be imported here (a division's controller imports all units' values);
  // the grid holds the values this node itself reports (enterableDefs).
  const defs = createMemo(() => enterableDefs(resolveDefs(rows() ?? [], props.units, props.unitId), true));
  const enterable = (d: { source: { at: string } }) => d.source.at === 'level' || isLeaf();
  const stored = createLiveQuery(() => listReportedValues(db, props.unitId));
  const [key, setKey] = createSignal<string>('');
  const [year, setYear] = createSignal(Number(props.today.slice(0, 4)));
  const def = () => defs().find((d) => d.key === key()) ?? defs()[0];
  const periods = () => {
    const d = def();
    return d === undefined ? [] : gridPeriods(d.source.grain, year());
  };
  const [lines, setLines] = createSignal<Record<string, LineText>>({});
  const [errors, setErrors] = createSignal<GridErrors>({});
  const [done, setDone] = createSignal<'saved' | string | null>(null);
  // Periods typed in and not yet saved: a sync that changes the stored values never overwrites them.
  let edited = new Set<string>();
  // The grid starts from what is stored when the measure or the year changes; when only the stored
  // values change (a sync), the lines being edited keep what was typed (refreshLines).
  // The measure list is recomputed when a sync brings indicator rows (and may pass through an
  // interim state): only a real change of measure or year starts the grid over.
  let shown = '';
  createEffect(on([() => def()?.key, year], ([k, y]) => {
    if (k === undefined || `${k}|${y}` === shown) return;
    shown = `${k}|${y}`;
    edited = new Set();
    setLines(linesOf(stored() ?? [], k, periods()));
  }));
  createEffect(on(stored, (values) => {
    const d = def();
    if (d !== undefined) setLines(refreshLines(lines(), edited, values ?? [], d.key, periods()));
  }, { defer: true }));
  /** The units a file may name: the level and everything under it (a measure's own level included). */
  const importUnits = () => {
    const ids = new Set(subtreeIds(props.units, props.unitId));
    return props.units.filter((u) => ids.has(u.id)).map((u) => ({ id: u.id, name: u.name, closedAt: u.closedAt }));
  };
  const name = (d: { name: { sv: string; en: string } }) => (language() === 'en' ? d.name.en : d.name.sv);
  const set = (period: string, f: LineField, v: string) => {
    edited.add(period);
    setLines({ ...lines(), [period]: { ...(lines()[period] as LineText), [f]: v } });
  };

  const save = async () => {
    const d = def();
    if (d === undefined) return;
    setDone(null);
    const r = parseGrid(props.unitId, d, lines(), stored() ?? []);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    try {
      await saveReportedValues(db, r.save, r.remove);
      edited = new Set();
      setDone('saved');
    } catch (e) {
      setDone(errorOf(e));
    }
  };

  return (
    <div class="ind-reported">
      <h2>{tx('rep.title')}</h2>
      <p class="muted">{tx('rep.level', { name: props.unitName })}</p>
      <Show when={rows() !== undefined} fallback={<p class="muted">{t('app.loading')}</p>}>
        <Show when={def()} fallback={<p class="muted">{tx('rep.none')}</p>}>
          {(d) => (
            <>
              <div class="ind-rep-pick">
                <Select label={tx('rep.measure')} value={d().key} options={defs().map((x) => ({ value: x.key, label: name(x) }))} onValue={(v) => (setKey(v), setDone(null), setErrors({}))} />
                <Select
                  label={tx('rep.year')}
                  value={String(year())}
                  options={[0, 1, 2].map((i) => String(Number(props.today.slice(0, 4)) - i)).map((y) => ({ value: y, label: y }))}
                  onValue={(v) => (setYear(Number(v)), setDone(null), setErrors({}))}
                />
              </div>
              <Show when={Object.keys(errors()).length > 0}>
                <Banner tone="error">{tx('err.fix')}</Banner>
              </Show>
              <Show when={done()}>{(m) => (m() === 'saved' ? <Banner tone="success">{tx('rep.saved')}</Banner> : <Banner tone="error">{m()}</Banner>)}</Show>
              <Show when={enterable(d())} fallback={<p class="muted">{tx('rep.perUnit')}</p>}>
              <div class="ind-rep-scroll">
                <table class="ind-rep-grid" data-testid="reported-grid">
                  <caption class="sr-only">{name(d())}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tx('rep.period')}</th>
                      <For each={fieldsOf(d().source)}>{(f) => <th scope="col">{f === 'num' && d().source.form === 'ratio' ? tx('rep.numRatio') : tx(LABEL[f])}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={periods()}>
                      {(p) => (
                        <tr>
                          <th scope="row">{p}</th>
                          <For each={fieldsOf(d().source)}>
                            {(f) => {
                              const err = () => errors()[`${p}.${f}`];
                              return (
                                <td>
                                  <input
                                    class="input ind-rep-input"
                                    inputmode="decimal"
                                    aria-label={`${p} ${f === 'num' && d().source.form === 'ratio' ? tx('rep.numRatio') : tx(LABEL[f])}`}
                                    aria-invalid={err() ? 'true' : undefined}
                                    title={err() ? tx(err() as never) : undefined}
                                    value={lines()[p]?.[f] ?? ''}
                                    onInput={(e) => set(p, f, e.currentTarget.value)}
                                  />
                                  <Show when={err()}>{(k) => <span class="field-error" role="alert">{tx(k() as never)}</span>}</Show>
                                </td>
                              );
                            }}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <div class="button-row">
                <Button variant="primary" onClick={() => void save()}>
                  {tx('rep.save')}
                </Button>
              </div>
              </Show>
              <ReportedImport measure={d()} units={importUnits()} />
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
