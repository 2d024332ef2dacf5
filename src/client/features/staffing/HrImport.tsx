/**
 * Importing the HR system's monthly export: choose the file; match its columns once (remembered
 * on this device for next month); see every problem with its line, or what the import will do;
 * then import all rows in one transaction. Nothing is written while any row is wrong.
 */
import { createMemo, createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { readCsv, type CsvTable, type HrCsvError } from '../../../shared/domain/hr-csv';
import { guessMapping, HR_FIELDS, type HrCsvMapping, type HrField, type ImportUnit, mappingComplete, missingColumns, parseHrTable, toHrMonth } from '../../../shared/domain/hr-import';
import { useApp } from '../../kit/context';
import { formatMonth } from '../../kit/format';
import { errorOf } from '../../kit/i18n';
import { listHrMonths, saveHrMonths } from '../../storage/staffing-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { hrErrorText } from './hr-errors';
import { loadMapping, saveMapping } from './hr-mapping-store';
import { txHr } from './texts';

const MAX_BYTES = 2 * 1024 * 1024;
const SHOWN_ERRORS = 50;

export function HrImport(props: { scopeUnitId: string; units: readonly ImportUnit[]; currentMonth: string; defaultMonth: string }): JSX.Element {
  const { db } = useApp();
  const [table, setTable] = createSignal<CsvTable | null>(null);
  const [fileErrors, setFileErrors] = createSignal<HrCsvError[]>([]);
  const [mapping, setMapping] = createSignal<HrCsvMapping>({ columns: {}, fraction: false });
  const [phase, setPhase] = createSignal<'choose' | 'map' | 'preview' | 'done'>('choose');
  const [remembered, setRemembered] = createSignal(false);
  const [fixedMonth, setFixedMonth] = createSignal(props.defaultMonth);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [fileName, setFileName] = createSignal('');

  const onFile = async (file: File | undefined) => {
    setTable(null);
    setFileErrors([]);
    setMessage(null);
    setPhase('choose');
    setFileName(file?.name ?? '');
    if (file === undefined) return;
    if (file.size > MAX_BYTES) return setMessage({ tone: 'error', text: txHr('import.tooBig') });
    const read = readCsv(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) return setFileErrors(read.errors);
    setTable(read.table);
    const stored = loadMapping(props.scopeUnitId);
    const fits = stored !== null && missingColumns(stored, read.table.header).length === 0 && mappingComplete(stored, fixedMonth());
    setRemembered(fits);
    setMapping(fits ? stored : guessMapping(read.table.header));
    setPhase(fits ? 'preview' : 'map');
  };

  const monthFixed = () => (mapping().columns.month === undefined ? fixedMonth() : null);
  const result = createMemo(() => {
    const tb = table();
    if (tb === null || phase() !== 'preview') return null;
    return parseHrTable(tb, mapping(), { units: props.units, fixedMonth: monthFixed(), currentMonth: props.currentMonth });
  });
  /** How many of the months being imported replace a value already here. */
  const [replaced] = createResource(result, async (r) => {
    if (!r.ok) return 0;
    let n = 0;
    for (const row of r.rows) if ((await listHrMonths(db, row.unitId, row.month, row.month)).length > 0) n += 1;
    return n;
  });
  const summary = () => {
    const r = result();
    if (r === null || !r.ok) return null;
    const months = [...new Set(r.rows.map((x) => x.month))].sort().map((m) => formatMonth(m)).join(', ');
    return { rows: r.rows.length, units: new Set(r.rows.map((x) => x.unitId)).size, months };
  };
  const setColumn = (field: HrField, column: string) =>
    setMapping((m) => {
      const columns = { ...m.columns };
      if (column === '') delete columns[field];
      else columns[field] = column;
      return { ...m, columns };
    });

  const run = async () => {
    const r = result();
    if (r === null || !r.ok) return;
    try {
      await saveHrMonths(db, r.rows.map(toHrMonth));
      setPhase('done');
      setMessage({ tone: 'success', text: txHr('import.done', { n: r.rows.length, months: summary()?.months ?? '' }) });
    } catch (err) {
      setMessage({ tone: 'error', text: errorOf(err) });
    }
  };

  const errors = () => {
    const r = result();
    return fileErrors().length > 0 ? fileErrors() : r !== null && !r.ok ? r.errors : [];
  };

  return (
    <div class="hr-import">
      <p>{txHr('import.intro')}</p>
      <label class="btn btn-secondary file-pick">
        {txHr('import.choose')}
        <input type="file" class="sr-only" accept=".csv,text/csv,text/plain" onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Cleared, so choosing the corrected file under the same name is noticed too.
            e.currentTarget.value = '';
            void onFile(file);
          }}
        />
      </label>
      <Show when={fileName()}>
        <p class="muted">{txHr('import.file', { name: fileName() })}</p>
      </Show>
      <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
      <Show when={errors().length > 0}>
        <Banner tone="error">{txHr('import.errors', { n: errors().length })}</Banner>
        <ul class="import-errors">
          <For each={errors().slice(0, SHOWN_ERRORS)}>{(e) => <li>{hrErrorText(e)}</li>}</For>
          <Show when={errors().length > SHOWN_ERRORS}>
            <li>{txHr('import.moreErrors', { n: errors().length - SHOWN_ERRORS })}</li>
          </Show>
        </ul>
      </Show>
      <Switch>
        <Match when={phase() === 'map' && table()}>
          {(tb) => (
            <fieldset class="hr-mapping">
              <legend>{txHr('import.mapTitle')}</legend>
              <For each={HR_FIELDS}>
                {(field) => (
                  <SelectField
                    label={txHr(`field.${field}`)}
                    value={mapping().columns[field] ?? ''}
                    placeholder={txHr('import.none')}
                    options={tb().header.map((h) => ({ value: h, label: h }))}
                    onValue={(v) => setColumn(field, v)}
                  />
                )}
              </For>
              <Show when={mapping().columns.month === undefined}>
                <label class="field">
                  <span class="field-label">{txHr('import.fixedMonth')}</span>
                  <input class="input" type="month" max={props.currentMonth} value={fixedMonth()} onInput={(e) => setFixedMonth(e.currentTarget.value)} />
                </label>
              </Show>
              <label class="check">
                <input type="checkbox" checked={mapping().fraction} onChange={(e) => setMapping((m) => ({ ...m, fraction: e.currentTarget.checked }))} />
                {txHr('import.fraction')}
              </label>
              <Button
                variant="primary"
                disabled={!mappingComplete(mapping(), fixedMonth() === '' ? null : fixedMonth())}
                onClick={() => {
                  saveMapping(props.scopeUnitId, mapping());
                  setPhase('preview');
                }}
              >
                {txHr('import.useMapping')}
              </Button>
            </fieldset>
          )}
        </Match>
        <Match when={phase() === 'preview'}>
          <Show when={remembered()}>
            <p class="muted">
              {txHr('import.remembered')}{' '}
              <Button variant="link" onClick={() => setPhase('map')}>
                {txHr('import.changeMapping')}
              </Button>
            </p>
          </Show>
          <Show when={summary()}>
            {(s) => (
              <div class="card import-preview">
                <p>{txHr('import.preview', { rows: s().rows, units: s().units, months: s().months })}</p>
                <Show when={(replaced() ?? 0) > 0}>
                  <p>{txHr('import.replaces', { n: replaced() ?? 0 })}</p>
                </Show>
                <Button variant="primary" size="big" onClick={() => void run()}>
                  {txHr('import.run')}
                </Button>
              </div>
            )}
          </Show>
          <Show when={!remembered() && errors().length > 0}>
            <Button variant="secondary" onClick={() => setPhase('map')}>
              {txHr('import.changeMapping')}
            </Button>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
