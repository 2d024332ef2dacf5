/**
 * Rule 19: after any sequence of pushes the facts the push path kept (day, month and year-to-month
 * rows) equal the facts recomputed from scratch from the raw rows (the rebuild check finds no difference), on SQLite and
 * PostgreSQL. Random operations from two devices: BHK originals and chains of corrections and
 * voids, safety events and their corrections, green confirmations set and unset, shift, beds and
 * HR cells inserted, patched, deleted and revived, with HLCs out of order (older writes arriving
 * after newer ones), and whole batches sent twice (a reply lost after commit).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/periods';
import type { Change } from '../../src/shared/protocol';
import { bedsIdFor } from '../../src/shared/schema/beds-day';
import { BHK_STEPS } from '../../src/shared/schema/bhk-observation';
import { hrMonthIdFor } from '../../src/shared/schema/hr-month';
import { reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { type EntityName, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { safetyDayIdFor } from '../../src/shared/schema/safety-day';
import { shiftIdFor } from '../../src/shared/schema/staffing-shift';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { rebuildFacts } from '../../src/server/facts/build';
import { assertPgReachable, STORES } from '../fixtures/postgres';
import { type Client, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

const UNITS = ['avd-21', 'avd-22', 'mott-med'];
// 2026-03-10 back to 2025-12-20: months of two years, so a change reaches the year-to-month rows
// (grain c) of its month and every later one of its year, and no other year's.
const DAYS = Array.from({ length: 6 }, (_, i) => addDays(TODAY, -i * 16));

/** One device: its outbox seq and a clock that random writes may set back. */
interface Dev {
  client: Client;
  seq: number;
  counter: number;
}

const op = fc.record({
  kind: fc.constantFrom('obs', 'obs', 'correct', 'event', 'correctEvent', 'day', 'shift', 'shiftDelete', 'beds', 'bedsDelete', 'hr', 'hrDelete', 'reported', 'reportedDelete'),
  unit: fc.constantFrom(...UNITS),
  day: fc.nat({ max: DAYS.length - 1 }),
  n: fc.nat({ max: 9 }),
  flag: fc.boolean(),
  /** Minutes before NOW the write is stamped: lww order differs from arrival order. */
  back: fc.nat({ max: 600 }),
  /** Which earlier record a correction names. */
  target: fc.nat(),
});
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

describe.each(STORES)('facts kept by the push equal facts rebuilt from raw rows (%s)', (dialect, factory) => {
  let h: Harness;
  let devs: Dev[];
  beforeAll(async () => {
    if (dialect === 'postgres') await assertPgReachable();
    h = await harness({}, await factory());
    const admin = await loginAs(h, 'admin');
    const manager = await loginAs(h, 'divisionschef');
    devs = [admin, manager].map((client) => ({ client, seq: 1, counter: 0 }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('after random pushes (rule 20)', async () => {
    const obs: { id: string; unitId: string; filed: string }[] = [];
    const events: { id: string; unitId: string; date: string }[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), fc.nat(), async (batches, who) => {
        for (const [b, ops] of batches.entries()) {
          const dev = devs[(who + b) % devs.length] as Dev;
          const changes = ops.map((o) => toChange(dev, o));
          const res = await push(h, dev.client, changes);
          expect(res.ok).toBe(true);
          // A reply lost after commit: the same batch again changes nothing.
          if (b % 3 === 0) expect((await push(h, dev.client, changes)).ok).toBe(true);
        }
        const report = await rebuildFacts(h.store, { checkOnly: true });
        expect(report.differing).toEqual([]);
      }),
      { numRuns: dialect === 'postgres' ? 12 : 25 },
    );
    // Not vacuous: the pushes were accepted and left facts of every family behind.
    const stored = (await Promise.all(UNITS.map((u) => h.store.facts.unitFacts(u)))).flatMap((f) => f.rows);
    expect(new Set(stored.map((r) => r.family))).toEqual(new Set(['bhk', 'safety', 'safetyCat', 'staff', 'beds']));
    expect(new Set(stored.filter((r) => r.grain === 'c').map((r) => r.period.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    // Reported values, kept as they are.
    const reported = (await Promise.all(UNITS.map((u) => h.store.facts.unitReported(u)))).flat();
    expect(reported.length).toBeGreaterThan(0);

    function toChange(dev: Dev, o: Op): Change {
      const date = DAYS[o.day] as string;
      const at = NOW - o.back * 60_000;
      const make = (entity: EntityName, id: string, unitId: string, kind: 'insert' | 'patch' | 'delete', fields: Record<string, unknown>): Change =>
        ({
          seq: dev.seq++,
          entity,
          id,
          unitId,
          op: kind,
          fields,
          hlc: formatHlc({ millis: at, counter: dev.counter++, node: nodeFromDeviceId(dev.client.deviceId) }),
          schemaVersion: SCHEMA_VERSION,
        }) as Change;
      const steps = Object.fromEntries(BHK_STEPS.map((s, i) => [s, (o.n + i) % 5 === 0 ? 'nej' : s === 'apron' && o.flag ? 'ej_aktuellt' : 'ja']));
      n += 1;
      switch (o.kind) {
        case 'obs':
        case 'correct': {
          const target = o.kind === 'correct' && obs.length > 0 ? obs[o.target % obs.length] : undefined;
          const id = `o-${dialect}-${n}`;
          const unitId = target?.unitId ?? o.unit;
          const filed = target?.filed ?? date;
          const fields = {
            id,
            unitId,
            date: target ? TODAY : date,
            profession: o.n % 2 === 0 ? 'lakare' : 'sjukskoterska',
            selfAssessment: o.n % 3 === 0,
            steps,
            createdAt: new Date(at).toISOString(),
            ...(target ? { replaces: target.id, originalDate: filed, ...(o.flag && o.n % 2 === 0 ? { voided: true } : {}) } : {}),
          };
          obs.push({ id, unitId, filed });
          return make('bhkObservation', id, unitId, 'insert', fields);
        }
        case 'event':
        case 'correctEvent': {
          const target = o.kind === 'correctEvent' && events.length > 0 ? events[o.target % events.length] : undefined;
          const id = `e-${dialect}-${n}`;
          const unitId = target?.unitId ?? o.unit;
          const on = target?.date ?? date;
          events.push({ id, unitId, date: on });
          const fields = {
            id,
            unitId,
            date: on,
            category: o.n % 3 === 0 ? 'fall' : 'trycksar',
            severity: (['gul', 'orange', 'rod'] as const)[o.n % 3],
            reportedInDeviationSystem: o.flag,
            createdAt: new Date(at).toISOString(),
            ...(target ? { replaces: target.id, ...(o.flag ? { voided: true } : {}) } : {}),
          };
          return make('safetyEvent', id, unitId, 'insert', fields);
        }
        case 'day':
          return make('safetyDay', safetyDayIdFor(o.unit, date), o.unit, 'patch', { confirmedGreen: o.flag });
        case 'shift':
        case 'shiftDelete': {
          const id = shiftIdFor(o.unit, date, o.flag ? 'dag' : 'natt');
          if (o.kind === 'shiftDelete') return make('staffingShift', id, o.unit, 'delete', {});
          const planned = 3 + o.n;
          const counts = { planned, sick: o.n % 3, vab: o.n % 2, otherAbsence: 0, covered: o.n % 2 };
          // An insert writes the whole cell; a patch (of a live or a deleted cell) all its counts.
          return o.n % 2 === 0
            ? make('staffingShift', id, o.unit, 'insert', { id, unitId: o.unit, date, shift: o.flag ? 'dag' : 'natt', ...counts })
            : make('staffingShift', id, o.unit, 'patch', { ...counts, _deleted: false });
        }
        case 'beds':
        case 'bedsDelete': {
          const id = bedsIdFor(o.unit, date);
          if (o.kind === 'bedsDelete') return make('bedsDay', id, o.unit, 'delete', {});
          return make('bedsDay', id, o.unit, 'insert', { id, unitId: o.unit, date, disponibla: 20, belagda: 15 + o.n, overbelaggningar: o.n % 4, utlokaliserade: o.n % 2, utskrivningsklara: 1 });
        }
        case 'hr':
        case 'hrDelete': {
          const month = date.slice(0, 7);
          const id = hrMonthIdFor(o.unit, month);
          if (o.kind === 'hrDelete') return make('hrMonth', id, o.unit, 'delete', {});
          return make('hrMonth', id, o.unit, 'insert', { id, unitId: o.unit, month, kvotTotal: 5 + o.n / 10, kvotK: o.flag ? 6.1 : null, kvotM: null, korttid: null, ordinaryHours: o.flag ? 1000 + o.n : null, source: 'import' });
        }
        case 'reported':
        case 'reportedDelete': {
          // A month's or a year's value; amounts with decimals (kr), a ratio's K/M split.
          const measure = o.flag ? 'waitFirstVisit' : 'hiredCost';
          const period = o.n % 3 === 0 ? date.slice(0, 4) : date.slice(0, 7);
          const id = reportedValueIdFor(o.unit, measure, period);
          if (o.kind === 'reportedDelete') return make('reportedValue', id, o.unit, 'delete', {});
          const num = o.flag ? 10 + o.n : 0.1 * o.n + 1234.56;
          const split = o.flag && o.n % 2 === 0;
          const fields = { num, den: o.flag ? 40 + o.n : null, numK: split ? 6 : null, denK: split ? 20 : null, numM: split ? num - 6 : null, denM: split ? 20 + o.n : null, source: o.n % 2 === 0 ? 'import' : 'manual' };
          // Every write carries every field: an insert, or a patch (of a live or a deleted cell).
          return o.n % 4 === 1 ? make('reportedValue', id, o.unit, 'patch', { ...fields, _deleted: false }) : make('reportedValue', id, o.unit, 'insert', { id, unitId: o.unit, measure, period, ...fields });
        }
      }
    }
  });
});
