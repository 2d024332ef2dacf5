/** The demo organisation created on first start (only when the database has no units). */
export interface DemoUnit { id: string; name: string; kind: 'region' | 'division' | 'vo' | 'enhet'; parentId: string | null }

export const DEMO_UNITS: DemoUnit[] = [
  { id: 'region', name: 'Region Exempelland', kind: 'region', parentId: null },
  { id: 'div-lsv', name: 'Division Länssjukvård', kind: 'division', parentId: 'region' },
  { id: 'vo-med', name: 'VO Medicin', kind: 'vo', parentId: 'div-lsv' },
  { id: 'vo-kir', name: 'VO Kirurgi', kind: 'vo', parentId: 'div-lsv' },
  { id: 'vo-ort', name: 'VO Ortopedi', kind: 'vo', parentId: 'div-lsv' },
  { id: 'vo-akut', name: 'VO Akutsjukvård', kind: 'vo', parentId: 'div-lsv' },
  { id: 'avd-21', name: 'Avdelning 21 Medicin', kind: 'enhet', parentId: 'vo-med' },
  { id: 'avd-22', name: 'Avdelning 22 Kardiologi', kind: 'enhet', parentId: 'vo-med' },
  { id: 'avd-23', name: 'Avdelning 23 Geriatrik', kind: 'enhet', parentId: 'vo-med' },
  { id: 'mott-med', name: 'Medicinmottagningen', kind: 'enhet', parentId: 'vo-med' },
  { id: 'avd-31', name: 'Avdelning 31 Kirurgi', kind: 'enhet', parentId: 'vo-kir' },
  { id: 'avd-32', name: 'Avdelning 32 Kärlkirurgi', kind: 'enhet', parentId: 'vo-kir' },
  { id: 'mott-kir', name: 'Kirurgmottagningen', kind: 'enhet', parentId: 'vo-kir' },
  { id: 'avd-41', name: 'Avdelning 41 Ortopedi', kind: 'enhet', parentId: 'vo-ort' },
  { id: 'mott-ort', name: 'Ortopedmottagningen', kind: 'enhet', parentId: 'vo-ort' },
  { id: 'akm', name: 'Akutmottagningen', kind: 'enhet', parentId: 'vo-akut' },
  { id: 'iva', name: 'Intensivvårdsavdelningen', kind: 'enhet', parentId: 'vo-akut' },
];

export const DEMO_PASSWORD = 'pulstavlan';
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: 'Administratör', role: 'admin', scopeUnitId: 'region' },
  { username: 'divisionschef', displayName: 'Divisionschef Länssjukvård', role: 'manager', scopeUnitId: 'div-lsv' },
  { username: 'vochef', displayName: 'Verksamhetschef Medicin', role: 'manager', scopeUnitId: 'vo-med' },
  { username: 'avdchef21', displayName: 'Enhetschef Avdelning 21', role: 'manager', scopeUnitId: 'avd-21' },
  { username: 'personal21', displayName: 'Personal Avdelning 21', role: 'staff', scopeUnitId: 'avd-21' },
] as const;
