/**
 * Branded id types. Every id that crosses a boundary is parsed into one of these, so a
 * UnitId can never be passed where a RecordId is expected.
 */
import { z } from 'zod/mini';

const idString = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_:.\-]+$/));

export const UnitId = idString.brand<'UnitId'>();
export type UnitId = z.infer<typeof UnitId>;
export const RecordId = idString.brand<'RecordId'>();
export type RecordId = z.infer<typeof RecordId>;
export const DeviceId = idString.brand<'DeviceId'>();
export type DeviceId = z.infer<typeof DeviceId>;
export const AccountId = idString.brand<'AccountId'>();
export type AccountId = z.infer<typeof AccountId>;

/** Calendar date in Europe/Stockholm, YYYY-MM-DD. */
export const IsoDate = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'invalid date'),
);
export type IsoDate = z.infer<typeof IsoDate>;

/** Month as YYYY-MM. */
export const IsoMonth = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export type IsoMonth = z.infer<typeof IsoMonth>;
