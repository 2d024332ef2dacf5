/**
 * Import of a reported measure's values from the region's BI or HR export (CSV or .xlsx: a
 * workbook's sheet becomes the same table as a CSV, kit/xlsx-read.ts, ExcelJS loaded on first use, and
 * line numbers are the rows Excel shows): the columns are
 * matched once (guessed, confirmed, remembered on this device per measure), every row is checked
 * (domain/indicators/reported-import.ts) and every bad one listed with its line; nothing is saved
 * unless the whole file is right, and then it is saved in one transaction (a re-import replaces
 * the cells it names). Works offline: the values sync later.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { type CsvResult, readCsv, type CsvTable } from '../../../shared/domain/hr-csv';
import type { ImportUnit } from '../../../shared/domain/hr-import';
import { looksLikeXlsx } from '../../../shared/domain/sheet-table';
import { guessReportedMapping, parseReportedTable, REPORTED_FIELDS, type ReportedImportError, type ReportedMapping, reportedMappingComplete } from '../../../shared/domain/indicators/reported-import';
import type { ReportedSource } from '../../../shared/schema/indicator';
import { useApp } from '../../kit/context';
import { errorOf } from '../../kit/i18n';
import { saveReportedValues } from '../../storage/reported-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Select } from './FormFields';
import { tx } from './texts';

const MAX_BYTES = 5 * 1024 * 1024;
const storeKey = (measure: string) => `pulstavlan.reportedCsvMapping.${measure}`;

function loadMapping(measure: string): ReportedMapping | null {
  try {
    const parsed = JSON.parse(globalThis.localStorage?.getItem(storeKey(measure)) ?? 'null') as { columns?: Record<string, unknown> } | null;
    if (parsed === null) return null;
    const columns: ReportedMapping['columns'] = {};
    for (const f of REPORTED_FIELDS) if (typeof parsed.columns?.[f] === 'string') columns[f] = parsed.columns[f] as string;
    return { columns };
  } catch {
    return null;
  }
}

function saveMapping(measure: string, m: ReportedMapping): void {
  try {
    globalThis.localStorage?.setItem(storeKey(measure), JSON.stringify(m));
  } catch {
    // Private mode or a full store: the columns are asked for again next time.
  }
}

export function importErrorText(e: ReportedImportError): string {
  const where = e.column === undefined ? '' : tx('imp.where', { column: e.column, value: e.value === undefined ? '' : `: ”${e.value}”` });
  return tx('imp.err', { line: e.line, reason: tx(`imp.code.${e.code}` as never), where });
}

export function ReportedImport(props: { measure: { key: string; source: ReportedSource }; units: readonly ImportUnit[] }): JSX.Element {
  const { db } = useApp();
  const [table, setTable] = createSignal<CsvTable | null>(null);
  const [mapping, setMapping] = createSignal<ReportedMapping>({ columns: {} });
  const [errors, setErrors] = createSignal<ReportedImportError[]>([]);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const fields = () => REPORTED_FIELDS.filter((f) => props.measure.source.form === 'ratio' || !f.startsWith('den'));

  const run = async (t: CsvTable, m: ReportedMapping) => {
    const r = parseReportedTable(t, m, props.measure, props.units);
    if (!r.ok) {
      setErrors(r.errors);
      setMessage({ tone: 'error', text: tx('imp.refused') });
      return;
    }
    saveMapping(props.measure.key, m);
    try {
      await saveReportedValues(db, r.values);
      setTable(null);
      setMessage({ tone: 'success', text: tx('imp.done', { n: r.values.length }) });
    } catch (e) {
      setMessage({ tone: 'error', text: errorOf(e) });
    }
  };

  const onFile = async (file: File | undefined) => {
    setErrors([]);
    setMessage(null);
    setTable(null);
    if (file === undefined) return;
    if (file.size > MAX_BYTES) return setMessage({ tone: 'error', text: tx('imp.code.too-many-rows') });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let read: CsvResult;
    try {
      read = looksLikeXlsx(bytes) ? await (await import('../../kit/xlsx-read')).readXlsx(bytes) : readCsv(bytes);
    } catch (e) {
      return setMessage({ tone: 'error', text: errorOf(e) });
    }
    if (!read.ok) {
      setErrors(read.errors);
      setMessage({ tone: 'error', text: tx('imp.refused') });
      return;
    }
    const stored = loadMapping(props.measure.key);
    const fits = stored !== null && reportedMappingComplete(stored, props.measure.source) && Object.values(stored.columns).every((c) => c === undefined || read.table.header.includes(c));
    if (fits) return run(read.table, stored);
    setMapping(guessReportedMapping(read.table.header));
    setTable(read.table);
  };

  return (
    <section class="ind-rep-import">
      <h3>{tx('imp.title')}</h3>
      <label class="field">
        <span class="field-label">{tx('imp.file')}</span>
        <input type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="reported-file" onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
      </label>
      <Show when={table()}>
        {(t) => (
          <div class="ind-rep-map">
            <p class="muted">{tx('imp.map')}</p>
            <For each={fields()}>
              {(f) => (
                <Select
                  label={tx(`imp.field.${f}`)}
                  value={mapping().columns[f] ?? ''}
                  options={[{ value: '', label: tx('imp.none') }, ...t().header.map((h) => ({ value: h, label: h }))]}
                  onValue={(v) => setMapping({ columns: { ...mapping().columns, [f]: v === '' ? undefined : v } })}
                />
              )}
            </For>
            <Show when={!reportedMappingComplete(mapping(), props.measure.source)}>
              <p class="muted">{tx('imp.incomplete')}</p>
            </Show>
            <Button variant="primary" disabled={!reportedMappingComplete(mapping(), props.measure.source)} onClick={() => void run(t(), mapping())}>
              {tx('imp.use')}
            </Button>
          </div>
        )}
      </Show>
      <Show when={message()}>{(m) => <Banner tone={m().tone}>{m().text}</Banner>}</Show>
      <Show when={errors().length > 0}>
        <ul class="ind-rep-errors" data-testid="import-errors">
          <For each={errors().slice(0, 200)}>{(e) => <li>{importErrorText(e)}</li>}</For>
        </ul>
      </Show>
    </section>
  );
}
