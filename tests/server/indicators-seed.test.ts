/** The demo's indicator settings: accepted in full by the sync path, idempotent, and visible in the report. */
import { describe, expect, it } from 'vitest';
import { indicatorReportFor } from '../../src/server/indicators/service';
import { orgView } from '../../src/server/org/view';
import { DEMO_INDICATOR_ROWS, seedIndicators } from '../../src/server/seed/indicator-seed';
import { localDate } from '../../src/shared/domain/periods';
import { indicatorIdFor } from '../../src/shared/schema/indicator';
import { NOW, useSeededDemo } from './helpers';

const store = useSeededDemo();

describe('indicator demo seed', () => {
  it('every row was accepted, by a demo device revoked afterwards; a second run writes nothing', async () => {
    // The goal seed (issue 13) defines reported measures too: only this seed's rows here.
    const ours = new Set(DEMO_INDICATOR_ROWS.map((r) => indicatorIdFor(r.unitId, r.key)));
    const logged = (await store().pullChanges('/', 0, 100_000)).filter((c) => c.entity === 'indicator' && ours.has(c.id));
    expect(logged).toHaveLength(DEMO_INDICATOR_ROWS.length);
    const device = await store().getDevice((await store().auditOf(logged[0]!.serverSeq))!.deviceId);
    expect(device).toMatchObject({ lastSeq: DEMO_INDICATOR_ROWS.length, label: 'Demodata indikatorer' });
    expect(device?.revokedAt).not.toBeNull();
    expect(await store().listRejections(device!.id, 1, logged.length)).toEqual([]);
    await seedIndicators(store(), NOW);
    expect((await store().pullChanges('/', 0, 100_000)).filter((c) => c.entity === 'indicator' && ours.has(c.id))).toHaveLength(logged.length);
  });

  it('the division report shows level-specific targets and figures from every board', async () => {
    const org = orgView(await store().listUnits());
    const division = org.get('div-lsv')!;
    const month = localDate(NOW).slice(0, 7);
    const report = await indicatorReportFor(store(), org, division, month, NOW);
    const cell = (unitId: string, key: string) => report.cells.find((c) => c.unitId === unitId && c.key === key);
    expect(cell('div-lsv', 'bhkTotal')?.target).toEqual({ op: 'gte', value: 90 });
    expect(cell('avd-22', 'sickShare')?.target).toEqual({ op: 'lte', value: 6 });
    expect(cell('avd-21', 'sickShare')?.target).toEqual({ op: 'decrease' });
    expect(cell('avd-31', 'greenShare')?.target).toEqual({ op: 'gte', value: 95 });
    for (const key of ['bhkTotal', 'greenShare', 'sickShare', 'daysSinceFall']) expect(cell('div-lsv', key)?.value, key).not.toBeNull();
    // "Minska" against the same month last year has something to compare with (seed/demo-days.ts).
    expect(cell('div-lsv', 'sickShare')).toMatchObject({ target: { op: 'decrease' }, comparePeriod: '2025-03' });
    expect(cell('div-lsv', 'sickShare')?.compareValue).not.toBeNull();
    expect(cell('div-lsv', 'sickShare')?.status).not.toBe('unmeasurable');
    const previous = await indicatorReportFor(store(), org, division, '2026-02', NOW);
    expect(previous.cells.find((c) => c.unitId === 'div-lsv' && c.key === 'hrKvot')?.value).not.toBeNull();
    // Not every unit meets every target: the morning meeting has something to talk about.
    expect(new Set(report.cells.map((c) => c.status)).size).toBeGreaterThanOrEqual(3);
  });
});
