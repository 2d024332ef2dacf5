/**
 * Who may write a reported measure's values and the goal document (goal items, analyses,
 * strategic actions; issue 13), beyond schema and scope (sync/README.md rule 5: a failing change
 * is rejected alone): the managers (and admins) of the unit the row belongs to, as for HR months;
 * staff and ward tablets write nothing of the goal document. A measure whose source says
 * `writers: 'owner'` takes values only from the managers of the level that owns it: the nearest
 * level on the value's path whose indicator row defines the source.
 * Rejections: {code: 'forbidden', path: ['entity']}; the owner rule at ['measure'].
 */
import type { Change } from '../../shared/protocol';
import { ancestorsOf } from '../../shared/domain/rollup';
import { indicatorIdFor, ReportedSource } from '../../shared/schema/indicator';
import { publicData } from '../../shared/sync/merge';
import { may } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RuleContext, RuleRejection } from '../sync/write-rules';

/** The owning level of `measure` seen from `unitId` and its source, or null when none defines one. */
async function ownerOf(ctx: RuleContext, unitId: string, measure: string): Promise<{ unitId: string; source: ReportedSource } | null> {
  for (const id of [unitId, ...ancestorsOf(ctx.org.tree, unitId)]) {
    const row = await ctx.tx.getRow('indicator', indicatorIdFor(id, measure));
    if (row === undefined || row.deleted) continue;
    const source = ReportedSource.safeParse(publicData(row).source);
    if (source.success) return { unitId: id, source: source.data };
  }
  return null;
}

export async function reportedWriteRule(ctx: RuleContext, p: Principal, change: Change, _now: number): Promise<RuleRejection | null> {
  if (!may(p, 'manage-settings', ctx.unit)) return { code: 'forbidden', path: ['entity'] };
  if (change.entity !== 'reportedValue' || may(p, 'administer', ctx.unit)) return null;
  const measure = typeof change.fields.measure === 'string' ? change.fields.measure : ctx.existing ? publicData(ctx.existing).measure : undefined;
  if (typeof measure !== 'string') return null;
  const owner = await ownerOf(ctx, ctx.unit.id, measure);
  if (owner === null || owner.source.writers !== 'owner') return null;
  const ownerUnit = ctx.org.get(owner.unitId);
  return ownerUnit !== undefined && may(p, 'manage-settings', ownerUnit) ? null : { code: 'forbidden', path: ['measure'] };
}
