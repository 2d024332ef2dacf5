/**
 * Append-only records corrected by later records (sync rule 10): a record naming another in
 * `replaces` supersedes it, and `voided: true` withdraws it. Generic over any record with these
 * fields, so every append-only board resolves corrections the same way.
 *
 * Each original (a record that replaces nothing present) heads a tree of corrections. The tree's
 * latest leaf (createdAt, then id) is the current state, so a chain A ← B ← C keeps only C, and two
 * devices correcting A offline converge on the later correction instead of counting A twice. If that
 * leaf is voided, the whole tree is dropped. Records caught in a `replaces` cycle have no original
 * and are ignored. Ids are unique; a repeated id is the same immutable record. The result is sorted
 * by (date, id), so it does not depend on input order.
 */
export interface Correctable {
  readonly id: string;
  readonly date: string;
  readonly createdAt: string;
  readonly replaces?: string | undefined;
  readonly voided?: boolean | undefined;
}

const later = (a: Correctable, b: Correctable): boolean =>
  a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;

/** One original record and where its corrections leave it. */
export interface Resolved<T extends Correctable> {
  /** The record that heads the tree: it replaces nothing present in the input. */
  readonly original: T;
  /** The tree's latest leaf: the current state (maybe `voided`). */
  readonly current: T;
  /** Records in the tree, original included (1 = never corrected). */
  readonly versions: number;
}

/** Every original with its current state, voided ones included (audit views list them), in the
 * input's order of first occurrence. */
export function resolveCorrections<T extends Correctable>(all: readonly T[]): Resolved<T>[] {
  const byId = new Map<string, T>();
  for (const r of all) if (!byId.has(r.id)) byId.set(r.id, r);

  const corrections = new Map<string, T[]>();
  const originals: T[] = [];
  for (const r of byId.values()) {
    if (r.replaces !== undefined && byId.has(r.replaces)) {
      const list = corrections.get(r.replaces) ?? [];
      list.push(r);
      corrections.set(r.replaces, list);
    } else {
      originals.push(r);
    }
  }

  return originals.map((original) => {
    // Every record has one `replaces`, so a walk down from an original never meets a record twice.
    let latestLeaf: T = original;
    let first = true;
    let versions = 0;
    const stack = [original];
    for (let r = stack.pop(); r !== undefined; r = stack.pop()) {
      versions += 1;
      const next = corrections.get(r.id);
      if (next !== undefined) stack.push(...next);
      else if (first || later(r, latestLeaf)) {
        latestLeaf = r;
        first = false;
      }
    }
    return { original, current: latestLeaf, versions };
  });
}

/** Sorts by (date, id), so results do not depend on input order. */
export const byDateThenId = (a: Correctable, b: Correctable): number =>
  a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The records that count: each tree's latest leaf unless voided, sorted by (date, id). */
export function effectiveRecords<T extends Correctable>(all: readonly T[]): T[] {
  return resolveCorrections(all)
    .filter((r) => r.current.voided !== true)
    .map((r) => r.current)
    .sort(byDateThenId);
}
