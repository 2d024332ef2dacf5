/**
 * Item 3: server ingest. 20 tablets, enrolled through the API, push 10,000 observations over
 * real HTTP on loopback to the server child (batches of 50, each tablet one request at a time,
 * all tablets at once), against raw inserts of the same kind of rows (rows + change log, fresh
 * ids) into the same database in one transaction: one INSERT per row, and multi-row INSERTs.
 * Rounds alternate the order; medians are reported. On SQLite and on PostgreSQL.
 */
import { localDate } from '../../src/shared/domain/periods';
import { DEMO_UNITS } from '../../src/server/seed/demo-org';
import { formatHlc } from '../../src/shared/sync/hlc';
import { enrolTablet, loginToken, pool, push, type Tablet, write } from '../lib/api';
import { observation, prng } from '../lib/gen';
import type { RawChange, RawDb, RawRow } from '../lib/rawdb';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { median, round } from '../lib/stats';
import { type DialectName, openTarget, startOn } from '../lib/target';

const TABLETS = 20;
/** Changes per push request: a tablet that was offline for a while; the cap is 500. */
const BATCH = 50;
const TARGET = { op: '≥', value: 0.25 } as const;

interface Rates {
  http: number[];
  rawEach: number[];
  rawBatched: number[];
  stored: number;
  expected: number;
}

function rawSet(rand: () => number, tablets: readonly Tablet[], total: number): { rows: RawRow[]; changes: RawChange[] } {
  const today = localDate(Date.now());
  const receivedAt = new Date().toISOString();
  const rows: RawRow[] = [];
  const changes: RawChange[] = [];
  for (let i = 0; i < total; i++) {
    const t = tablets[i % tablets.length] as Tablet;
    const o = observation(rand, t.unitId, today);
    rows.push({ entity: 'bhkObservation', id: o.id, unitId: o.unitId, data: { ...o }, sortKey: o.date });
    changes.push({
      entity: 'bhkObservation', rowId: o.id, unitId: o.unitId, fields: { ...o },
      hlc: formatHlc({ millis: Date.now(), counter: i % 0xffff, node: t.node }), deviceId: t.deviceId, receivedAt,
    });
  }
  return { rows, changes };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function ingestOn(dialect: DialectName, ctx: BenchContext, total: number, rounds: number): Promise<Rates> {
  const target = await openTarget(dialect, 'ingest');
  let raw: RawDb | undefined;
  const server = await startOn(target, { SEED_DEMO: 'true' });
  try {
    const admin = await loginToken(server.url, 'admin', 'pulstavlan');
    const units = DEMO_UNITS.filter((u) => u.kind === 'enhet').map((u) => u.id);
    const tablets = await pool(Array.from({ length: TABLETS }, (_, i) => units[i % units.length] as string), 4, (unitId) =>
      enrolTablet(server.url, admin, unitId),
    );
    raw = await target.raw();
    const [{ n: seeded }] = (await raw.query<{ n: number }>("select count(*) as n from rows where entity = 'bhkObservation'")) as [{ n: number }];
    const rand = prng(3);
    const rates: Rates = { http: [], rawEach: [], rawBatched: [], stored: 0, expected: Number(seeded) + rounds * 3 * total };
    const runHttp = async () => {
      const today = localDate(Date.now());
      for (let i = 0; i < total; i++) {
        const t = tablets[i % TABLETS] as Tablet;
        write(t, 'bhkObservation', { ...observation(rand, t.unitId, today) });
      }
      const s = await timed(() =>
        Promise.all(
          tablets.map(async (t) => {
            // Bounded: each push confirms BATCH changes or throws.
            for (let guard = 0; t.outbox.length > 0 && guard < total; guard++) await push(server.url, t, BATCH);
          }),
        ),
      );
      rates.http.push(total / s);
    };
    const runRaw = async (kind: 'rawEach' | 'rawBatched') => {
      const set = rawSet(rand, tablets, total);
      const db = raw as RawDb;
      const s = await timed(() => (kind === 'rawEach' ? db.insertEach(set.rows, set.changes) : db.insertBatched(set.rows, set.changes)));
      rates[kind].push(total / s);
    };
    for (let r = 0; r < rounds; r++) {
      ctx.log(`${dialect}: round ${r + 1}/${rounds}`);
      const steps = [runHttp, () => runRaw('rawEach'), () => runRaw('rawBatched')];
      for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
    }
    const [{ n }] = (await raw.query<{ n: number }>("select count(*) as n from rows where entity = 'bhkObservation'")) as [{ n: number }];
    rates.stored = Number(n);
    if (rates.stored !== rates.expected) throw new Error(`${dialect}: ${rates.stored} observations stored, expected ${rates.expected}`);
    return rates;
  } finally {
    await raw?.close();
    await server.stop();
    await target.dispose();
  }
}

export const ingestSection: Section = {
  name: 'server ingest',
  items: [3],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const total = ctx.quick ? 2_000 : 10_000;
    const rounds = ctx.quick ? 1 : 3;
    const figures: Figure[] = [];
    const data: Record<string, unknown> = { total, tablets: TABLETS, batch: BATCH, rounds };
    for (const dialect of ['sqlite', 'postgres'] as const) {
      ctx.log(`${dialect}: ${total} changes by ${TABLETS} tablets, ${rounds} rounds`);
      const r = await ingestOn(dialect, ctx, total, rounds);
      const http = median(r.http);
      data[dialect] = {
        httpChangesPerS: r.http.map((v) => round(v, 0)),
        rawEachChangesPerS: r.rawEach.map((v) => round(v, 0)),
        rawBatchedChangesPerS: r.rawBatched.map((v) => round(v, 0)),
        observationsStored: r.stored,
      };
      const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      figures.push(
        compared({ item: 3, key: `ingest.${dialect}`, label: `ingest via HTTP, ${label}`, value: http, unit: 'changes/s' },
          { label: 'raw INSERT per row', value: median(r.rawEach), unit: 'changes/s' }, TARGET),
        compared({ item: 3, key: `ingest.${dialect}.batched`, label: `ingest via HTTP, ${label} (vs multi-row)`, value: http, unit: 'changes/s' },
          { label: 'raw multi-row INSERT', value: median(r.rawBatched), unit: 'changes/s' }, TARGET),
      );
    }
    return {
      figures,
      data,
      notes: [
        `Item 3: ${total.toLocaleString('en-US')} observations per round pushed by ${TABLETS} tablets in requests of ${BATCH}; raw = the same number of rows + change-log rows (fresh ids) written straight into the same database in one transaction. Medians of ${rounds} rounds.`,
      ],
    };
  },
};
