/** One indicator's form at one level; errors next to the field, in Swedish; saved with saveIndicator. */
import { createSignal, Show, type JSX } from 'solid-js';
import { AppError } from '../../../shared/errors';
import { INDICATOR_PERIODS, INDICATOR_UNITS, METRICS, PERSPECTIVES, REPORTED_FORMS, REPORTED_GRAINS } from '../../../shared/schema/indicator';
import { errorOf } from '../../kit/i18n';
import { useApp } from '../../kit/context';
import { saveIndicator } from '../../storage/indicator-repo';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import type { CatalogueEntry } from './catalogue-rows';
import { draftFromDef, draftPatch, emptyDraft, MANAGER_DRAFT_FIELDS, type Draft, type FieldErrors } from './catalogue-draft';
import { Select, Text } from './FormFields';
import { tx } from './texts';
import { forgetReports } from './use-report';

export function CatalogueForm(props: { entry: CatalogueEntry | null; unitId: string; isAdmin: boolean; takenKeys: readonly string[]; onDone: (saved: boolean) => void }): JSX.Element {
  const { db } = useApp();
  const start = props.entry === null ? null : draftFromDef(props.entry.def, props.entry.hidden);
  const [draft, setDraft] = createSignal<Draft>(start ?? emptyDraft());
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const err = (k: keyof Draft) => {
    const e = errors()[k];
    return e === undefined ? undefined : tx(e.key, e.params);
  };
  const locked = (k: keyof Draft) => !props.isAdmin && !MANAGER_DRAFT_FIELDS.includes(k);
  const opts = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((v) => ({ value: v, label: label(v) }));
  const metricOpts = opts(METRICS, (m) => tx(`metric.${m}`));

  const save = async () => {
    setFailure(null);
    const out = draftPatch(draft(), start, { isAdmin: props.isAdmin, takenKeys: props.takenKeys });
    if (!out.ok) {
      setErrors(out.errors);
      setFailure(tx('err.fix'));
      return;
    }
    setErrors({});
    if (Object.keys(out.patch).length === 0) return props.onDone(false);
    try {
      await saveIndicator(db, props.unitId, out.key, out.patch);
      forgetReports();
      props.onDone(true);
    } catch (e) {
      const field = e instanceof AppError ? e.path?.find((p): p is keyof Draft => typeof p === 'string' && p in draft()) : undefined;
      if (field !== undefined) setErrors({ [field]: { key: 'err.fix' } });
      setFailure(errorOf(e));
    }
  };

  return (
    <form class="form ind-form" onSubmit={(e) => (e.preventDefault(), void save())} novalidate>
      <h3>{props.entry === null ? tx('cat.new') : props.entry.def.name.sv}</h3>
      <Show when={props.entry === null}>
        <Text label={tx('field.key')} value={draft().key} error={err('key')} onValue={(v) => set('key', v.trim())} />
      </Show>
      <Text label={tx('field.nameSv')} value={draft().nameSv} error={err('nameSv')} disabled={locked('nameSv')} onValue={(v) => set('nameSv', v)} />
      <Text label={tx('field.nameEn')} value={draft().nameEn} error={err('nameEn')} disabled={locked('nameEn')} onValue={(v) => set('nameEn', v)} />
      <Select label={tx('field.perspective')} value={draft().perspective} disabled={locked('perspective')} options={opts(PERSPECTIVES, (p) => tx(`perspective.${p}`))} onValue={(v) => set('perspective', v as Draft['perspective'])} />
      <Select label={tx('field.sourceKind')} value={draft().sourceKind} disabled={locked('sourceKind')} options={[{ value: 'ratio', label: tx('field.sourceRatio') }, { value: 'count', label: tx('field.sourceCount') }, { value: 'reported', label: tx('field.sourceReported') }]} onValue={(v) => set('sourceKind', v as Draft['sourceKind'])} />
      <Show when={draft().sourceKind === 'ratio'}>
        <Select label={tx('field.num')} value={draft().num} disabled={locked('num')} options={metricOpts} onValue={(v) => set('num', v as Draft['num'])} />
        <Select label={tx('field.den')} value={draft().den} error={err('den')} disabled={locked('den')} options={metricOpts} onValue={(v) => set('den', v as Draft['den'])} />
      </Show>
      <Show when={draft().sourceKind === 'count'}>
        <Select label={tx('field.metric')} value={draft().metric} disabled={locked('metric')} options={metricOpts} onValue={(v) => set('metric', v as Draft['metric'])} />
      </Show>
      <Show when={draft().sourceKind === 'reported'}>
        <Select label={tx('field.repForm')} value={draft().repForm} disabled={locked('repForm')} options={opts(REPORTED_FORMS, (f) => tx(`opt.form.${f}`))} onValue={(v) => set('repForm', v as Draft['repForm'])} />
        <Select label={tx('field.repGrain')} value={draft().repGrain} disabled={locked('repGrain')} options={opts(REPORTED_GRAINS, (g) => tx(`opt.grain.${g}`))} onValue={(v) => set('repGrain', v as Draft['repGrain'])} />
        <Select label={tx('field.repAt')} value={draft().repAt} disabled={locked('repAt')} options={opts(['unit', 'level'] as const, (a) => tx(`opt.at.${a}`))} onValue={(v) => set('repAt', v as Draft['repAt'])} />
        <Select label={tx('field.repWriters')} value={draft().repWriters} disabled={locked('repWriters')} options={opts(['unit', 'owner'] as const, (w) => tx(`opt.writers.${w}`))} onValue={(v) => set('repWriters', v as Draft['repWriters'])} />
      </Show>
      <Select label={tx('field.unit')} value={draft().unit} disabled={locked('unit')} options={opts(INDICATOR_UNITS, (u) => tx(`opt.${u}`))} onValue={(v) => set('unit', v as Draft['unit'])} />
      <Select label={tx('field.direction')} value={draft().direction} disabled={locked('direction')} options={opts(['higher', 'lower'] as const, (d) => tx(`opt.${d}`))} onValue={(v) => set('direction', v as Draft['direction'])} />
      <Select label={tx('field.targetOp')} value={draft().targetOp} options={[{ value: '', label: tx('opt.none') }, ...opts(['gte', 'lte', 'increase', 'decrease'] as const, (o) => tx(`opt.${o}`))]} onValue={(v) => set('targetOp', v as Draft['targetOp'])} />
      <Show when={draft().targetOp === 'gte' || draft().targetOp === 'lte'}>
        <Text label={tx('field.targetValue')} inputmode="decimal" value={draft().targetValue} error={err('targetValue')} onValue={(v) => set('targetValue', v)} />
        <Text label={tx('field.targetK')} inputmode="decimal" value={draft().targetK} error={err('targetK')} onValue={(v) => set('targetK', v)} />
        <Text label={tx('field.targetM')} inputmode="decimal" value={draft().targetM} error={err('targetM')} onValue={(v) => set('targetM', v)} />
      </Show>
      <Select label={tx('field.ltOp')} value={draft().ltOp} options={[{ value: '', label: tx('opt.none') }, ...opts(['gte', 'lte'] as const, (o) => tx(`opt.${o}`))]} onValue={(v) => set('ltOp', v as Draft['ltOp'])} />
      <Show when={draft().ltOp !== ''}>
        <Text label={tx('field.ltValue')} inputmode="decimal" value={draft().ltValue} error={err('ltValue')} onValue={(v) => set('ltValue', v)} />
        <Text label={tx('field.ltYear')} inputmode="numeric" value={draft().ltYear} error={err('ltYear')} onValue={(v) => set('ltYear', v)} />
      </Show>
      <Select label={tx('field.tolKind')} value={draft().tolKind} options={opts(['relative', 'absolute'] as const, (k) => tx(`opt.${k}`))} onValue={(v) => set('tolKind', v as Draft['tolKind'])} />
      <Text label={tx('field.tolValue')} inputmode="decimal" value={draft().tolValue} error={err('tolValue')} onValue={(v) => set('tolValue', v)} />
      <Text label={tx('field.minN')} inputmode="numeric" value={draft().minN} error={err('minN')} onValue={(v) => set('minN', v)} />
      <Select label={tx('field.period')} value={draft().period} options={opts(INDICATOR_PERIODS, (p) => tx(`period.${p}`))} onValue={(v) => set('period', v as Draft['period'])} />
      <Select label={tx('field.compare')} value={draft().compare} options={opts(['lastYear', 'previous'] as const, (c) => tx(`opt.${c}`))} onValue={(v) => set('compare', v as Draft['compare'])} />
      <label class="check">
        <input type="checkbox" checked={draft().hidden} onChange={(e) => set('hidden', e.currentTarget.checked)} />
        <span>{tx('field.hidden')}</span>
      </label>
      <Show when={failure()}>{(f) => <Banner tone="error">{f()}</Banner>}</Show>
      <div class="button-row">
        <Button type="submit" variant="primary">
          {tx('save')}
        </Button>
        <Button onClick={() => props.onDone(false)}>{tx('cancel')}</Button>
      </div>
    </form>
  );
}
