/**
 * The top bar's sync line: connection, unsynced changes, last sync, last error and "Synka nu".
 * Pure view: the sync-status feature turns the snapshot into these props.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../kit/i18n';
import { Button } from './Button';

export interface SyncBarProps {
  /** 'unreachable': the device has a network but the server did not answer the last sync. */
  connection: 'online' | 'offline' | 'unreachable';
  /** False before login or enrolment: there is nothing of ours to sync yet. */
  hasSession: boolean;
  /** True until the first successful sync: "Allt synkat" would not be true yet. */
  neverSynced: boolean;
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

const CONNECTION_TEXT = { online: 'sync.online', offline: 'sync.offline', unreachable: 'sync.unreachable' } as const;

export function SyncBar(props: SyncBarProps): JSX.Element {
  return (
    <div class="syncbar" classList={{ 'syncbar-offline': props.connection !== 'online' }} role="status" aria-live="polite">
      <div class="syncbar-lines">
        <span class="syncbar-conn">
          <span aria-hidden="true">{props.connection === 'online' ? '● ' : '○ '}</span>
          {t(CONNECTION_TEXT[props.connection])}
        </span>
        <Show when={props.hasSession}>
          <span class="syncbar-pending" classList={{ 'syncbar-stale': props.pendingStale }}>
            <Show
              when={props.pendingText}
              fallback={
                <Show when={!props.neverSynced}>
                  <span aria-hidden="true">✓ </span>
                  {t('sync.allSynced')}
                </Show>
              }
            >
              <span aria-hidden="true">{props.pendingStale ? '⚠ ' : '↑ '}</span>
              {props.pendingText}
            </Show>
          </span>
          <span class="syncbar-last">{props.syncing ? t('sync.syncing') : props.lastSyncText}</span>
        </Show>
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
      <Show when={props.hasSession}>
        <Button variant="secondary" disabled={!props.canSync || props.syncing} onClick={() => props.onSyncNow()}>
          {t('sync.now')}
        </Button>
      </Show>
    </div>
  );
}
