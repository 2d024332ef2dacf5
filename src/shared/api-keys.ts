/**
 * API keys for machines (issue 16): a BI tool (Power BI, Excel, Qlik) reads the feed with a named,
 * read-only key scoped to a subtree. The secret is shown once, at creation; the server keeps only
 * its hash. Request and response bodies of /api/admin/api-keys.
 */
import { z } from 'zod/mini';
import { IsoDate, UnitId } from './schema/ids';
import { NameText } from './schema/text';

/** A key as sent: `pk1.<key id>.<secret>` (Bearer, or the password of HTTP Basic). */
export const API_KEY_PREFIX = 'pk1.';
export const API_KEY_PATTERN = /^pk1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export const CreateApiKeyRequest = z.strictObject({
  name: NameText,
  scopeUnitId: UnitId,
  /** The last day the key works (Europe/Stockholm); absent: until revoked. */
  expiresOn: z.optional(IsoDate),
  /** Let the key read free text (action titles, owners, notes, replies): an admin's choice only. */
  freeText: z.optional(z.boolean()),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeyView = z.strictObject({
  id: z.string(),
  name: z.string(),
  scopeUnitId: UnitId,
  createdAt: z.string(),
  /** Who created it (an account's username), null if that account is gone. */
  createdBy: z.nullable(z.string()),
  expiresOn: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  lastUsedAt: z.nullable(z.string()),
  freeText: z.boolean(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyList = z.strictObject({ keys: z.array(ApiKeyView) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** The answer to a creation: the only time the secret is ever shown. */
export const CreatedApiKey = z.strictObject({ key: ApiKeyView, secret: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
