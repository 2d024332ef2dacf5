/**
 * The second line of defence behind validation (issue 18): an unexpected exception while one
 * pushed change is validated, ruled on or merged rejects that change alone with code `internal`
 * (sync/README.md rule 5), so a bug that one odd input trips can never block a device's queue.
 * A database failure is not the change's fault: it still fails the whole push, nothing commits,
 * and the device retries the same changes later (rule 3).
 */
import { AppError, type ErrorCode } from '../../shared/errors';

export type GuardedOutcome = { ok: true } | { ok: false; code: ErrorCode; path: (string | number)[] };

/**
 * Errors from the database or its driver carry a string `code` (SQLITE_BUSY, a PostgreSQL
 * SQLSTATE such as 22021, ECONNRESET) or say so in their name; our own bugs (TypeError,
 * RangeError, a plain Error) do not.
 */
export function isDatabaseError(err: unknown): boolean {
  if (err instanceof AppError || !(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || /sqlite|database|postgres|kysely/i.test(err.name);
}

/** Runs one change's checks and merge; see the module comment for what is caught. */
export async function guardChange(deviceId: string, seq: number, apply: () => Promise<GuardedOutcome>): Promise<GuardedOutcome> {
  try {
    return await apply();
  } catch (err) {
    if (isDatabaseError(err)) throw err;
    // An expected refusal thrown from deep inside a rule is still that change's refusal.
    if (err instanceof AppError) return { ok: false, code: err.code, path: [...(err.path ?? [])] };
    // The rejection row (device, seq, code) is the durable record; this line says why.
    console.error(JSON.stringify({ level: 'error', msg: 'push: unexpected error in one change, rejected as internal', deviceId, seq, err: err instanceof Error ? err.stack : String(err) }));
    return { ok: false, code: 'internal', path: [] };
  }
}
