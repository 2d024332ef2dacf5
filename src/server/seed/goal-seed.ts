/**
 * Demo goal document (issue 13): the region's strategic goals in the four perspectives, the
 * division's framgångsfaktorer and styrmått (board measures and reported ones, some with K/M, one
 * whose data is missing and one without any measure), a year and a half of reported values per
 * unit (and a division-level budget result per tertial), two analyses and four strategic actions
 * with their follow-up. Pushed through the real sync path by a demo admin device that is revoked
 * afterwards, like the other demo data. Idempotent: nothing is written when the region's first
 * goal exists. Values are random but seeded, so every demo start shows the same figures.
 */
import { uuidv7 } from 'uuidv7';
import { addDays, localDate } from '../../shared/domain/periods';
import type { seededRandom } from '../../shared/domain/random';
import { PROTOCOL_VERSION, type Change, MAX_CHANGES_PER_PUSH } from '../../shared/protocol';
import { goalAnalysisIdFor, type GoalItem, type GoalTarget } from '../../shared/schema/goal';
import { indicatorIdFor } from '../../shared/schema/indicator';
import { type EntityName, SCHEMA_VERSION } from '../../shared/schema/registry';
import { reportedValueIdFor } from '../../shared/schema/reported-value';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';
import { DEMO_UNITS } from './demo-org';

/** Fixed ids, so the demo's goal document is recognisable (and the seed idempotent). */
const gid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Reported measures, defined at the region (the catalogue is an admin's). */
const MEASURES: { key: string; nameSv: string; perspective: string; source: Record<string, string>; unit: string; direction: string; target: unknown }[] = [
  { key: 'waitFirstVisit', nameSv: 'Väntat ≤ 90 dagar till första besök', perspective: 'medborgare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 100 } },
  { key: 'acute80', nameSv: 'Besök 80 år och äldre på akutmottagning', perspective: 'medborgare', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'lower', target: { op: 'decrease' } },
  { key: 'dischargeReady', nameSv: 'Vårdtillfällen med utskrivningsklar > 1 dygn', perspective: 'verksamhet', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'lower', target: { op: 'lte', value: 7 } },
  { key: 'readmit65', nameSv: 'Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre', perspective: 'verksamhet', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'lower', target: { op: 'lte', value: 16 } },
  { key: 'hiredCost', nameSv: 'Andel kostnad inhyrd personal', perspective: 'ekonomi', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'lower', target: { op: 'decrease' } },
  { key: 'budgetResult', nameSv: 'Resultat mot budget', perspective: 'ekonomi', source: { kind: 'reported', form: 'value', grain: 'tertial', at: 'level' }, unit: 'mnkr', direction: 'higher', target: { op: 'gte', value: 0 } },
  { key: 'kppProductivity', nameSv: 'Produktivitet enligt KPP', perspective: 'ekonomi', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' }, unit: 'count', direction: 'higher', target: { op: 'increase' } },
];

type Item = Omit<GoalItem, 'createdAt' | 'unitId' | 'id' | 'parentId'> & { n: number; unitId: string; parent: number | null };
const mal = (n: number, perspective: GoalItem['perspective'], title: string): Item => ({ n, unitId: 'region', kind: 'mal', perspective, parent: null, title, order: n });
const faktor = (n: number, parent: number, perspective: GoalItem['perspective'], title: string): Item => ({ n, unitId: 'div-lsv', kind: 'faktor', perspective, parent, title, order: n });
const matt = (n: number, parent: number, perspective: GoalItem['perspective'], title: string, indicatorKey: string | null, target: GoalTarget | null): Item => ({
  n, unitId: 'div-lsv', kind: 'styrmatt', perspective, parent, title, order: n, indicatorKey, target,
});

export const DEMO_GOAL_ITEMS: Item[] = [
  mal(1, 'medborgare', 'God nära och samordnad vård'),
  mal(2, 'verksamhet', 'Säker vård av god kvalitet'),
  mal(3, 'medarbetare', 'Hållbar kompetensförsörjning'),
  mal(4, 'ekonomi', 'Långsiktigt hållbar ekonomi'),
  faktor(10, 1, 'medborgare', 'Tillgänglighet'),
  matt(11, 10, 'medborgare', 'Väntat ≤ 90 dagar till första besök, specialiserad vård', 'waitFirstVisit', { op: 'gte', value: 100, month: 12 }),
  matt(12, 10, 'medborgare', 'Besök 80 år och äldre på akutmottagning', 'acute80', { op: 'decrease' }),
  matt(13, 10, 'medborgare', 'Läkemedelsberättelse till patienter 75 år och äldre med fler än fem läkemedel', null, { op: 'gte', value: 70 }),
  faktor(20, 2, 'verksamhet', 'Patientsäker vård'),
  matt(21, 20, 'verksamhet', 'Följsamhet till basala hygienrutiner och klädregler', 'bhkTotal', { op: 'gte', value: 90 }),
  matt(22, 20, 'verksamhet', 'Dagar med vårdskada', 'harmDays', { op: 'decrease' }),
  faktor(23, 2, 'verksamhet', 'Samordnad vård'),
  matt(24, 23, 'verksamhet', 'Vårdtillfällen med utskrivningsklar > 1 dygn', 'dischargeReady', { op: 'lte', value: 7 }),
  matt(25, 23, 'verksamhet', 'Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre', 'readmit65', { op: 'sex', dir: 'lte', k: 16.0, m: 17.2 }),
  faktor(30, 3, 'medarbetare', 'Hälsosam arbetsmiljö'),
  matt(31, 30, 'medarbetare', 'Sjukfrånvaro', 'hrKvot', { op: 'decrease' }),
  faktor(40, 4, 'ekonomi', 'Ekonomi i balans'),
  matt(41, 40, 'ekonomi', 'Andel kostnad inhyrd personal av total personalkostnad', 'hiredCost', { op: 'decrease' }),
  matt(42, 40, 'ekonomi', 'Verksamhet inom budget', 'budgetResult', { op: 'gte', value: 0 }),
  matt(43, 40, 'ekonomi', 'Produktivitet utifrån KPP', 'kppProductivity', { op: 'increase' }),
];

/** Per measure: typical denominator and share, and the K share of the denominator. */
const RATES: Record<string, { den: [number, number]; rate: number; spread: number; kShare: number; trend: number }> = {
  waitFirstVisit: { den: [40, 160], rate: 0.45, spread: 0.12, kShare: 0.55, trend: 0.004 },
  acute80: { den: [20, 90], rate: 0.15, spread: 0.05, kShare: 0.6, trend: -0.001 },
  dischargeReady: { den: [30, 120], rate: 0.085, spread: 0.03, kShare: 0.5, trend: -0.001 },
  readmit65: { den: [15, 60], rate: 0.16, spread: 0.04, kShare: 0.52, trend: -0.002 },
  hiredCost: { den: [2_000_000, 6_000_000], rate: 0.055, spread: 0.02, kShare: 0, trend: -0.0005 },
};

const LEAVES = DEMO_UNITS.filter((u) => !DEMO_UNITS.some((c) => c.parentId === u.id)).map((u) => u.id);

export async function seedGoals(store: Store, now: number, rand: ReturnType<typeof seededRandom>): Promise<void> {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  if (await store.getRow('goalItem', gid(1))) return;
  const deviceId = uuidv7();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata målstyrning',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: new Date(now).toISOString(), lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const at = new Date(now).toISOString();
  const rows: [EntityName, Record<string, unknown> & { id: string; unitId: string }][] = [];
  for (const m of MEASURES) rows.push(['indicator', { id: indicatorIdFor('region', m.key), unitId: 'region', key: m.key, nameSv: m.nameSv, perspective: m.perspective, source: m.source, unit: m.unit, direction: m.direction, target: m.target }]);
  for (const i of DEMO_GOAL_ITEMS) {
    const { n, parent, ...rest } = i;
    rows.push(['goalItem', { ...rest, id: gid(n), parentId: parent === null ? null : gid(parent), createdAt: at, ...(i.indicatorKey === null ? { indicatorKey: undefined } : {}) }]);
  }
  // A year and a half of monthly values per unit, up to last month.
  const today = localDate(now);
  const months: string[] = [];
  for (let d = addDays(`${today.slice(0, 7)}-01`, -1), k = 0; k < 18; k++, d = addDays(`${d.slice(0, 7)}-01`, -1)) months.unshift(d.slice(0, 7));
  const round = (x: number) => Math.max(0, Math.round(x));
  for (const unitId of LEAVES) {
    for (const [measure, r] of Object.entries(RATES)) {
      months.forEach((month, i) => {
        const den = round(r.den[0] + rand() * (r.den[1] - r.den[0]));
        const rate = Math.min(1, Math.max(0, r.rate + (rand() - 0.5) * 2 * r.spread + r.trend * i));
        const num = Math.min(den, round(den * rate));
        const split = r.kShare > 0;
        const denK = split ? round(den * r.kShare) : null;
        const numK = split && denK !== null ? Math.min(denK, round(num * r.kShare * (0.9 + rand() * 0.2))) : null;
        const numM = split && numK !== null ? Math.min(den - (denK ?? 0), num - numK) : null;
        rows.push(['reportedValue', { id: reportedValueIdFor(unitId, measure, month), unitId, measure, period: month, num: split ? (numK ?? 0) + (numM ?? 0) : num, den, numK, denK, numM, denM: split ? den - (denK ?? 0) : null, source: 'import' }]);
      });
    }
  }
  // The division's budget result per tertial (a level's own figure), none for KPP (Data saknas).
  const year = Number(today.slice(0, 4));
  for (const [period, value] of [[`${year - 1}-T1`, -4.2], [`${year - 1}-T2`, -9.8], [`${year - 1}-T3`, -3.1], [`${year}-T1`, -17.7]] as const) {
    rows.push(['reportedValue', { id: reportedValueIdFor('div-lsv', 'budgetResult', period), unitId: 'div-lsv', measure: 'budgetResult', period, num: value, den: null, numK: null, denK: null, numM: null, denM: null, source: 'manual' }]);
  }
  const analysis = (item: number, text: string) => {
    const period = `${year}-DA04`;
    rows.push(['goalAnalysis', { id: goalAnalysisIdFor('div-lsv', gid(item), period), unitId: 'div-lsv', itemId: gid(item), period, text, author: 'Divisionschef Länssjukvård', writtenAt: at }]);
  };
  analysis(11, 'Andelen som väntat högst 90 dagar ökar långsamt. Störst köer finns inom VO Kirurgi, där en produktionsplanering införs under våren.');
  analysis(25, 'Återinskrivningarna ligger under målet för både kvinnor och män. Uppföljning sker tillsammans med primärvården.');
  const action = (n: number, nr: number, goal: number, perspective: string, title: string, ansvarig: string, tidplan: string, effekt: string, da04: [string, string] | null) =>
    rows.push(['strategicAction', {
      id: gid(n), unitId: 'div-lsv', year, nr, goalId: gid(goal), perspective, title, description: `${title} inom divisionens verksamhetsområden.`, ansvarig, tidplan, effekt,
      ...(da04 ? { followDA04: { status: da04[0], comment: da04[1] } } : {}), createdAt: at,
    }]);
  action(101, 1, 1, 'medborgare', 'Införa produktionsplanering', 'VO-chefer', 'Start under tertial 1', 'Kortare väntetider till första besök', ['pagar', 'Arbetet pågår inom divisionen']);
  action(102, 2, 2, 'verksamhet', 'Samordnad utskrivningsprocess med kommunerna', 'Divisionschef och närstödsfunktioner', 'Klart under tertial 2', 'Färre utskrivningsklara > 1 dygn', ['pagar', 'Inväntar uppdragsledare']);
  action(103, 3, 3, 'medarbetare', 'Hälsofrämjande arbetsplatser', 'VO-chefer', 'Löpande arbete under året', 'Lägre sjukfrånvaro', ['ejPaborjad', '']);
  action(104, 4, 4, 'ekonomi', 'Minska beroendet av inhyrd personal', 'Divisionschef', 'Start under tertial 1', 'Lägre kostnad för inhyrd personal', ['omtag', 'Bedömningen är att omtag behövs']);

  const changes = rows.map(([entity, fields], i) => {
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return { seq: i + 1, entity, id: fields.id, unitId: fields.unitId, op: 'insert', fields: clean, hlc: formatHlc({ millis: now, counter: i, node }), schemaVersion: SCHEMA_VERSION } as unknown as Change;
  });
  for (let i = 0; i < changes.length; i += MAX_CHANGES_PER_PUSH) {
    await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes: changes.slice(i, i + MAX_CHANGES_PER_PUSH) }, now);
  }
  await store.revokeDevice(deviceId, new Date(now).toISOString());
}
