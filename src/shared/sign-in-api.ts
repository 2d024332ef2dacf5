/**
 * The bodies of sign-in through the region's identity provider (issue 12): apart from api.ts so
 * the first load does not carry them (only the login screen and the admin's link use them).
 */
import { z } from 'zod/mini';
import { DeviceLabel } from './api';
import { cleanLine, noPersonnummer } from './schema/text';

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
