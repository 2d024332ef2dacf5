/**
 * Sync status on every screen: the bar, then banners for what needs a person's attention — a new
 * app version, a wrong clock, a revoked tablet, a client too old for the server, and changes the
 * server rejected. Data stays visible in every case; nothing here deletes local data.
 */
import { lazy, Show, type JSX } from 'solid-js';
import { useApp } from '../../kit/context';
import { pageNow } from '../../kit/clock';
import { formatAge, formatTime } from '../../kit/format';
import { errorText, t, tn } from '../../kit/i18n';
import { href } from '../../kit/router';
import { ENROL_SEGMENT } from '../../kit/screens';
import { applyUpdate, checkAndApplyUpdate, updateState } from '../../kit/sw-update';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SyncBar } from '../../ui/SyncBar';
import { dismissRejected } from '../../storage/sync-state';
import { syncView } from './status-model';

// Rarely needed (a stuck or revoked tablet, a refused change): loaded when first shown, off the first load.
const RejectedList = lazy(() => import('./RejectedList').then((m) => ({ default: m.RejectedList })));

export default function SyncStatus(): JSX.Element {
  const { db, engine, sync, online, session } = useApp();
  const view = () => {
    const s = sync();
    return s === undefined ? undefined : syncView(s, pageNow());
  };
  const pendingText = () => {
    const v = view();
    if (v === undefined || v.pending === 0) return null;
    const age = v.oldestAgeMs === null ? '' : ` ${t('sync.oldest', { age: formatAge(v.oldestAgeMs) })}`;
    return `${tn('sync.pending', v.pending)}${age}`;
  };
  const lastSyncText = () => {
    const at = sync()?.lastSyncAt ?? null;
    return at === null ? t('sync.neverSynced') : t('sync.lastSync', { time: formatTime(at, pageNow()) });
  };
  const exportButton = () => <Button onClick={() => void import('../../kit/export').then((m) => m.exportUnsyncedFile(db))}>{t('sync.exportUnsynced')}</Button>;

  return (
    <section class="sync-status">
      <SyncBar
        connection={!online() ? 'offline' : sync()?.lastError === 'network' ? 'unreachable' : 'online'}
        hasSession={!!session()}
        neverSynced={(sync()?.lastSyncAt ?? null) === null}
        pendingText={pendingText()}
        pendingStale={view()?.stale ?? false}
        lastSyncText={lastSyncText()}
        syncing={sync()?.syncing ?? false}
        progress={sync()?.progress ?? null}
        // A revoked or too-old client has its own banner, and "server unreachable" is already the
        // connection text: repeating either as the last error would only add noise.
        errorText={
          sync()?.lastError && sync()?.lastError !== 'network' && !sync()?.revoked && !sync()?.clientTooOld
            ? errorText(sync()?.lastError)
            : null
        }
        canSync={online() && !!session() && !sync()?.revoked}
        onSyncNow={() => void engine.syncNow()}
      />
      <Show when={updateState() === 'available'}>
        <Banner tone="info" actions={<Button variant="primary" onClick={applyUpdate}>{t('update.apply')}</Button>}>
          {t('update.available')}
        </Banner>
      </Show>
      <Show when={view()?.stale}>
        <Banner tone="warning">{t('sync.oldWarning')}</Banner>
      </Show>
      <Show when={view()?.clockOffMinutes}>
        {(minutes) => <Banner tone="warning">{t('sync.clock', { minutes: minutes() })}</Banner>}
      </Show>
      <Show when={sync()?.revoked}>
        <Banner
          tone="error"
          actions={
            <>
              {exportButton()}
              <a class="btn btn-primary" href={href([ENROL_SEGMENT])}>
                {t('sync.reenrol')}
              </a>
            </>
          }
        >
          {t('sync.revoked')}
        </Banner>
      </Show>
      <Show when={sync()?.clientTooOld}>
        <Banner
          tone="error"
          actions={
            <Button variant="primary" disabled={updateState() === 'checking'} onClick={() => void checkAndApplyUpdate()}>
              {updateState() === 'checking' ? t('update.checking') : t('sync.updateApp')}
            </Button>
          }
        >
          {t('sync.tooOld')}
        </Banner>
      </Show>
      <Show when={(sync()?.rejected.length ?? 0) > 0}>
        <RejectedList items={sync()?.rejected ?? []} onDismiss={(seq) => void dismissRejected(db, seq)} />
      </Show>
    </section>
  );
}
