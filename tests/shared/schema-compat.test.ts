/**
 * Sync rule 16 (src/shared/sync/README.md): synced schemas change additively only, so a change
 * written by any released client, still waiting in a tablet's outbox after an update, is valid
 * under today's schemas and the server needs no upcasting. These are version-1 changes, one
 * insert per entity, written out as plain JSON and never rebuilt from today's builders: if a
 * schema change refuses one, it is not additive. Then either make it additive, or build what
 * rule 16 says a non-additive change needs first.
 */
import { describe, expect, it } from 'vitest';
import { Change } from '../../src/shared/protocol';
import { ENTITY_NAMES, SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { validateChange } from '../../src/shared/sync/validate';

const AT = '2026-03-10T09:00:00.000Z';
const V1_INSERTS: Record<string, Record<string, unknown>> = {
  bhkObservation: {
    id: '0195d1f0-0000-7000-8000-000000000001', unitId: 'avd-21', date: '2026-03-10', profession: 'sjukskoterska', selfAssessment: false,
    steps: { handDisinfectionBefore: 'ja', gloves: 'ej_aktuellt', apron: 'ja', handDisinfectionAfter: 'nej', shortSleeves: 'ja', noJewellery: 'ja', nails: 'ja', hairTiedUp: 'ja' },
    createdAt: AT,
  },
  unitSettings: { id: 'settings:avd-21', unitId: 'avd-21', bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 },
  safetyEvent: {
    id: '0195d1f0-0000-7000-8000-000000000002', unitId: 'avd-21', date: '2026-03-09', category: 'Fall', severity: 'orange',
    description: 'Fall vid toalettbesök', reportedInDeviationSystem: true, createdAt: AT,
  },
  safetyDay: { id: 'safetyDay:avd-21:2026-03-09', unitId: 'avd-21', confirmedGreen: true },
  safetySettings: { id: 'safetySettings:avd-21', unitId: 'avd-21', categories: ['Fall', 'Trycksår'], levels: 4, crossCategories: [], backdateDays: 7 },
  staffingShift: {
    id: 'staffingShift:avd-21:2026-03-10:dag', unitId: 'avd-21', date: '2026-03-10', shift: 'dag', planned: 8, sick: 1, vab: 0, otherAbsence: 0, covered: 1,
  },
  hrMonth: { id: 'hrMonth:avd-21:2026-02', unitId: 'avd-21', month: '2026-02', kvotTotal: 6.1, kvotK: 6.5, kvotM: 4.2, korttid: 2.0, ordinaryHours: 5200, source: 'manual' },
  bedsDay: { id: 'bedsDay:avd-21:2026-03-10', unitId: 'avd-21', date: '2026-03-10', disponibla: 24, belagda: 25, overbelaggningar: 1, utlokaliserade: 0, utskrivningsklara: 3 },
  staffingSettings: { id: 'staffingSettings:avd-21', unitId: 'avd-21', shifts: ['dag', 'kvall', 'natt'], bedsEnabled: true, targetPct: 5 },
  bhkConfig: { id: 'bhkconfig:avd-21', unitId: 'avd-21', professions: [{ code: 'sjukskoterska', label: 'Sjuksköterska' }] },
  indicator: { id: 'indicator:avd-21:bhkTotal', unitId: 'avd-21', key: 'bhkTotal', target: { op: 'gte', value: 90 } },
  action: { id: '0195d1f0-0000-7000-8000-000000000003', unitId: 'avd-21', title: 'Ny lyftsele', owner: 'AB', due: '2026-03-31', status: 'oppen', createdAt: AT },
  idea: { id: '0195d1f0-0000-7000-8000-000000000004', unitId: 'avd-21', title: 'Checklista för överrapport', stage: 'ide', createdAt: AT },
  meetingLog: { id: 'meetingLog:avd-21:2026-03-10', unitId: 'avd-21', date: '2026-03-10', facilitator: 'AB', present: 9 },
  meetingSettings: { id: 'meetingSettings:avd-21', unitId: 'avd-21', agenda: ['bemanning', 'patientsakerhet', 'hygien'], timeboxMinutes: 15 },
  reportedValue: { id: 'reportedValue:avd-21:waitFirstVisit:2026-03', unitId: 'avd-21', measure: 'waitFirstVisit', period: '2026-03', num: 41, den: 100, numK: 20, denK: 49, numM: 21, denM: 51, source: 'manual' },
  goalItem: { id: '0195d1f0-0000-7000-8000-000000000010', unitId: 'avd-21', kind: 'styrmatt', perspective: 'medborgare', parentId: '0195d1f0-0000-7000-8000-000000000011', title: 'Väntat ≤ 90 dagar till första besök', order: 10, indicatorKey: 'waitShare', target: { op: 'gte', value: 100, month: 12 }, periods: ['DA04', 'DA08', 'AR'], createdAt: AT },
  goalAnalysis: { id: 'goalAnalysis:avd-21:0195d1f0-0000-7000-8000-000000000010:2026-DA04', unitId: 'avd-21', itemId: '0195d1f0-0000-7000-8000-000000000010', period: '2026-DA04', text: 'Väntetiderna har minskat på två av tre enheter.', author: 'Divisionschef', writtenAt: AT },
  strategicAction: { id: '0195d1f0-0000-7000-8000-000000000012', unitId: 'avd-21', year: 2026, nr: 1, goalId: '0195d1f0-0000-7000-8000-000000000011', perspective: 'medborgare', title: 'Produktionsplanering', description: 'Införa produktionsplanering i alla VO', ansvarig: 'VO-chefer', tidplan: 'Start under tertial 1', effekt: 'Kortare väntetider', followDA04: { status: 'pagar', comment: 'Arbetet pågår inom divisionen' }, createdAt: AT },
};

const v1 = (entity: string, fields: Record<string, unknown>, seq: number) => ({
  seq,
  entity,
  id: fields.id,
  unitId: fields.unitId,
  op: 'insert',
  fields,
  hlc: '001773133200000-0000-a1b2c3',
  schemaVersion: 1,
});

describe('rule 16: synced schemas change additively only', () => {
  it('there is a version-1 change for every synced entity', () => {
    expect(Object.keys(V1_INSERTS).sort()).toEqual([...ENTITY_NAMES].sort());
    expect(SCHEMA_VERSION).toBe(1);
  });

  it.each(Object.entries(V1_INSERTS))('a version-1 %s insert is still a valid change today', (entity, fields) => {
    const change = Change.parse(v1(entity, fields, 1));
    expect(validateChange(change)).toEqual({ ok: true, fields: expect.objectContaining({ id: fields.id }) });
  });
});
