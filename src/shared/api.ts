/**
 * Request and response bodies of the REST routes beside sync (auth, org tree, admin, roll-up).
 * The server parses requests with these; the client parses responses with them.
 */
import { z } from 'zod/mini';
import { AccountId, DeviceId, IsoMonth, QueryMonth, UnitId } from './schema/ids';
import { HsaId, OrgUnit, UnitKind } from './schema/org-unit';
import { cleanLine, cleanText, freeLine, NameText, noPersonnummer } from './schema/text';

export const ROLES = ['admin', 'manager', 'staff'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who is calling: an enrolled ward tablet (staff rights on one unit) or a person's login. */
export const Identity = z.strictObject({
  deviceId: DeviceId,
  kind: z.enum(['tablet', 'account']),
  role: Role,
  /** Root of the subtree the caller may read. A tablet's and a staff member's is their unit. */
  scopeUnitId: UnitId,
  accountId: z.nullable(AccountId),
  username: z.nullable(z.string()),
  displayName: z.string(),
});
export type Identity = z.infer<typeof Identity>;

export const Username = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._\-]{2,40}$/), noPersonnummer);
/** A new password: one clean line, and not a personnummer (the first thing a guesser tries). */
export const Password = z.string().check(z.minLength(8), z.maxLength(200), cleanLine, noPersonnummer);
/** A device's name in the device lists ("Min telefon", "Surfplatta expedition"). */
export const DeviceLabel = freeLine(80);

export const LoginRequest = z.strictObject({
  username: Username,
  /** Only compared with the stored hash: any password set before the rules above still logs in. */
  password: z.string().check(z.minLength(1), z.maxLength(200), cleanLine),
  label: z.optional(DeviceLabel),
});
/** Enrolment codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const ENROL_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROL_CODE_LENGTH = 8;
export const ENROL_CODE_TTL_MS = 10 * 60 * 1000;
export const EnrolRequest = z.strictObject({
  code: z.string().check(
    z.trim(),
    z.toUpperCase(),
    z.overwrite((s) => s.replace(/[\s-]/g, '')),
    z.length(ENROL_CODE_LENGTH),
    z.regex(new RegExp(`^[${ENROL_CODE_ALPHABET}]+$`)),
  ),
  label: z.optional(DeviceLabel),
});
/** Both login and enrolment hand the client a long-lived device credential. */
export const DeviceCredential = z.strictObject({
  deviceId: DeviceId,
  deviceSecret: z.string().check(z.minLength(32), z.maxLength(200)),
  identity: Identity,
});
export type DeviceCredential = z.infer<typeof DeviceCredential>;

export const TokenRequest = z.strictObject({
  deviceId: DeviceId,
  /** base64url, as newDeviceSecret makes it. */
  deviceSecret: z.string().check(z.minLength(32), z.maxLength(200), z.regex(/^[A-Za-z0-9_-]+$/)),
});
export const TokenResponse = z.strictObject({
  accessToken: z.string(),
  /** Epoch ms. The client renews shortly before, and always on a 401 token-expired. */
  expiresAt: z.number(),
  identity: Identity,
  serverTime: z.number(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const OrgResponse = z.strictObject({ units: z.array(OrgUnit) });
export type OrgResponse = z.infer<typeof OrgResponse>;

export const CreateUnitRequest = z.strictObject({ name: NameText, kind: UnitKind, parentId: UnitId, hsaId: z.optional(z.nullable(HsaId)) });
export const UpdateUnitRequest = z.strictObject({
  name: z.optional(NameText),
  /** null removes the unit's HSA-id. */
  hsaId: z.optional(z.nullable(HsaId)),
  parentId: z.optional(UnitId),
  closed: z.optional(z.boolean()),
});
export const ImportOrgRequest = z.strictObject({
  format: z.enum(['csv', 'json']),
  content: z.string().check(z.maxLength(900_000), cleanText),
});
export const ImportOrgResponse = z.strictObject({ created: z.int(), updated: z.int() });
export const ImportErrorItem = z.strictObject({
  line: z.int(),
  code: z.string(),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
});
export type ImportErrorItem = z.infer<typeof ImportErrorItem>;

export const AccountView = z.strictObject({
  id: AccountId,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeUnitId: UnitId,
  disabled: z.boolean(),
  /** The person at the region's identity provider this account is linked to (issue 12). */
  externalId: z.optional(z.nullable(z.string())),
});
export type AccountView = z.infer<typeof AccountView>;
export const CreateAccountRequest = z.strictObject({
  username: Username,
  displayName: NameText,
  password: Password,
  role: Role,
  scopeUnitId: UnitId,
});

export const UpdateAccountRequest = z.strictObject({ disabled: z.boolean() });

export const EnrolCodeRequest = z.strictObject({ unitId: UnitId });
export const EnrolCodeResponse = z.strictObject({ code: z.string(), unitId: UnitId, expiresAt: z.number() });
export const DeviceView = z.strictObject({
  id: DeviceId,
  unitId: UnitId,
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type DeviceView = z.infer<typeof DeviceView>;
export const DeviceListResponse = z.strictObject({ devices: z.array(DeviceView) });

export const BhkRollupQuery = z.strictObject({ rootId: UnitId, month: QueryMonth });

const Count = z.int().check(z.gte(0));
const StepCountsSchema = z.strictObject({ ja: Count, nej: Count, na: Count });
/** Wire form of domain/bhk.ts BhkCounts: raw pooled counts, never percentages. */
export const BhkCountsSchema = z.strictObject({
  n: Count,
  selfAssessmentN: Count,
  steps: z.strictObject({
    handDisinfectionBefore: StepCountsSchema,
    gloves: StepCountsSchema,
    apron: StepCountsSchema,
    handDisinfectionAfter: StepCountsSchema,
    shortSleeves: StepCountsSchema,
    noJewellery: StepCountsSchema,
    nails: StepCountsSchema,
    hairTiedUp: StepCountsSchema,
  }),
  hygieneAllOk: Count,
  dressAllOk: Count,
  totalAllOk: Count,
});
export const BhkRollupNode = z.strictObject({
  unitId: UnitId,
  name: z.string(),
  kind: UnitKind,
  parentId: z.nullable(UnitId),
  closed: z.boolean(),
  counts: BhkCountsSchema,
  /** Completeness: open reporting units in the subtree with ≥ 1 observation, and how many there are. */
  reporting: Count,
  expected: Count,
});
export type BhkRollupNode = z.infer<typeof BhkRollupNode>;
export const BhkRollupResponse = z.strictObject({
  month: IsoMonth,
  rootId: UnitId,
  nodes: z.array(BhkRollupNode),
});
export type BhkRollupResponse = z.infer<typeof BhkRollupResponse>;

