/**
 * Item 5: load on one server process, on SQLite and then on PostgreSQL. 500 tablets on 250 units (two per
 * unit, enrolled through the API, each with a synced cursor over a log of 25,000 earlier changes)
 * pull once every 60 s, spread evenly (~8.3 pulls/s), while 20 pushes per second each carry one
 * new observation, for 60 s. Health probes (2/s) ride along as the in-run floor: the same server,
 * loopback and client, with no database work. Open loop, loopback only, bounded in time.
 */
import fs from 'node:fs';
import { localDate } from '../../src/shared/domain/periods';
import { formatHlc } from '../../src/shared/sync/hlc';
import { api, enrolTablet, loginToken, pool, pullOnce, push, type Tablet, write } from '../lib/api';
import { observation, prng } from '../lib/gen';
import { type KindResult, runOpenLoop, type Shot } from '../lib/load-loop';
import type { RawChange, RawRow } from '../lib/rawdb';
import { compared, type Figure, verdictOf } from '../lib/report';
import type { BenchContext, Section, SectionResult } from '../lib/section';
import { roundSummary, summarise } from '../lib/stats';
import { type DialectName, openTarget, startOn } from '../lib/target';

const UNITS = 250;
const TABLETS = 500;
const PULL_EVERY_MS = 60_000;
const PUSHES_PER_S = 20;
const HEALTH_PER_S = 2;
const HISTORY_PER_UNIT = 100;
const TIMEOUT_MS = 10_000;

/** CPU seconds the server process has used so far (Linux /proc; 0 where unavailable). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function orgImport(): { id: string; name: string; kind: string; parentId: string }[] {
  const out = [{ id: 'load-div', name: 'Division Last', kind: 'division', parentId: 'region' }];
  for (let v = 0; v < 10; v++) {
    out.push({ id: `load-vo-${v}`, name: `VO Last ${v}`, kind: 'vo', parentId: 'load-div' });
    for (let u = 0; u < UNITS / 10; u++) out.push({ id: `load-u-${v}-${u}`, name: `Enhet Last ${v}.${u}`, kind: 'enhet', parentId: `load-vo-${v}` });
  }
  return out;
}

async function loadOn(dialect: DialectName, ctx: BenchContext): Promise<SectionResult> {
  const durationMs = ctx.quick ? 10_000 : 60_000;
  const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const target = await openTarget(dialect, 'load');
  // All simulated tablets share 127.0.0.1, so the per-address limit (login, enrolment, token)
  // is raised for the setup; the per-device limit that guards push and pull stays at its default.
  const server = await startOn(target, { SEED_DEMO: 'true', RATE_LIMIT_PER_IP: '1000000' });
  try {
    const admins = [await loginToken(server.url, 'admin', 'pulstavlan'), await loginToken(server.url, 'admin', 'pulstavlan')];
    const units = orgImport();
    await api(server.url, 'POST', '/api/admin/units/import', { token: admins[0], body: { format: 'json', content: JSON.stringify(units) } });
    const enheter = units.filter((u) => u.kind === 'enhet').map((u) => u.id);

    ctx.log(`${dialect}: ${enheter.length * HISTORY_PER_UNIT} earlier changes, ${TABLETS} tablets`);
    const raw = await target.raw();
    const rand = prng(5);
    const rows: RawRow[] = [];
    const changes: RawChange[] = [];
    for (const unitId of enheter) {
      for (let i = 0; i < HISTORY_PER_UNIT; i++) {
        const o = observation(rand, unitId, localDate(Date.now() - (1 + (i % 60)) * 86_400_000));
        rows.push({ entity: 'bhkObservation', id: o.id, unitId, data: { ...o }, sortKey: o.date });
        changes.push({ entity: 'bhkObservation', rowId: o.id, unitId, fields: { ...o }, hlc: formatHlc({ millis: Date.now() - 86_400_000, counter: i, node: 'history' }), deviceId: 'history', receivedAt: new Date().toISOString() });
      }
    }
    await raw.insertBatched(rows, changes, 1_000);
    await raw.close();

    const t0 = Date.now();
    const tablets = await pool(Array.from({ length: TABLETS }, (_, i) => i), 8, (i) =>
      enrolTablet(server.url, admins[i % 2] as string, enheter[i % enheter.length] as string),
    );
    await pool(tablets, 8, async (t) => {
      for (let page = 0; page < 100 && (await pullOnce(server.url, t)).hasMore; page++);
    });
    ctx.log(`${dialect}: tablets enrolled and synced in ${((Date.now() - t0) / 1000).toFixed(0)} s; running ${durationMs / 1000} s`);

    const shots: Shot[] = [];
    const today = localDate(Date.now());
    tablets.forEach((t, i) => {
      for (let at = (i / TABLETS) * PULL_EVERY_MS; at < durationMs; at += PULL_EVERY_MS) shots.push({ at, kind: 'pull', send: () => pullOnce(server.url, t, TIMEOUT_MS) });
    });
    for (let k = 0; k < (durationMs / 1000) * PUSHES_PER_S; k++) {
      const t = tablets[(k * 7) % TABLETS] as Tablet;
      shots.push({
        at: (k * 1000) / PUSHES_PER_S,
        kind: 'push',
        send: async () => {
          write(t, 'bhkObservation', { ...observation(rand, t.unitId, today) });
          await push(server.url, t, 500, TIMEOUT_MS);
        },
      });
    }
    for (let k = 0; k < (durationMs / 1000) * HEALTH_PER_S; k++) {
      shots.push({ at: (k * 1000) / HEALTH_PER_S + 137, kind: 'health', send: () => api(server.url, 'GET', '/api/health', { timeoutMs: TIMEOUT_MS }) });
    }
    const cpu0 = cpuSeconds(server.pid);
    const wall0 = performance.now();
    const res = await runOpenLoop(shots, durationMs, TIMEOUT_MS + 5_000);
    const serverCpu = (cpuSeconds(server.pid) - cpu0) / ((performance.now() - wall0) / 1000);

    const empty: KindResult = { latencies: [], errors: {}, maxLateMs: 0 };
    const [pull, pushes, health] = (['pull', 'push', 'health'] as const).map((k) => res[k] ?? empty) as [KindResult, KindResult, KindResult];
    const s = { pull: summarise(pull.latencies), push: summarise(pushes.latencies), health: summarise(health.latencies) };
    const errors = (r: KindResult) => Object.values(r.errors).reduce((a, b) => a + b, 0);
    const allErrors = errors(pull) + errors(pushes) + errors(health);
    const rate = (r: KindResult) => (r.latencies.length + errors(r)) / (durationMs / 1000);
    const figures: Figure[] = [
      compared({ item: 5, key: `load.${dialect}.pull.p50`, label: `pull under load, ${name} p50 (${rate(pull).toFixed(1)}/s)`, value: s.pull.p50, unit: 'ms' }, { label: 'health p50', value: s.health.p50, unit: 'ms' }),
      compared({ item: 5, key: `load.${dialect}.pull.p99`, label: `pull under load, ${name} p99`, value: s.pull.p99, unit: 'ms' }, { label: 'health p99', value: s.health.p99, unit: 'ms' }),
      compared({ item: 5, key: `load.${dialect}.push.p50`, label: `push under load, ${name} p50 (${rate(pushes).toFixed(1)}/s)`, value: s.push.p50, unit: 'ms' }, { label: 'health p50', value: s.health.p50, unit: 'ms' }),
      compared({ item: 5, key: `load.${dialect}.push.p99`, label: `push under load, ${name} p99`, value: s.push.p99, unit: 'ms' }, { label: 'health p99', value: s.health.p99, unit: 'ms' }),
      { item: 5, key: `load.${dialect}.errors`, label: `errors under load, ${name}`, value: allErrors, unit: '', target: '0', verdict: verdictOf(allErrors, { op: '≤', value: 0 }), ...(allErrors > 0 ? { note: JSON.stringify({ pull: pull.errors, push: pushes.errors, health: health.errors }) } : {}) },
    ];
    return {
      figures,
      data: {
        durationS: durationMs / 1000,
        tablets: TABLETS,
        units: UNITS,
        historyChanges: enheter.length * HISTORY_PER_UNIT,
        pull: { ...roundSummary(s.pull), errors: pull.errors, ratePerS: rate(pull), maxClientLateMs: pull.maxLateMs },
        push: { ...roundSummary(s.push), errors: pushes.errors, ratePerS: rate(pushes), maxClientLateMs: pushes.maxLateMs },
        health: { ...roundSummary(s.health), errors: health.errors },
        serverCpuCores: Math.round(serverCpu * 100) / 100,
      },
      notes: [
        `Item 5: ${TABLETS} tablets × 1 pull/${PULL_EVERY_MS / 1000} s + ${PUSHES_PER_S} pushes/s (1 observation each) for ${durationMs / 1000} s against one server process on ${name}; the server used ${serverCpu.toFixed(2)} CPU cores meanwhile; the load generator shares the same 2-core machine.`,
      ],
    };
  } finally {
    await server.stop();
    await target.dispose();
  }
}

export const loadSection: Section = {
  name: 'load',
  items: [5],
  async run(ctx: BenchContext): Promise<SectionResult> {
    const out: SectionResult = { figures: [], data: {}, notes: [] };
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const r = await loadOn(dialect, ctx);
      out.figures.push(...r.figures);
      out.data[dialect] = r.data;
      out.notes.push(...r.notes);
    }
    return out;
  },
};
