/**
 * Who may write a reported measure's values and the goal document (goal items, analyses,
 * strategic actions; issue 13), beyond schema and scope (sync/README.md rule 5: a failing change
 * is rejected alone): the managers (and admins) of the unit the row belongs to, as for HR months;
 * staff and ward tablets write nothing of the goal document. A measure whose source says
 * `writers: 'owner'` takes values only from the managers of the level that owns it: the nearest
 * level on the value's path whose indicator row defines the source.
 * A goal item is not deleted while a live goal item stands under it, at its level or below (a
 * VO's styrmått under the division's faktor): the report would lose them without a word; the
 * manager deletes or moves them first (client/features/indicators/goal-edit.ts says the same).
 * Rejections: {code: 'forbidden', path: ['entity']}; the owner rule at ['measure']; a goal item
 * with items under it at ['children'].
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

/** Whether a live goal item under `unitPath` names `id` as its parent (through the push's buffer). */
async function hasChildren(ctx: RuleContext, unitPath: string, id: string): Promise<boolean> {
  for (const row of await ctx.tx.listRows('goalItem', unitPath, '', '')) {
    // The push's own earlier changes (a child deleted or moved in the same push) are in the buffer.
    const now = await ctx.tx.getRow('goalItem', row.id);
    if (now !== undefined && !now.deleted && publicData(now).parentId === id) return true;
  }
  return false;
}

export async function reportedWriteRule(ctx: RuleContext, p: Principal, change: Change, _now: number): Promise<RuleRejection | null> {
  if (!may(p, 'manage-settings', ctx.unit)) return { code: 'forbidden', path: ['entity'] };
  if (change.entity === 'goalItem' && change.op === 'delete') return (await hasChildren(ctx, ctx.unit.path, change.id)) ? { code: 'forbidden', path: ['children'] } : null;
  if (change.entity !== 'reportedValue' || may(p, 'administer', ctx.unit)) return null;
  const measure = typeof change.fields.measure === 'string' ? change.fields.measure : ctx.existing ? publicData(ctx.existing).measure : undefined;
  if (typeof measure !== 'string') return null;
  const owner = await ownerOf(ctx, ctx.unit.id, measure);
  if (owner === null || owner.source.writers !== 'owner') return null;
  const ownerUnit = ctx.org.get(owner.unitId);
  return ownerUnit !== undefined && may(p, 'manage-settings', ownerUnit) ? null : { code: 'forbidden', path: ['measure'] };
}
