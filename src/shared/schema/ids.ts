/**
 * Branded id types. Every id that crosses a boundary is parsed into one of these, so a
 * UnitId can never be passed where a RecordId is expected.
 */
import { z } from 'zod/mini';
import { containsPersonnummer } from '../domain/personnummer';
import { FREE_TEXT_PERSONNUMMER_MESSAGE } from './text';

/** The characters of every id: no space, no control character, nothing to escape in a URL. */
export const ID_PATTERN = /^[A-Za-z0-9_:.\-]+$/;
/** An id whose parts are checked elsewhere (a deterministic id against its unit: registry ownsId). */
export const IdText = z.string().check(z.minLength(1), z.maxLength(260), z.regex(ID_PATTERN));
const idString = z.string().check(z.minLength(1), z.maxLength(200), z.regex(ID_PATTERN));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * An id someone chose ("avd-21", an imported unit id) must not read as a personnummer. A UUID is
 * made by a machine and passes as it is: its random digits are nobody's number, and checking them
 * would refuse about one UUID in 17,000 (an id no device could then use).
 */
const chosenIdCheck = z.refine<string>((s) => UUID.test(s) || !containsPersonnummer(s), { message: FREE_TEXT_PERSONNUMMER_MESSAGE });

export const UnitId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(ID_PATTERN), chosenIdCheck).brand<'UnitId'>();
export type UnitId = z.infer<typeof UnitId>;
/** A client-generated record id (observations, events, actions, ideas): a UUIDv7 from the app. */
export const RecordId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(ID_PATTERN), chosenIdCheck).brand<'RecordId'>();
export type RecordId = z.infer<typeof RecordId>;
/** Device and account ids are made by the server and only looked up when a client sends them. */
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

/**
 * A moment as `Date.prototype.toISOString` writes it (UTC, "2026-03-10T09:00:00.000Z"); the
 * milliseconds may be left out. createdAt, escalatedAt, a meeting's start and end.
 */
export const Instant = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/),
  z.refine((s) => {
    const d = new Date(s);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === s.slice(0, 19);
  }, 'invalid instant'),
);

/** Month as YYYY-MM. */
export const IsoMonth = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export type IsoMonth = z.infer<typeof IsoMonth>;

/**
 * The years a query may ask about (a period, a month): 1900–2199, far wider than any data or
 * plan. Bounded at the route, with the parameter's path, so no request does work for year 9999
 * or trips over Date's years 0–99 deep inside (issue 18).
 */
export const inQueryYears = z.refine<string>((s) => {
  const year = Number(s.slice(0, 4));
  return year >= 1900 && year <= 2199;
}, 'year');
export const QueryMonth = IsoMonth.check(inQueryYears);
