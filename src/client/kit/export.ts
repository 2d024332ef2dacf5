/** "Exportera osynkade": the outbox and rejected changes as a JSON file, for a revoked or stuck tablet. */
import { exportUnsynced } from '../storage/sync-state';
import type { PulsDb } from '../storage/db';
import { downloadText, exportFilename } from './download';

export async function exportUnsyncedFile(db: PulsDb): Promise<void> {
  downloadText(exportFilename(Date.now()), await exportUnsynced(db));
}
