/**
 * Import the org tree from CSV (header id,name,kind,parentId) or JSON (a list of
 * {id,name,kind,parentId}), from a file or pasted text. The server validates the whole file and
 * imports all or nothing; its per-line errors are listed here.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { ImportOrgResponse } from '../../../shared/api';
import { AppError, type ErrorItem } from '../../../shared/errors';
import { useApp } from '../../kit/context';
import { errorText, t } from '../../kit/i18n';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { createAction } from './use-action';


/** JSON when the file says so by name or starts like a JSON list; otherwise CSV. */
export function detectFormat(content: string, fileName?: string): 'csv' | 'json' {
  if (fileName !== undefined) return /\.json$/i.test(fileName) ? 'json' : 'csv';
  return /^\s*[[{]/.test(content) ? 'json' : 'csv';
}

export function ImportTab(props: { onImported: () => void }): JSX.Element {
  const { api } = useApp();
  const action = createAction();
  const [content, setContent] = createSignal('');
  const [fileName, setFileName] = createSignal<string | undefined>(undefined);
  const [lineErrors, setLineErrors] = createSignal<readonly ErrorItem[]>([]);


  const readFile = async (file: File | undefined) => {
    if (file === undefined) return;
    setFileName(file.name);
    setContent(await file.text());
  };

  const run = () => {
    setLineErrors([]);
    void action.run(async () => {
      try {
        const format = detectFormat(content(), fileName());
        const r = await api.send('POST', '/api/admin/units/import', { format, content: content() }, ImportOrgResponse);
        props.onImported();
        return t('admin.importDone', { created: r.created, updated: r.updated });
      } catch (err) {
        // The server's 400 body is {code:'import-invalid', errors:[…]}: one entry per bad line.
        if (err instanceof AppError && err.code === 'import-invalid' && err.errors) setLineErrors([...err.errors]);
        throw err;
      }
    });
  };

  return (
    <section class="card form">
      <h2>{t('admin.tab.import')}</h2>
      <p>{t('admin.importHelp')}</p>
      <label class="field">
        <span class="field-label">{t('admin.importFile')}</span>
        <input class="input" type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      </label>
      <label class="field">
        <span class="field-label">{t('admin.importText')}</span>
        <textarea
          class="input textarea"
          rows={8}
          spellcheck={false}
          value={content()}
          onInput={(e) => (setContent(e.currentTarget.value), setFileName(undefined))}
        />
      </label>
      <Button variant="primary" disabled={action.busy() || content().trim() === ''} onClick={run}>
        {t('admin.importRun')}
      </Button>
      <Show when={action.result()}>{(r) => <Banner tone={r().tone}>{r().text}</Banner>}</Show>
      <Show when={lineErrors().length > 0}>
        <ul class="import-errors">
          <For each={lineErrors()}>
            {(e) => (
              <li>
                {t('admin.importLine', { line: e.line, message: errorText(e.code) })}
                {e.path && e.path.length > 0 ? ` ${t('admin.importField', { path: e.path.join('.') })}` : ''}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
