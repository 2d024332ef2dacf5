/**
 * A push writes many rows and change-log entries; one statement per change made ingest a tenth of
 * what the database can take (bench item 3). The buffer reads every row the push names in one
 * query per entity, keeps the push's writes in memory while it runs, and writes them at the end
 * in a few multi-row statements, inside the same transaction. Reads through the buffer see the
 * push's own earlier writes (a correction of an event sent in the same push finds it), so rules
 * behave exactly as with one statement per change. Change-log order is kept: server_seq follows
 * the order of the changes (sync/README.md rule 7). At flush the facts of the written rows are
 * kept in step (server/facts/maintain.ts), from each row's state before the push to its state
 * after, before the rows themselves are written.
 */
import type { EntityName } from '../../shared/schema/registry';
import { yearBlockOfCell } from '../../shared/facts-api';
import type { RowState } from '../../shared/sync/merge';
import { maintainFacts } from '../facts/maintain';
import type { ChangeAudit, LoggedChange, StoreTx } from '../store/store';

const keyOf = (entity: string, id: string): string => `${entity}\u0000${id}`;

export interface PushBuffer {
  /** A StoreTx whose row reads and writes go through the buffer; everything else is the real tx. */
  readonly tx: StoreTx;
  /** Loads the stored rows of these (entity, id) pairs in one query per entity. */
  prefetch(refs: readonly { entity: EntityName; id: string }[]): Promise<void>;
  /** Writes the buffered rows and change-log entries. */
  flush(): Promise<void>;
}

export function pushBuffer(real: StoreTx): PushBuffer {
  /** Known state per key: a row, or null for "not stored". Keys not in the map are unknown. */
  const known = new Map<string, RowState | null>();
  /** The state before the push of every key read (first read wins). */
  const initial = new Map<string, RowState | null>();
  const remember = (key: string, row: RowState | null) => {
    if (!initial.has(key)) initial.set(key, row);
    known.set(key, row);
  };
  const rows = new Map<string, { row: RowState; sortKey: string }>();
  const changes: { change: Omit<LoggedChange, 'serverSeq'>; audit: ChangeAudit }[] = [];

  const tx: StoreTx = {
    ...real,
    getRow: async (entity, id) => {
      const key = keyOf(entity, id);
      const hit = known.get(key);
      if (hit !== undefined) return hit ?? undefined;
      const row = await real.getRow(entity, id);
      remember(key, row ?? null);
      return row;
    },
    putRow: async (row, sortKey) => {
      const key = keyOf(row.entity, row.id);
      known.set(key, row);
      rows.set(key, { row, sortKey });
    },
    appendChange: async (change, audit) => {
      changes.push({ change, audit });
      return 0; // the server_seq is assigned at flush; push does not use it
    },
  };

  return {
    tx,
    prefetch: async (refs) => {
      const byEntity = new Map<EntityName, string[]>();
      for (const r of refs) {
        if (known.has(keyOf(r.entity, r.id))) continue;
        const list = byEntity.get(r.entity) ?? [];
        list.push(r.id);
        byEntity.set(r.entity, list);
      }
      for (const [entity, ids] of byEntity) {
        const found = new Map((await real.getRows(entity, [...new Set(ids)])).map((row) => [row.id, row]));
        for (const id of ids) remember(keyOf(entity, id), found.get(id) ?? null);
      }
    },
    flush: async () => {
      await maintainFacts(
        real,
        [...rows].map(([key, w]) => ({ initial: initial.get(key) ?? null, final: w.row, sortKey: w.sortKey })),
      );
      // A leaf unit's reported value or HR month whose change was accepted but changed nothing (a
      // later write had won) still numbers its year block anew: the device that sent it keeps its
      // own row until that block arrives (client facts-repo.ts dropSupersededCells), then shows the
      // block's value.
      const lost = changes.flatMap(({ change: c }) => {
        if (c.leafBulk !== true || rows.has(keyOf(c.entity, c.id))) return [];
        const at = yearBlockOfCell(c.entity, c.id);
        return at === null || at.unitId !== c.unitId ? [] : [at];
      });
      if (lost.length > 0) await real.facts.bumpBlocks(lost);
      await real.putRows([...rows.values()]);
      await real.appendChanges(changes);
      rows.clear();
      changes.length = 0;
    },
  };
}
