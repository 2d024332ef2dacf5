/**
 * The bodies of sign-in through the region's identity provider (issue 12): apart from api.ts so
 * the first load does not carry them (only the login screen and the admin's link use them).
 */
import { z } from 'zod/mini';
import { DeviceLabel } from './api';
import { cleanLine, noPersonnummer } from './schema/text';
import { UnitId } from './schema/ids';

/** How one may sign in here (issue 12): the login screen shows a button per external method. */
export const SignInMethods = z.strictObject({
  password: z.boolean(),
  external: z.array(z.strictObject({ method: z.enum(['oidc']), name: z.string(), start: z.string() })),
});
export type SignInMethods = z.infer<typeof SignInMethods>;
/** The one-time ticket the sign-in callback put in the app's URL, traded for a device credential. */
export const RedeemTicketRequest = z.strictObject({
  ticket: z.string().check(z.minLength(20), z.maxLength(100), z.regex(/^[A-Za-z0-9_-]+$/)),
  label: z.optional(DeviceLabel),
});
/** Links an account to a person at the identity provider (the configured claim's value), or unlinks it (null). */
export const LinkAccountRequest = z.strictObject({
  externalId: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), cleanLine, noPersonnummer)),
});

/** The admin's mapping of one group at the identity provider to a role and unit (issue 12). */
export const SignInGroup = z.strictObject({
  group: z.string().check(z.trim(), z.minLength(1), z.maxLength(200), cleanLine, noPersonnummer),
  role: z.enum(['staff', 'manager', 'admin']),
  unitId: UnitId,
});
export type SignInGroup = z.infer<typeof SignInGroup>;
/** Sets a group's mapping; `remove` deletes it (the unit named must be the mapping's, in the admin's scope). */
export const SetSignInGroupRequest = z.strictObject({ ...SignInGroup.shape, remove: z.optional(z.boolean()) });
/** A person the provider vouched for whom no mapping places (OIDC_JIT): waiting for an admin. */
export const SignInWaiting = z.strictObject({ subject: z.string(), displayName: z.string(), username: z.string(), firstAt: z.string(), lastAt: z.string() });
export type SignInWaiting = z.infer<typeof SignInWaiting>;
export const SignInWaitingResponse = z.strictObject({ waiting: z.array(SignInWaiting) });
const Subject = z.string().check(z.minLength(1), z.maxLength(200), cleanLine, noPersonnummer);
/** Places a waiting person: an account linked to them, with the role in the unit (in the admin's scope). */
export const PlaceWaitingRequest = z.strictObject({ subject: Subject, role: z.enum(['staff', 'manager', 'admin']), unitId: UnitId });
/** Takes a person off the waiting list without an account (they are told again at their next sign-in). */
export const DismissWaitingRequest = z.strictObject({ subject: Subject, rootId: UnitId });
export const SignInGroupsQuery = z.strictObject({ rootId: UnitId });
export const SignInGroupsResponse = z.strictObject({ groups: z.array(SignInGroup) });
