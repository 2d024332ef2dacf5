/**
 * The catalogue editor (#/mal/katalog?unit=…): the indicators in force at a level, hidden ones
 * included. Admins edit every field and add indicators; managers only the target-ish fields for
 * their level. Saved as one synced row per level and key (works offline).
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { pathTo } from '../../../shared/domain/indicators';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { Indicator } from '../../../shared/schema/indicator';
import { useApp } from '../../kit/context';
import { language, t } from '../../kit/i18n';
import { createLiveQuery } from '../../primitives';
import { getCachedIndicatorConfig, listIndicatorRows } from '../../storage/indicator-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { CatalogueForm } from './CatalogueForm';
import { catalogueEntries, type CatalogueEntry } from './catalogue-rows';
import { formatTarget, tx } from './texts';

export function CatalogueView(props: { units: readonly TreeUnit[]; unitId: string; isAdmin: boolean; unitName: string }): JSX.Element {
  const { db } = useApp();
  const rows = createLiveQuery(async (): Promise<Indicator[]> => {
    const path = pathTo(props.units, props.unitId);
    const own = (await Promise.all(path.map((id) => listIndicatorRows(db, id)))).flat();
    const cached = (await getCachedIndicatorConfig(db, props.unitId))?.rows ?? [];
    const ids = new Set(own.map((r) => r.id));
    return [...own, ...cached.filter((r) => !ids.has(r.id))];
  });
  const entries = createMemo(() => (rows() === undefined ? undefined : catalogueEntries(rows() ?? [], props.units, props.unitId)));
  const [editing, setEditing] = createSignal<CatalogueEntry | 'new' | null>(null);
  const [saved, setSaved] = createSignal(false);
  const name = (e: CatalogueEntry) => (language() === 'en' ? e.def.name.en : e.def.name.sv);

  return (
    <div class="ind-catalogue">
      <h2>{tx('cat.title')}</h2>
      <p class="muted">{tx('cat.level', { name: props.unitName })}</p>
      <Show when={!props.isAdmin}>
        <p class="muted">{tx('cat.managerNote')}</p>
      </Show>
      <Show when={saved()}>
        <Banner tone="success">{tx('saved')}</Banner>
      </Show>
      <Show when={entries()} fallback={<p class="muted">{t('app.loading')}</p>}>
        {(list) => (
          <Show
            when={editing()}
            fallback={
              <>
                <ul class="ind-rows">
                  <For each={list()}>
                    {(e) => (
                      <li class="ind-row ind-cat-row" data-testid="catalogue-row">
                        <span class="ind-name">
                          {name(e)}
                          <span class="ind-sub">
                            {tx(`perspective.${e.def.perspective}`)} · {formatTarget(e.def.target, e.def.unit)}
                            {e.hidden ? ` · ${tx('cat.hiddenTag')}` : ''} · {e.own ? tx('cat.own') : tx('cat.inherited')}
                          </span>
                        </span>
                        <Button onClick={() => (setSaved(false), setEditing(e))} aria-label={`${tx('cat.edit')}: ${name(e)}`}>
                          {tx('cat.edit')}
                        </Button>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={props.isAdmin}>
                  <div class="button-row">
                    <Button variant="primary" onClick={() => (setSaved(false), setEditing('new'))}>
                      {tx('cat.new')}
                    </Button>
                  </div>
                </Show>
              </>
            }
          >
            {(e) => (
              <CatalogueForm
                entry={e() === 'new' ? null : (e() as CatalogueEntry)}
                unitId={props.unitId}
                isAdmin={props.isAdmin}
                takenKeys={list().map((x) => x.def.key)}
                onDone={(ok) => (setEditing(null), setSaved(ok))}
              />
            )}
          </Show>
        )}
      </Show>
    </div>
  );
}
