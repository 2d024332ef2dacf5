/**
 * The audit log's words (issue 12): what a kind of record, an operation, a security event and its
 * outcome are called on screen and in the downloads. Typed by the lists they name, so a new entity
 * or event kind does not compile until it has its Swedish (and English) name.
 */
import type { EntityName } from '../../schema/registry';
import type { ChangeOp } from '../../protocol';
import type { SecurityEventKind, SecurityOutcome } from '../../audit-api';

interface Labels {
  entity: Record<EntityName, string>;
  op: Record<ChangeOp, string>;
  event: Record<SecurityEventKind, string>;
  outcome: Record<SecurityOutcome, string>;
}

const sv: Labels = {
  entity: {
    bhkObservation: 'BHK-observation',
    unitSettings: 'Enhetens BHK-inställningar',
    safetyEvent: 'Händelse (Gröna korset)',
    safetyDay: 'Dag (Gröna korset)',
    safetySettings: 'Inställningar Gröna korset',
    staffingShift: 'Bemanningspass',
    hrMonth: 'Sjukfrånvaro (HR-månad)',
    bedsDay: 'Vårdplatser (dag)',
    staffingSettings: 'Inställningar bemanning',
    bhkConfig: 'BHK-formulär',
    indicator: 'Indikator',
    action: 'Åtgärd',
    idea: 'Förbättringsidé',
    meetingLog: 'Pulsmöte',
    meetingSettings: 'Inställningar pulsmöte',
    reportedValue: 'Rapporterat värde',
    goalItem: 'Mål eller styrmått',
    goalAnalysis: 'Analys',
    strategicAction: 'Strategisk åtgärd',
  },
  op: { insert: 'ny', patch: 'ändrad', delete: 'borttagen' },
  event: {
    login: 'Inloggning med lösenord',
    'login-oidc': 'Inloggning via regionens inloggning',
    'account-created': 'Konto skapat',
    'account-disabled': 'Konto avstängt',
    'account-enabled': 'Konto aktiverat',
    'account-linked': 'Konto kopplat till regionens inloggning',
    'account-access': 'Roll eller enhet ändrad',
    'account-waiting': 'Väntar på placering',
    'device-enrolled': 'Surfplatta ansluten',
    'device-revoked': 'Enhet avslutad',
    'api-key-created': 'API-nyckel skapad',
    'api-key-revoked': 'API-nyckel återkallad',
    'api-key-used': 'API-nyckel använd',
  },
  outcome: { ok: 'lyckades', failed: 'misslyckades', locked: 'spärrad' },
};

const en: Labels = {
  entity: {
    bhkObservation: 'BHK observation',
    unitSettings: 'Unit BHK settings',
    safetyEvent: 'Event (green cross)',
    safetyDay: 'Day (green cross)',
    safetySettings: 'Green cross settings',
    staffingShift: 'Staffing shift',
    hrMonth: 'Sick leave (HR month)',
    bedsDay: 'Beds (day)',
    staffingSettings: 'Staffing settings',
    bhkConfig: 'BHK form',
    indicator: 'Indicator',
    action: 'Action',
    idea: 'Improvement idea',
    meetingLog: 'Pulse meeting',
    meetingSettings: 'Pulse meeting settings',
    reportedValue: 'Reported value',
    goalItem: 'Goal or measure',
    goalAnalysis: 'Analysis',
    strategicAction: 'Strategic action',
  },
  op: { insert: 'new', patch: 'changed', delete: 'deleted' },
  event: {
    login: 'Password sign-in',
    'login-oidc': 'Sign-in through the region',
    'account-created': 'Account created',
    'account-disabled': 'Account disabled',
    'account-enabled': 'Account enabled',
    'account-linked': 'Account linked to the region’s sign-in',
    'account-access': 'Role or unit changed',
    'account-waiting': 'Waiting to be placed',
    'device-enrolled': 'Tablet enrolled',
    'device-revoked': 'Device ended',
    'api-key-created': 'API key created',
    'api-key-revoked': 'API key revoked',
    'api-key-used': 'API key used',
  },
  outcome: { ok: 'succeeded', failed: 'failed', locked: 'locked' },
};

export const auditLabels = { sv, en };

/** A stored value's label, or the value itself for one the labels do not know (an old row). */
export function labelOf<G extends keyof Labels>(labels: Labels, group: G, value: string): string {
  const table = labels[group] as Record<string, string>;
  return Object.hasOwn(table, value) ? (table[value] as string) : value;
}
