/**
 * Demo data for Gröna korset: eight weeks of pulse meetings on every demo unit, pushed through the
 * real sync path (as an admin, so back-dated days are accepted) so the change log holds them like
 * any other change. Most days are confirmed green; events follow each unit's profile (falls on
 * geriatrics, infections and pressure ulcers in intensive care); a few units skip days, so the
 * division view shows grey cells and completeness below 100 %. Avdelning 21 leaves yesterday and
 * today open for the morning's pulse meeting.
 */
import { demoDaysBack } from './demo-days';
import { uuidv7 } from 'uuidv7';
import { addDays, localDate } from '../../shared/domain/periods';
import { PROTOCOL_VERSION, type Change } from '../../shared/protocol';
import { SCHEMA_VERSION } from '../../shared/schema/registry';
import { safetyDayIdFor } from '../../shared/schema/safety-day';
import type { SafetyEvent, Severity } from '../../shared/schema/safety-event';
import { safetySettingsIdFor } from '../../shared/schema/safety-settings';
import { formatHlc, nodeFromDeviceId } from '../../shared/sync/hlc';
import { principalFor } from '../auth/principal';
import { hashSecret, newDeviceSecret } from '../auth/secrets';
import type { Store } from '../store/store';
import { handlePush } from '../sync/push';
import { DEMO_UNITS } from './demo-org';

const WEEKS = 8;

/** Per unit: chance of an event on a day, chance the meeting skipped the day, category weights. */
interface Profile { eventRate: number; skipRate: number; weights: Partial<Record<string, number>> }
const BASE: Profile = { eventRate: 0.12, skipRate: 0.03, weights: { fall: 4, trycksar: 2, vri: 2, lakemedel: 2, blasoverfyllnad: 1, nutrition: 1, ovrigt: 1 } };
const PROFILES: Record<string, Partial<Profile>> = {
  'avd-23': { eventRate: 0.2, weights: { fall: 7, trycksar: 3, nutrition: 2, lakemedel: 2, ovrigt: 1 } },
  iva: { eventRate: 0.16, skipRate: 0.12, weights: { vri: 5, trycksar: 4, lakemedel: 2, ovrigt: 1 } },
  akm: { skipRate: 0.22, weights: { lakemedel: 3, fall: 3, ovrigt: 3 } },
  'mott-med': { eventRate: 0.04, weights: { lakemedel: 3, ovrigt: 2 } },
  'mott-kir': { eventRate: 0.04, weights: { vri: 2, ovrigt: 2 } },
  'mott-ort': { eventRate: 0.05, skipRate: 0.1, weights: { fall: 2, ovrigt: 2 } },
  'avd-41': { eventRate: 0.15, weights: { fall: 4, vri: 3, trycksar: 2, blasoverfyllnad: 2 } },
};

/** Short, identifier-free texts of the kind a detail list holds. */
const TEXTS: Record<string, string[]> = {
  fall: ['Föll vid toalettbesök nattetid', 'Halkade vid uppresning från säng', 'Hittad på golvet, ingen synlig skada', 'Fall i korridoren med rollator'],
  trycksar: ['Trycksår kategori 2 på hälen upptäckt vid omläggning', 'Rodnad över korsbenet, vändschema saknades', 'Trycksår på öra under syrgasslang'],
  vri: ['UVI efter KAD', 'Rodnad och ömhet runt PVK', 'Postoperativ sårinfektion'],
  lakemedel: ['Dos given två timmar för sent', 'Fel styrka utdelad, upptäckt vid kontroll', 'Ordination saknades vid överflyttning'],
  blasoverfyllnad: ['900 ml i blåsan vid bladderscan', 'Ingen miktion på 8 timmar postoperativt'],
  nutrition: ['Nutritionsbedömning ej gjord inom 24 h', 'Viktförlust upptäckt sent'],
  ovrigt: ['Larmknapp utom räckhåll', 'Förväxlade provrör, upptäckt före analys'],
};
const IMPROVEMENTS = ['Tydligare rutin vid nattlig tillsyn', 'Checklista vid överflyttning', 'Påminnelse om vändschema i rapporten'];

function pickWeighted(rand: () => number, weights: Partial<Record<string, number>>): string {
  const entries = Object.entries(weights) as [string, number][];
  let r = rand() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1]?.[0] ?? 'ovrigt';
}

const pick = <T,>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function severity(rand: () => number, levels: 3 | 4): Severity {
  const r = rand();
  if (r < 0.6) return 'gul';
  if (r < 0.93) return levels === 3 ? 'rod' : 'orange';
  return 'rod';
}

export async function seedSafety(store: Store, now: number, rand: () => number): Promise<void> {
  const admin = await store.getAccountByUsername('admin');
  if (!admin) return;
  const deviceId = uuidv7();
  const at = new Date(now).toISOString();
  await store.insertDevice({
    id: deviceId, kind: 'account', accountId: admin.id, unitId: null, label: 'Demodata Gröna korset',
    secretHash: hashSecret(newDeviceSecret()), lastSeq: 0, createdAt: at, lastSeenAt: null, revokedAt: null,
  });
  const principal = await principalFor(store, (await store.getDevice(deviceId))!);
  const node = nodeFromDeviceId(deviceId);
  const today = localDate(now);
  const changes: Change[] = [];
  const add = (entity: Change['entity'], id: string, unitId: string, fields: Record<string, unknown>, op: Change['op'] = 'insert') =>
    changes.push({ seq: changes.length + 1, entity, id, unitId, op, fields, hlc: formatHlc({ millis: now, counter: changes.length, node }), schemaVersion: SCHEMA_VERSION } as Change);

  // Two units show what the settings do: a geriatric ward with fallkorset and trycksårskorset, and
  // an outpatient clinic on the 3-level scale.
  add('safetySettings', safetySettingsIdFor('avd-23'), 'avd-23', { crossCategories: ['fall', 'trycksar'] }, 'patch');
  add('safetySettings', safetySettingsIdFor('mott-med'), 'mott-med', { levels: 3 }, 'patch');

  for (const unit of DEMO_UNITS.filter((u) => u.kind === 'enhet')) {
    const p: Profile = { ...BASE, ...PROFILES[unit.id] };
    const levels = unit.id === 'mott-med' ? 3 : 4;
    const lastDay = unit.id === 'avd-21' ? 2 : 1;
    for (const back of demoDaysBack(WEEKS * 7, lastDay)) {
      const date = addDays(today, -back);
      if (rand() < p.skipRate) continue;
      const events = rand() < p.eventRate ? (rand() < 0.2 ? 2 : 1) : 0;
      for (let i = 0; i < events; i++) {
        const category = pickWeighted(rand, p.weights);
        const sev = severity(rand, levels);
        const reported = sev !== 'gul' || rand() < 0.4;
        const ev: SafetyEvent = {
          id: uuidv7() as SafetyEvent['id'], unitId: unit.id as SafetyEvent['unitId'], date, category, severity: sev,
          description: pick(rand, TEXTS[category] ?? TEXTS.ovrigt ?? []),
          reportedInDeviationSystem: reported,
          ...(reported && rand() < 0.7 ? { caseNumber: `AVV-${1000 + Math.floor(rand() * 9000)}` } : {}),
          ...(sev !== 'gul' && rand() < 0.5 ? { improvement: pick(rand, IMPROVEMENTS) } : {}),
          createdAt: `${date}T08:${String(10 + Math.floor(rand() * 40)).padStart(2, '0')}:00.000Z`,
        };
        add('safetyEvent', ev.id, unit.id, ev as unknown as Record<string, unknown>);
      }
      // Green is confirmed only on event-free days, except now and then a tablet that confirmed
      // before another registered an event: the day still shows the event's colour.
      if (events === 0 || rand() < 0.05) {
        const id = safetyDayIdFor(unit.id, date);
        add('safetyDay', id, unit.id, { confirmedGreen: true }, 'patch');
      }
    }
  }
  for (let i = 0; i < changes.length; i += 500) {
    await handlePush(store, principal, { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId as never, changes: changes.slice(i, i + 500) }, now);
  }
  await store.revokeDevice(deviceId, at);
}
