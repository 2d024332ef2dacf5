/**
 * The meeting's "Mål och resultat" step: the unit's indicators for this month, large (value,
 * target, status, trend), each opening its trend; the same report the Mål och resultat screen
 * shows, from the server or, offline, from the device (its own lazy chunk).
 */
import { Match, Show, Switch, type JSX } from 'solid-js';
import type { TreeUnit } from '../../../../shared/domain/rollup';
import { errorOf, t } from '../../../kit/i18n';
import { href } from '../../../kit/router';
import { Banner } from '../../../ui/Banner';
import { IndicatorGroups } from '../../indicators/IndicatorGroups';
import { DataFrom, Legend } from '../../indicators/Marks';
import { tx } from '../../indicators/texts';
import { useReport } from '../../indicators/use-report';
import '../../indicators/indicators.css';

export default function GoalsStep(props: { unit: TreeUnit; units: readonly TreeUnit[]; month: string }): JSX.Element {
  const res = useReport(() => ({ units: props.units, rootId: props.unit.id, period: props.month }));
  const report = () => (res.state === 'ready' ? res() : undefined);
  return (
    <div class="ind-list goals-step">
      <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
        <Match when={res.error as unknown}>{(err) => <Banner tone="error">{errorOf(err())}</Banner>}</Match>
        <Match when={report()}>
          {(r) => (
            <>
              <DataFrom source={r().source} computedAt={r().res.computedAt} />
              <Show when={r().res.defs.length > 0} fallback={<p class="muted">{tx('noIndicators')}</p>}>
                <IndicatorGroups report={r().res} unitId={props.unit.id} trendHref={(key) => href(['mal', 'trend'], { unit: props.unit.id, key })} />
              </Show>
              <Legend />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
