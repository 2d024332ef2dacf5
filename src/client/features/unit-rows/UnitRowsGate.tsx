/**
 * A unit's own board (its observations, cross, shifts, meeting) on a device in facts mode (a VO,
 * division or region manager, sync rules 22–24) needs that unit's board rows, which the device
 * does not replicate: opening the board pins the unit (its snapshot from GET /api/sync/unit is
 * merged into the replica and later pulls keep it current). Until then, or without the network,
 * the board is not shown with missing rows: the gate says what it is waiting for. Every other
 * device already holds its unit's rows and renders the board at once.
 */
import { createResource, Match, Switch, type JSX } from 'solid-js';
import { UnitSnapshot } from '../../../shared/facts-api';
import { AppError } from '../../../shared/errors';
import { holdsBoardRows, pinUnit, touchPinned } from '../../storage/facts-repo';
import { getMeta } from '../../storage/meta';
import { Banner } from '../../ui/Banner';
import { useApp } from '../../kit/context';
import { askAgainAfterSync } from '../../primitives';
import { errorOf, t } from '../../kit/i18n';

export function UnitRowsGate(props: { unitId: string; children: JSX.Element }): JSX.Element {
  const { api, db, sync } = useApp();
  const [state, { refetch }] = createResource(
    () => props.unitId,
    async (unitId): Promise<'ready' | 'offline'> => {
      if ((await getMeta(db, 'factsMode')) !== true) return 'ready';
      // A level's own rows are in every pull; only units with nothing below them are pinned.
      if ((await db.units.where('parentId').equals(unitId).count()) > 0) return 'ready';
      if (await touchPinned(db, unitId, Date.now())) return 'ready';
      try {
        await pinUnit(db, await api.get(`/api/sync/unit?unitId=${encodeURIComponent(unitId)}`, UnitSnapshot), Date.now());
        return 'ready';
      } catch (err) {
        if (err instanceof AppError && err.code === 'network') return (await holdsBoardRows(db, unitId)) ? 'ready' : 'offline';
        throw err;
      }
    },
  );
  askAgainAfterSync(sync, () => state.state === 'ready' && state() === 'offline', refetch);
  return (
    <Switch fallback={<p class="muted" role="status">{t('unit.fetching')}</p>}>
      <Match when={state.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
      <Match when={state() === 'offline'}>
        <Banner tone="warning">{t('unit.needsNetwork')}</Banner>
      </Match>
      <Match when={state() === 'ready'}>{props.children}</Match>
    </Switch>
  );
}
