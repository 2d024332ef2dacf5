/**
 * The server's roll-up equals the shared client function on the same randomly generated data.
 * Each run pushes a random set of observations, amendments, voids and chains of corrections
 * (correction dates anywhere in the two months, filed under their original's date; the server
 * refuses a correction without originalDate, and re-files older ones when it builds facts:
 * tests/server/facts-build.test.ts) over the demo organisation through the real
 * sync path, asks GET /api/bhk/rollup for a random period and source, and compares every node
 * with bhkPeriodRollup run on ALL the records, as a tablet holding them would compute it.
 * Each run uses its own year, so one server holds every run without interference.
 */
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BhkPeriodRollupResponse } from '../../src/shared/bhk-api';
import type { BhkSource } from '../../src/shared/domain/bhk-period';
import { bhkPeriodRollup } from '../../src/shared/domain/bhk-rollup';
import { periodKey, periodRange } from '../../src/shared/domain/periods';
import { BHK_STEPS, BhkObservation, type StepAnswer } from '../../src/shared/schema/bhk-observation';
import { DEMO_UNITS } from '../../src/server/seed/demo-org';
import { outbox } from '../fixtures/sync';
import { call, type Client, type Harness, harness, loginAs, NOW, push } from './helpers';

let h: Harness;
let admin: Client;
let box: ReturnType<typeof outbox>;
beforeAll(async () => {
  h = await harness();
  admin = await loginAs(h, 'admin');
  box = outbox(admin.deviceId, NOW);
});
afterAll(async () => {
  await h.close();
});

const TREE = DEMO_UNITS.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: null }));
const ENHETER = DEMO_UNITS.filter((u) => u.kind === 'enhet').map((u) => u.id);
const ROOTS = ['region', 'div-lsv', 'vo-med', 'vo-kir', 'avd-21'];

const answer = fc.constantFrom<StepAnswer>('ja', 'ja', 'ja', 'nej');
const naAnswer = fc.constantFrom<StepAnswer>('ja', 'ja', 'nej', 'ej_aktuellt');
const stepsArb = fc.record(Object.fromEntries(BHK_STEPS.map((s) => [s, s === 'gloves' || s === 'apron' ? naAnswer : answer])) as Record<(typeof BHK_STEPS)[number], fc.Arbitrary<StepAnswer>>);
/** Day 0–60 from 1 November of the run's year. */
const dayArb = fc.integer({ min: 0, max: 60 });
const correctionArb = fc.record({
  kind: fc.constantFrom('amend', 'amend', 'void', 'same-day'),
  /** Which earlier record of the tree it corrects (index into the tree so far). */
  target: fc.nat(),
  day: dayArb,
  steps: stepsArb,
  self: fc.boolean(),
});
const originalArb = fc.record({
  unit: fc.constantFrom(...ENHETER),
  day: dayArb,
  profession: fc.constantFrom('lakare', 'sjukskoterska', 'underskoterska', 'student', 'skotare_natt'),
  self: fc.boolean(),
  steps: stepsArb,
  corrections: fc.array(correctionArb, { maxLength: 3 }),
});

const dateOf = (year: number, day: number): string => {
  const d = new Date(Date.UTC(year, 10, 1 + day));
  return d.toISOString().slice(0, 10);
};

type OriginalSpec = typeof originalArb extends fc.Arbitrary<infer T> ? T : never;

function buildRecords(year: number, specs: OriginalSpec[]): BhkObservation[] {
  const out: BhkObservation[] = [];
  let minute = 0;
  const stamp = () => `${year}-12-31T10:${String(Math.floor(minute / 60) % 60).padStart(2, '0')}:${String(minute++ % 60).padStart(2, '0')}.000Z`;
  for (const s of specs) {
    const rootDate = dateOf(year, s.day);
    const tree: BhkObservation[] = [
      BhkObservation.parse({ id: uuidv7(), unitId: s.unit, date: rootDate, profession: s.profession, selfAssessment: s.self, steps: s.steps, createdAt: stamp() }),
    ];
    for (const c of s.corrections) {
      const target = tree[c.target % tree.length] as BhkObservation;
      const base = { id: uuidv7(), unitId: s.unit, profession: s.profession, selfAssessment: c.self, steps: c.steps, replaces: target.id, createdAt: stamp() };
      const record =
        c.kind === 'same-day'
          ? { ...base, date: rootDate, originalDate: rootDate }
          : { ...base, date: dateOf(year, c.day), originalDate: rootDate, ...(c.kind === 'void' ? { voided: true } : {}) };
      tree.push(BhkObservation.parse(record));
    }
    out.push(...tree);
  }
  return out;
}

function periodFor(year: number, pick: number): string {
  const candidates = [
    `${year}-11`,
    `${year}-12`,
    `${year}-T3`,
    String(year),
    periodKey(`${year}-11-20`, 'week'),
    periodKey(`${year}-12-01`, 'week'),
  ];
  return candidates[pick % candidates.length] as string;
}

describe('server roll-up = shared client function (random data)', () => {
  it('agrees on every node, per profession, and on completeness', async () => {
    // Past years only: the server refuses observations dated after tomorrow.
    let year = 1900;
    let observed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(originalArb, { minLength: 5, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom<BhkSource>('all', 'observed', 'self'),
        fc.constantFrom(...ROOTS),
        async (specs, pick, source, rootId) => {
          year += 1;
          const records = buildRecords(year, specs);
          // Originals first, then corrections, in batches, as devices would send them.
          for (let i = 0; i < records.length; i += 40) {
            const res = await push(h, admin, records.slice(i, i + 40).map((o) => box.insertObs(o)));
            expect(res).toMatchObject({ ok: true, rejected: [] });
          }
          const period = periodFor(year, pick);
          const res = await call(h, 'GET', `/api/bhk/rollup?rootId=${rootId}&period=${period}&source=${source}`, { token: admin });
          expect(res.statusCode, res.body).toBe(200);
          const server = BhkPeriodRollupResponse.parse(res.json());
          const client = bhkPeriodRollup(TREE, rootId, records, periodRange(period), source);
          observed += client.get(rootId)?.counts.counts.n ?? 0;
          expect(server.nodes.length).toBe(client.size);
          for (const node of server.nodes) {
            const mine = client.get(node.unitId);
            expect({ unit: node.unitId, counts: node.counts, professions: node.professions, reporting: node.reporting, expected: node.expected }).toEqual({
              unit: node.unitId,
              counts: mine?.counts.counts,
              professions: mine?.counts.professions,
              reporting: mine?.reporting,
              expected: mine?.expected,
            });
          }
        },
      ),
      { numRuns: 30 },
    );
    // The comparisons were not all of empty figures.
    expect(observed).toBeGreaterThan(0);
  });
});
