/**
 * Mål och resultat (#/mal) for managers, mostly on a phone: the indicator list of a level
 * (?unit=, default the caller's scope) for a period (?period=, default this month), an
 * indicator's trend with drill-down (#/mal/trend?key=…), the division pulse view (#/mal/puls),
 * the printable page (#/mal/utskrift), the catalogue editor (#/mal/katalog) and the reported
 * measures' grid (#/mal/rapportera) and the tertial report (#/mal/rapport, issue 13). Readable
 * offline: figures fall back to the device's replica (load.ts).
 */
import { createMemo, Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { localDate } from '../../../shared/domain/periods';
import { IndicatorKey } from '../../../shared/schema/indicator';
import { pageNow } from '../../kit/clock';
import { useApp, useSession } from '../../kit/context';
import { chooseUnitId } from '../../kit/use-unit';
import { t } from '../../kit/i18n';
import { route } from '../../kit/router';
import { createLiveQuery } from '../../primitives';
import { listUnits } from '../../storage/org-repo';
import { Tabs } from '../../ui/Tabs';
import { CatalogueView } from './CatalogueView';
import { ListView } from './ListView';
import { parsePeriod } from '../../kit/period';
import { PrintView } from './PrintView';
import { PulseView } from './PulseView';
import { ReportedView } from './ReportedView';
import { TertialView } from './TertialView';
import { tx } from './texts';
import { TrendView } from './TrendView';
import { makeLinks, type ScreenState } from './links';
import './indicators.css';

export default function IndicatorsScreen(): JSX.Element {
  const { db } = useApp();
  const session = useSession();
  const units = createLiveQuery(() => listUnits(db));
  const tree = createMemo((): TreeUnit[] => (units() ?? []).map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })));
  const today = () => localDate(pageNow());
  const state = createMemo((): ScreenState => {
    const q = route().query;
    const scope = session().identity.scopeUnitId;
    const key = IndicatorKey.safeParse(q.key);
    return {
      scopeId: scope,
      unitId: chooseUnitId(q.unit, scope, units() === undefined ? undefined : tree()),
      period: parsePeriod(q.period, today()),
      key: key.success ? key.data : null,
      perspective: q.p ?? null,
      today: today(),
    };
  });
  const links = makeLinks(state);
  const sub = () => route().path[1];
  const role = () => session().identity.role;
  const lead = () => role() === 'manager' || role() === 'admin';
  const unitName = () => tree().find((u) => u.id === state().unitId)?.name ?? session().identity.displayName;

  return (
    <div class={`screen indicators${sub() === 'utskrift' ? ' ind-print-screen' : ''}`}>
      <header class="screen-head ind-head">
        <h1>{tx('title')}</h1>
        <p class="unit-name">{unitName()}</p>
      </header>
      <Show when={sub() !== 'utskrift'}>
        <Tabs
          label={tx('tab.nav')}
          items={[
            { href: links.list(), label: tx('tab.list'), current: sub() === undefined || sub() === 'trend' },
            { href: links.pulse(), label: tx('tab.pulse'), current: sub() === 'puls' },
            // Staff and ward tablets read the unit's goals; only managers and admins set them.
            ...(lead() ? [{ href: links.catalogue(), label: tx('tab.catalogue'), current: sub() === 'katalog' }] : []),
            ...(lead() ? [{ href: links.reported(), label: tx('tab.reported'), current: sub() === 'rapportera' }] : []),
            { href: links.report(), label: tx('tab.report'), current: sub() === 'rapport' },
          ]}
        />
      </Show>
      <Switch fallback={<ListView units={tree()} state={state()} links={links} />}>
        <Match when={units() === undefined}>
          <p class="muted">{t('app.loading')}</p>
        </Match>
        <Match when={sub() === 'trend' && state().key}>
          {(key) => <TrendView units={tree()} state={state()} indicatorKey={key()} links={links} />}
        </Match>
        <Match when={sub() === 'puls'}>
          <PulseView units={tree()} state={state()} links={links} />
        </Match>
        <Match when={sub() === 'utskrift'}>
          <PrintView units={tree()} state={state()} links={links} unitName={unitName()} />
        </Match>
        <Match when={sub() === 'rapport'}>
          <TertialView units={tree()} unitId={state().unitId} scopeId={state().scopeId} unitName={unitName()} today={state().today} lead={lead()} />
        </Match>
        <Match when={sub() === 'rapportera' && lead()}>
          <ReportedView units={tree()} unitId={state().unitId} unitName={unitName()} today={state().today} />
        </Match>
        <Match when={sub() === 'katalog' && lead()}>
          <CatalogueView units={tree()} unitId={state().unitId} isAdmin={role() === 'admin'} unitName={unitName()} />
        </Match>
      </Switch>
    </div>
  );
}
