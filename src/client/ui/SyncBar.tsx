/**
 * The top bar's sync line: connection, unsynced changes, last sync, last error and "Synka nu".
 * Pure view: the sync-status feature turns the snapshot into these props.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../app/i18n';
import { Button } from './Button';

export interface SyncBarProps {
  online: boolean;
  /** "3 osynkade ändringar (äldsta 2 h)", or null when everything is synced. */
  pendingText: string | null;
  /** Unsynced changes older than a day: shown louder. */
  pendingStale: boolean;
  lastSyncText: string;
  syncing: boolean;
  progress: { done: number; total: number } | null;
  errorText: string | null;
  canSync: boolean;
  onSyncNow: () => void;
}

export function SyncBar(props: SyncBarProps): JSX.Element {
  return (
    <div class="syncbar" classList={{ 'syncbar-offline': !props.online }} role="status" aria-live="polite">
      <div class="syncbar-lines">
        <span class="syncbar-conn">
          <span aria-hidden="true">{props.online ? '● ' : '○ '}</span>
          {props.online ? t('sync.online') : t('sync.offline')}
        </span>
        <span class="syncbar-pending" classList={{ 'syncbar-stale': props.pendingStale }}>
          <Show when={props.pendingText} fallback={<><span aria-hidden="true">✓ </span>{t('sync.allSynced')}</>}>
            <span aria-hidden="true">{props.pendingStale ? '⚠ ' : '↑ '}</span>
            {props.pendingText}
          </Show>
        </span>
        <span class="syncbar-last">{props.syncing ? t('sync.syncing') : props.lastSyncText}</span>
        <Show when={props.progress}>
          {(p) => (
            <span class="syncbar-progress">
              <progress max={Math.max(1, p().total)} value={p().done} />
              {t('sync.progress', { done: p().done, total: p().total })}
            </span>
          )}
        </Show>
        <Show when={props.errorText}>
          {(text) => (
            <span class="syncbar-error">
              <span aria-hidden="true">⚠ </span>
              {t('sync.lastError', { message: text() })}
            </span>
          )}
        </Show>
      </div>
      <Button variant="secondary" disabled={!props.canSync || props.syncing} onClick={() => props.onSyncNow()}>
        {t('sync.now')}
      </Button>
    </div>
  );
}
