/** Changes the server refused, each with its reason in plain language and a "Stäng" to dismiss it. */
import { For, type JSX } from 'solid-js';
import { errorText, t, tOr } from '../../kit/i18n';
import type { RejectedChange } from '../../storage/sync-state';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';

/** "Hygienobservation 2026-11-22": what the change was, in words a nurse recognises. */
function describe(r: RejectedChange): string {
  const entity = tOr(`entity.${r.change.entity}`, r.change.entity);
  const date = r.change.fields.date;
  return typeof date === 'string' ? `${entity} ${date}` : entity;
}

export function RejectedList(props: { items: readonly RejectedChange[]; onDismiss: (seq: number) => void }): JSX.Element {
  return (
    <Banner tone="error">
      <strong>{t('sync.rejectedTitle')}</strong>
      <ul class="rejected">
        <For each={props.items}>
          {(r) => (
            <li>
              <span>
                {t('sync.rejectedItem', { what: describe(r), reason: errorText(r.code) })}
              </span>
              <Button onClick={() => props.onDismiss(r.seq)}>{t('sync.dismiss')}</Button>
            </li>
          )}
        </For>
      </ul>
    </Banner>
  );
}
