/**
 * Item 4, server side: a division's month through the real roll-up routes (HTTP, a manager's
 * token, the server child), p50 and p95, against a hand-written GROUP BY over the same rows in
 * the same database, on SQLite and PostgreSQL. Route and GROUP BY run in turns over every
 * (division, month) pair in random order, and their totals are compared on every sample.
 */
import { api, HttpError, loginToken } from '../lib/api';
import { prng } from '../lib/gen';
import { createOrg, DIVISIONS, fillObservations, MANAGER } from '../lib/region';
import { fillBoards } from '../lib/region-boards';
import { buildFacts } from '../lib/region-scale';
import type { RawDb } from '../lib/rawdb';
import { compared, type Figure } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { roundSummary, type Summary, summarise } from '../lib/stats';
import { type DialectName, openTarget, startOn } from '../lib/target';
import { type Board, BOARDS, hasEntities } from './rollup-boards';
import { groupBy } from './rollup-sql';

interface Timed {
  route: Summary;
  group: Summary;
  samples: number;
}

async function timeBoard(board: Board, url: string, token: string, raw: RawDb, divisionPath: Record<string, string>, months: string[], passes: number): Promise<Timed | string> {
  try {
    await api(url, 'GET', board.route(DIVISIONS[0], months[0] as string), { token });
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) return 'no route';
    throw e;
  }
  const pairs = months.flatMap((month) => DIVISIONS.map((division) => ({ month, division })));
  const rand = prng(7);
  const route: number[] = [];
  const group: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const order = pairs.map((p) => ({ p, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.p);
    for (const [i, { month, division }] of order.entries()) {
      const viaRoute = async () => {
        const s = performance.now();
        const answer = await api<unknown>(url, 'GET', board.route(division, month), { token });
        route.push(performance.now() - s);
        return board.fromRoute(answer, division);
      };
      const viaGroup = async () => {
        const s = performance.now();
        const totals = await groupBy(raw, board.key, divisionPath[division] as string, month);
        group.push(performance.now() - s);
        return totals;
      };
      let r: Awaited<ReturnType<typeof viaRoute>>;
      let g: Awaited<ReturnType<typeof viaGroup>>;
      if (i % 2 === 0) {
        r = await viaRoute();
        g = await viaGroup();
      } else {
        g = await viaGroup();
        r = await viaRoute();
      }
      const differs = board.compare.filter((k) => r?.[k] !== g[k]);
      if (differs.length > 0) throw new Error(`${board.label} ${division} ${month}: route ${JSON.stringify(r)} ≠ GROUP BY ${JSON.stringify(g)}`);
    }
  }
  return { route: summarise(route), group: summarise(group), samples: route.length };
}

async function rollupOn(dialect: DialectName, ctx: BenchContext) {
  const months = ctx.quick ? 4 : 36;
  const total = Math.round((150_000 * months) / 36);
  const target = await openTarget(dialect, 'rollup');
  try {
    const store = await target.store();
    const org = await createOrg(store);
    await store.close();
    const raw = await target.raw();
    try {
      const t0 = Date.now();
      const bhk = await fillObservations(raw, org.units, months, total);
      const boards = await fillBoards(raw, org.units.map((u) => u.id), bhk.months);
      // The routes read facts (issue 17): build them from the rows just written, as a migrated
      // database does at start (without this the routes would answer from empty fact tables).
      const factsStore = await target.store();
      try {
        await buildFacts(factsStore, ctx.log);
      } finally {
        await factsStore.close();
      }
      // A freshly loaded PostgreSQL table has no planner statistics until autovacuum gets to it.
      if (dialect === 'postgres') await raw.query('analyze');
      const written = { bhkObservation: bhk.observations, ...boards.written };
      ctx.log(`${dialect}: wrote ${JSON.stringify(written)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const server = await startOn(target, { SEED_DEMO: 'false' });
      try {
        const timed: Record<string, Timed | string> = {};
        for (const board of BOARDS) {
          if (!hasEntities(board)) {
            timed[board.key] = 'no entity';
            continue;
          }
          const stale = board.entities.filter((e) => boards.outdated[e] !== undefined);
          if (stale.length > 0) {
            timed[board.key] = `generator out of date for ${stale.map((e) => `${e} (${boards.outdated[e]})`).join(', ')}`;
            continue;
          }
          ctx.log(`${dialect}: ${board.label} roll-up`);
          // One login (device) per board keeps each device under the per-device rate limit
          // (600/min), which stays in force: its cost is part of what the route costs.
          const token = await loginToken(server.url, MANAGER.username, MANAGER.password);
          timed[board.key] = await timeBoard(board, server.url, token, raw, org.divisionPath, bhk.months, ctx.quick ? 1 : 2);
        }
        return { written, absent: boards.absent, timed };
      } finally {
        await server.stop();
      }
    } finally {
      await raw.close();
    }
  } finally {
    await target.dispose();
  }
}

export const rollupSection: Section = {
  name: 'server roll-up',
  items: [4],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const figures: Figure[] = [];
    const data: Record<string, unknown> = {};
    const missing = new Set<string>();
    let written: Record<string, number> = {};
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const r = await rollupOn(dialect, ctx);
      written = r.written;
      const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const json: Record<string, unknown> = { rowsWritten: r.written };
      for (const board of BOARDS) {
        const t = r.timed[board.key];
        if (t === undefined || typeof t === 'string') {
          const why = t === 'no route' ? `no route at ${board.route('…', '…').split('?')[0]}` : t === 'no entity' ? `no ${board.entities.join('/')} entity in the registry` : (t ?? 'not run');
          missing.add(`${board.label}: ${why}`);
          json[board.key] = why;
          continue;
        }
        json[board.key] = { samples: t.samples, route: roundSummary(t.route), groupBy: roundSummary(t.group) };
        const key = `rollup.${board.key}.${dialect}`;
        figures.push(
          compared({ item: 4, key: `${key}.p50`, label: `${board.label} division month via route, ${name} p50`, value: t.route.p50, unit: 'ms', detail: { samples: t.samples } },
            { label: 'GROUP BY p50', value: t.group.p50, unit: 'ms' }),
          compared({ item: 4, key: `${key}.p95`, label: `${board.label} division month via route, ${name} p95`, value: t.route.p95, unit: 'ms' },
            { label: 'GROUP BY p95', value: t.group.p95, unit: 'ms' }),
        );
      }
      data[dialect] = json;
      for (const a of r.absent) missing.add(`${a}: not in the registry, no rows generated`);
    }
    const rows = Object.entries(written).map(([e, n]) => `${n.toLocaleString('en-US')} ${e}`).join(', ');
    return {
      figures,
      data,
      notes: [
        `Item 4: 3 divisions × 15 units, ${ctx.quick ? 4 : 36} months: ${rows}. Facts are built from the rows after the bulk insert (the server's own build); routes are timed end to end over HTTP (auth, scope, the fact reads, the shared roll-up, JSON); the GROUP BY from the bench process on its own connection; their totals agree on every sample.`,
        ...[...missing].map((m) => `Item 4 not measured — ${m}.`),
      ],
    };
  },
};
