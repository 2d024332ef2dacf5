/** The org tree as the server last described it (GET /api/org), for offline navigation. */
import type { OrgUnit } from '../../shared/schema/org-unit';
import type { PulsDb } from './db';

export async function listUnits(db: PulsDb): Promise<OrgUnit[]> {
  return db.units.toArray();
}

/** Replaces the whole tree in one transaction, so readers never see half of it. */
export async function replaceUnits(db: PulsDb, units: OrgUnit[]): Promise<void> {
  await db.transaction('rw', db.units, async () => {
    await db.units.clear();
    await db.units.bulkPut(units);
  });
}
