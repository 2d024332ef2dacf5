/**
 * Hygiene (BHK) for one unit: the board (#/hygien?period=…&source=…), observation entry
 * (#/hygien/observation) and amendment (#/hygien/andra?id=…). The unit is ?unit=… or the caller's
 * own; when that is a higher level (a manager's division), the screen first lists the units
 * beneath it to pick from. The profession list comes from the device, refreshed from the server
 * when online (a tablet cannot pull its region's list).
 */
import { createEffect, createSignal, For, Match, on, Show, Switch, type JSX } from 'solid-js';
import { BhkConfigResponse } from '../../../shared/bhk-api';
import { BHK_SOURCES, type BhkSource, resolvedInPeriod } from '../../../shared/domain/bhk-period';
import { localDate, subtreeIds } from '../../../shared/domain';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { announce } from '../../kit/focus';
import { useUnit } from '../../kit/use-unit';
import { createTexts, t } from '../../kit/i18n';
import { href, route } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { cacheBhkProfessions, getBhkProfessions, listUnitObservations } from '../../storage/bhk-repo';
import { ObservationEntry } from './ObservationEntry';
import type { RoundResult } from './ObservationForm';
import { parsePeriod } from '../../kit/period';
import { effectiveProfessions } from './professions';
import { UnitRowsGate } from '../unit-rows/UnitRowsGate';
import { UnitHome } from './UnitHome';

const tx = createTexts(hygieneTexts);
type Flash = { tone: 'success' | 'error'; text: string };

export default function HygieneScreen(): JSX.Element {
  const { db, api, online } = useApp();
  const session = useSession();
  const { tree: units, unitId, unit, isLevel } = useUnit();
  /** Open enheter below a higher-level unit; empty for an enhet or an unknown tree. */
  const pickable = () => {
    const all = units() ?? [];
    if (!isLevel()) return [];
    const below = new Set(subtreeIds(all, unitId()));
    return all.filter((u) => below.has(u.id) && u.kind === 'enhet' && u.closedAt === null);
  };
  const today = () => localDate(pageNow());
  const period = () => parsePeriod(route().query.period, today());
  const source = (): BhkSource => {
    const q = route().query.source;
    return (BHK_SOURCES as readonly string[]).includes(q ?? '') ? (q as BhkSource) : 'all';
  };
  const view = () => route().path[1];
  const role = () => session().identity.role;

  const configured = createLiveQuery(() => getBhkProfessions(db, unitId()));
  createEffect(
    on([unitId, online], ([id, isOnline]) => {
      if (!isOnline) return;
      // Best effort: offline or failing, the last answer (or the default list) stays in use.
      api.get(`/api/bhk/config?unitId=${encodeURIComponent(id)}`, BhkConfigResponse).then(
        (answer) => cacheBhkProfessions(db, id, answer),
        () => undefined,
      );
    }),
  );

  const [flash, setFlash] = createSignal<Flash | null>(null);
  const boardLink = (q: { period?: string; source?: BhkSource } = {}) => {
    const p = q.period ?? period();
    const s = q.source ?? source();
    return href(['hygien'], { unit: route().query.unit, period: p === today().slice(0, 7) ? undefined : p, source: s === 'all' ? undefined : s });
  };
  const finish = (round: RoundResult | null, amended: boolean) => {
    if (amended) setFlash({ tone: 'success', text: tx('flash.amended') });
    else if (round !== null && round.n > 1) setFlash({ tone: 'success', text: tx('flash.session', { n: round.n, ok: round.ok, pct: round.pct }) });
    else if (round !== null) setFlash({ tone: 'success', text: tx('flash.saved') });
    // Focus moves to the board's heading (the shell); the save is read out in the live region.
    const f = flash();
    if (f !== null) announce(f.text);
    location.hash = boardLink();
  };
  // A message belongs to the moment it was shown: leaving the board retires it.
  createEffect(on(view, (v) => v !== undefined && setFlash(null), { defer: true }));

  /** The observation being amended as it counts now; null when it is gone (voided meanwhile). */
  const amendTarget = createLiveQuery(async () => {
    if (view() !== 'andra') return null;
    const id = route().query.id;
    const all = await listUnitObservations(db, unitId());
    const hit = resolvedInPeriod(all, { from: '0000-01-01', to: '9999-12-31' }).find((r) => r.current.id === id);
    return hit !== undefined && hit.current.voided !== true ? hit.current : null;
  });

  return (
    <div class="screen">
      <header class="screen-head">
        <h1>{view() === 'andra' ? tx('entry.amendTitle') : view() === 'observation' ? t('hygiene.entryTitle') : t('hygiene.title')}</h1>
        <p class="unit-name">{unit()?.name ?? session().identity.displayName}</p>
        <Show when={view() !== undefined}>
          <a class="btn btn-link" href={boardLink()}>
            ← {view() === 'andra' ? tx('entry.cancel') : t('hygiene.back')}
          </a>
        </Show>
      </header>
      <Switch>
        <Match when={pickable().length > 0}>
          <ul class="unit-list">
            <For each={pickable()}>
              {(u) => (
                <li>
                  <a class="list-link" href={href(['hygien'], { unit: u.id })}>
                    {u.name}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Match>
        <Match when={view() === 'observation' || view() === 'andra'}>
          <Show when={configured() !== undefined && (view() === 'observation' || amendTarget() !== undefined)} fallback={<p class="muted">{t('app.loading')}</p>}>
            <Show when={`${unitId()}|${view()}|${route().query.id ?? ''}`} keyed>
              {(_key) => (
                <UnitRowsGate unitId={unitId()}>
                  <ObservationEntry
                    unitId={unitId()}
                    professions={effectiveProfessions(configured() ?? null)}
                    {...(view() === 'andra' ? { amend: amendTarget() ?? null } : {})}
                    onFinish={finish}
                  />
                </UnitRowsGate>
              )}
            </Show>
          </Show>
        </Match>
        <Match when={true}>
          <Show when={unitId()} keyed>
            {(id) => (
              <UnitRowsGate unitId={id}>
              <UnitHome
                unitId={id}
                unitName={unit()?.name ?? id}
                period={period()}
                source={source()}
                today={today()}
                professions={configured() ?? null}
                canEdit={role() === 'manager' || role() === 'admin'}
                flash={flash()}
                onFlash={setFlash}
                link={boardLink}
                entryHref={href(['hygien', 'observation'], { unit: route().query.unit })}
                amendHref={(oid) => href(['hygien', 'andra'], { unit: route().query.unit, id: oid })}
                tree={units()}
              />
              </UnitRowsGate>
            )}
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
