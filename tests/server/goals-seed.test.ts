/**
 * The demo's goal document (issue 13): accepted in full by the sync path, and a realistic
 * division report — at least three strategic goals, eight styrmått across the four perspectives
 * (board and reported ones, some with K/M, one with "Data saknas", one without a measure), a year
 * and a half of values, and four strategic actions with their follow-up.
 */
import { describe, expect, it } from 'vitest';
import { tertialReport } from '../../src/shared/domain/goals/report';
import { ReportedValue } from '../../src/shared/schema/reported-value';
import { publicData } from '../../src/shared/sync/merge';
import { goalDocumentOf } from '../../src/server/indicators/goals';
import { contextOf } from '../../src/server/indicators/service';
import { orgView } from '../../src/server/org/view';
import { NOW, useSeededDemo } from './helpers';

const store = useSeededDemo();
const GOAL = ['goalItem', 'goalAnalysis', 'strategicAction', 'reportedValue'];

describe('goal document demo seed', () => {
  it('every change was accepted, by a demo device revoked afterwards', async () => {
    const logged = (await store().pullChanges('/', 0, 100_000)).filter((c) => GOAL.includes(c.entity));
    expect(logged.length).toBeGreaterThan(1000);
    const device = await store().getDevice((await store().auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device?.label).toBe('Demodata målstyrning');
    expect(device?.revokedAt).not.toBeNull();
    expect(await store().listRejections(device!.id, 1, device!.lastSeq)).toEqual([]);
  });

  it('the division\'s DÅ04 report: goals in all four perspectives, K/M, missing data in words, four actions', async () => {
    const values = (await store().listRows('reportedValue', '/', '0', '~')).map((r) => ReportedValue.parse(publicData(r)));
    expect(new Set(values.map((v) => v.period)).size).toBeGreaterThanOrEqual(18);
    const org = orgView(await store().listUnits());
    const root = (await store().getUnit('div-lsv'))!;
    const r = await tertialReport(await contextOf(store(), org, root, NOW), await goalDocumentOf(store(), org, root, '2026-DA04'), '2026-DA04', NOW);
    expect(r.perspectives.map((p) => p.label)).toEqual(['Medborgare', 'Verksamhet', 'Medarbetare', 'Ekonomi']);
    const rows = r.perspectives.flatMap((p) => p.goals.flatMap((g) => g.rows));
    expect(r.perspectives.flatMap((p) => p.goals).length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((x) => x.outcome.startsWith('K: ')).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((x) => x.outcome === 'Data saknas').map((x) => x.styrmatt)).toContain('Produktivitet utifrån KPP');
    expect(rows.filter((x) => x.missing === 'underlag')).toHaveLength(1);
    expect(rows.find((x) => x.styrmatt === 'Verksamhet inom budget')).toMatchObject({ outcome: '\u221217,7 mnkr', status: 'notMet' });
    expect(rows.filter((x) => x.analysis !== null)).toHaveLength(2);
    expect(r.actions.map((a) => [a.nr, a.status])).toEqual([[1, 'Pågår'], [2, 'Pågår'], [3, 'Ej påbörjad'], [4, 'Omtag behövs']]);
  });
});
