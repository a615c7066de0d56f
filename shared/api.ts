import { z } from 'zod';
import { domainName, emailAddress, guid } from './ids';
import { errorActions, errorKinds, integrationStatuses } from './integration-status';

/**
 * The HTTP API between the add-in and the server: request schemas (validated by the server) and
 * response shapes (trusted by the add-in). Types are inferred from here, never written twice.
 */

// ---------- shared pieces ----------

export const consentStates = ['pending', 'granted', 'denied'] as const;

export const integrationError = z.object({
  kind: z.enum(errorKinds),
  graphCode: z.string().nullable(),
  httpStatus: z.number().nullable(),
  message: z.string(),
  action: z.enum(errorActions),
  at: z.string(),
});
export type IntegrationError = z.infer<typeof integrationError>;

/** A mailbox waiting for its first sync: its place in line across all organisations, and when it should start. */
export const integrationQueue = z.object({
  /** 1 = the next backfill any worker takes. */
  position: z.number(),
  /** At the rate the service has been starting backfills in the last ten minutes; null without one. */
  estimatedStartAt: z.string().nullable(),
});
export type IntegrationQueue = z.infer<typeof integrationQueue>;

export const integrationView = z.object({
  /** Whose mailbox: Microsoft 365 (tenantId = the tenant) or Google Workspace (tenantId = the customer ID). */
  provider: z.enum(['microsoft', 'google']),
  tenantId: z.string(),
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  status: z.enum(integrationStatuses),
  /** True while the organisation has Smart Activity Management switched off. */
  paused: z.boolean(),
  lastError: integrationError.nullable(),
  lastSyncAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  unlinkedAt: z.string().nullable(),
  counts: z.object({ messages: z.number(), contactPoints: z.number(), skipped: z.number() }),
  /** Progress of the initial sync; null once done. */
  initialSync: z
    .object({
      /** Messages read so far (a page read again after a crash counts again). */
      messagesSeen: z.number(),
      /** Messages in the synced folders when their initial sync started (Graph's totalItemCount); null while unknown. */
      messagesTotal: z.number().nullable(),
      foldersDone: z.number(),
      foldersTotal: z.number(),
      /** Time left at the rate read so far; null until there is a rate and a total. */
      secondsLeft: z.number().nullable(),
    })
    .nullable(),
  /** Set while the first sync waits for a worker. */
  queue: integrationQueue.nullable(),
});
export type IntegrationView = z.infer<typeof integrationView>;

// ---------- GET /api/me ----------

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    userPrincipalName: z.string(),
    /** A B2B guest of the tenant: no organisation data unless the organisation allows guests. */
    guest: z.boolean(),
  }),
  tenant: z.object({ id: z.string(), registered: z.boolean() }),
  organization: z
    .object({
      id: z.string(),
      name: z.string(),
      activityManagementEnabled: z.boolean(),
      showEmailActivities: z.boolean(),
    })
    .nullable(),
  isAdmin: z.boolean(),
  /**
   * The directory could not be asked whether the user is an admin (the app has no consent in the
   * tenant yet): they may start registering their own directory; its confirming sign-in decides.
   */
  adminUnverified: z.boolean(),
  integration: integrationView.nullable(),
});
export type MeResponse = z.infer<typeof meResponse>;

// ---------- tenants ----------

export const registerTenantRequest = z.strictObject({ tenantId: guid });

export const registerTenantResponse = z.object({
  tenantId: z.string(),
  /**
   * The link that adds the tenant: opened in the admin pane's dialog, or sent to an administrator
   * of that tenant. It works once, in the browser that opens it first, until `expiresAt`.
   */
  consentUrl: z.string(),
  expiresAt: z.string(),
  created: z.boolean(),
});
export type RegisterTenantResponse = z.infer<typeof registerTenantResponse>;

/**
 * Where a directory stands with the organisation: asked for and awaiting its own administrator's
 * confirmation, confirmed by them (a member), or detached again by them.
 */
export const tenantMemberships = ['awaiting_confirmation', 'confirmed', 'detached'] as const;

export const tenantView = z.object({
  id: z.string(),
  membership: z.enum(tenantMemberships),
  displayName: z.string().nullable(),
  verifiedDomains: z.array(z.string()),
  registeredAt: z.string(),
  registeredBy: z.string(),
  /** The tenant's own administrator who confirmed it joins the organisation. */
  confirmedBy: z.string().nullable(),
  /** Until when an unconfirmed request stays open; null once the tenant belongs to the organisation. */
  pendingUntil: z.string().nullable(),
  /** When and by which of its own administrators a detached tenant was taken back. */
  detached: z.object({ at: z.string(), by: z.string() }).nullable(),
  /** The organisation's consent for this tenant (a detached tenant has none: `pending`, never given). */
  consent: z.object({
    state: z.enum(consentStates),
    at: z.string().nullable(),
    by: z.string().nullable(),
    error: z.string().nullable(),
  }),
  counts: z.record(z.string(), z.number()),
});
export type TenantView = z.infer<typeof tenantView>;

export const tenantsResponse = z.object({ tenants: z.array(tenantView) });
export type TenantsResponse = z.infer<typeof tenantsResponse>;

/** Which organisation holds the signed-in admin's own tenant, and who else asked for it. */
export const tenantOwnership = z.object({
  tenantId: z.string(),
  organization: z
    .object({
      id: z.string(),
      name: z.string(),
      joinedAt: z.string(),
      requestedBy: z.string(),
      confirmedBy: z.string().nullable(),
    })
    .nullable(),
  pendingRequests: z.array(
    z.object({ organization: z.string().nullable(), requestedBy: z.string(), expiresAt: z.string() }),
  ),
});
export type TenantOwnership = z.infer<typeof tenantOwnership>;

export const detachTenantRequest = z.strictObject({
  /** The organisation the admin saw holding their tenant: a guard against detaching from another. */
  organizationId: z.string().min(1).max(200),
});

export const detachTenantResponse = z.object({
  detached: z.literal(true),
  organization: z.object({ id: z.string(), name: z.string() }),
  integrationsStopped: z.number(),
  contactPointsRemoved: z.number(),
});
export type DetachTenantResponse = z.infer<typeof detachTenantResponse>;

/** What the admin-consent landing page reports to the admin pane (postMessage / messageParent). */
export const consentResult = z.object({
  status: z.enum(['granted', 'denied', 'unconfirmed', 'invalid']),
  tenantId: z.string().optional(),
  message: z.string(),
  verifiedDomains: z.array(z.string()).optional(),
});
export type ConsentResult = z.infer<typeof consentResult>;

// ---------- activity management, users, integrations ----------

export const activityManagementRequest = z.strictObject({ enabled: z.boolean() });

export const activityManagementResponse = z.object({
  enabled: z.boolean(),
  changed: z.boolean(),
  /** The notification email sent on enabling: to whom, or why it could not be sent. */
  notification: z.object({ sentTo: z.string().nullable(), error: z.string().nullable() }).nullable(),
});

export const directoryUsersQuery = z.strictObject({
  search: z
    .string()
    .trim()
    .max(64, 'must be at most 64 characters')
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f]*$/, 'must not contain control characters')
    .optional(),
  cursor: z.string().max(4096).optional(),
});

export const directoryUser = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().nullable(),
  jobTitle: z.string().nullable(),
  /** A B2B guest of the directory: never started (their mail is in their own organisation). */
  guest: z.boolean(),
  /** Has a licence; starting a member without one needs `confirmUnlicensed` (shared mailboxes have none). */
  licensed: z.boolean(),
  integration: integrationView.nullable(),
});
export type DirectoryUser = z.infer<typeof directoryUser>;

export const directoryUsersResponse = z.object({
  users: z.array(directoryUser),
  nextCursor: z.string().nullable(),
});
export type DirectoryUsersResponse = z.infer<typeof directoryUsersResponse>;

const acknowledgeNoDeletion = z.literal(true, {
  error: 'must be true: extracted contact points cannot be deleted, so starting needs that acknowledged',
});
/** The admin saw that some of these users have no licence (so probably no mailbox) and starts them anyway. */
const confirmUnlicensed = z.boolean().optional();

export const startIntegrationsRequest = z.strictObject({
  userIds: z
    .array(guid)
    .min(1, 'must name at least one user')
    .max(200, 'must name at most 200 users per request'),
  acknowledgeNoDeletion,
  confirmUnlicensed,
});

export const startIntegrationOneRequest = z.strictObject({ acknowledgeNoDeletion, confirmUnlicensed });

export const startOutcome = z.enum(['started', 'already_started', 'restarted', 'not_found']);
export const startIntegrationsResponse = z.object({
  results: z.array(
    z.object({ userId: z.string(), outcome: startOutcome, integration: integrationView.nullable() }),
  ),
});
export type StartIntegrationsResponse = z.infer<typeof startIntegrationsResponse>;

export const integrationsQuery = z.strictObject({
  tenantId: guid.optional(),
  status: z.enum(integrationStatuses).optional(),
});
export const integrationsResponse = z.object({ integrations: z.array(integrationView) });

// ---------- settings and audit ----------

export const settingsView = z.object({
  showEmailActivities: z.boolean(),
  subjectVisibility: z.enum(['full', 'hidden']),
  excludedDomains: z.array(z.string()),
  excludedAddresses: z.array(z.string()),
  backfillDays: z.number(),
  /** Whether B2B guests of the organisation's tenants may use the product (default: no). */
  allowGuests: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsView>;

export const settingsUpdate = z
  .strictObject({
    showEmailActivities: z.boolean(),
    subjectVisibility: z.enum(['full', 'hidden']),
    excludedDomains: z.array(domainName).max(500, 'must list at most 500 domains'),
    excludedAddresses: z.array(emailAddress).max(1000, 'must list at most 1000 addresses'),
    backfillDays: z.number().int().min(1).max(3650),
    allowGuests: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'must change at least one setting');

export const auditQuery = z.strictObject({ cursor: z.string().max(200).optional() });
export const auditEntry = z.object({
  at: z.string(),
  actor: z.object({ userId: z.string(), userPrincipalName: z.string(), tenantId: z.string() }),
  action: z.string(),
  target: z.object({ tenantId: z.string().optional(), userId: z.string().optional() }),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditResponse = z.object({ entries: z.array(auditEntry), nextCursor: z.string().nullable() });

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
});

// ---------- task pane: contacts and companies (ARCHITECTURE.md §6b) ----------

export const contactsQuery = z.strictObject({
  emails: z
    .string()
    .max(50 * 254 + 49)
    .transform((s) =>
      s
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(emailAddress)
        .min(1, 'must name at least one address')
        .max(50, 'must name at most 50 addresses'),
    ),
});

export const phone = z.object({
  type: z.string(),
  /** E.164, or an internal extension alone as written ("x6721") */
  number: z.string(),
  /** dialled after `number` ("123" of "713-853-5620 x123") */
  extension: z.string().optional(),
});

export const signatureView = z.object({
  name: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  company: z.string().nullable(),
  phones: z.array(phone),
  address: z.string().nullable(),
  url: z.string().nullable(),
  /** time of the newest email the fields were read from */
  seenAt: z.string().nullable(),
});
export type SignatureView = z.infer<typeof signatureView>;

export const colleagueRelationship = z.object({
  userId: z.string(),
  name: z.string(),
  sent: z.number(),
  received: z.number(),
  firstContactAt: z.string(),
  lastContactAt: z.string(),
  /** 0-100: recency- and reciprocity-weighted (see README, "Relationship strength") */
  strength: z.number(),
});
export type ColleagueRelationship = z.infer<typeof colleagueRelationship>;

export const timelineItem = z.object({
  at: z.string(),
  colleague: z.object({ userId: z.string(), name: z.string() }),
  direction: z.enum(['sent', 'received']),
  subject: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItem>;

export const externalContactView = z.object({
  email: z.string(),
  internal: z.literal(false),
  known: z.boolean(),
  name: z.string().nullable(),
  domain: z.string(),
  company: z.string().nullable(),
  signature: signatureView.nullable(),
  totals: z.object({
    sent: z.number(),
    received: z.number(),
    firstContactAt: z.string().nullable(),
    lastContactAt: z.string().nullable(),
  }),
  colleagues: z.array(colleagueRelationship),
  recent: z.array(timelineItem),
  months: z.array(z.object({ month: z.string(), sent: z.number(), received: z.number() })),
});
export type ExternalContactView = z.infer<typeof externalContactView>;

export const internalContactView = z.object({ email: z.string(), internal: z.literal(true) });

export const companySummary = z.object({
  domain: z.string(),
  name: z.string(),
  people: z.number(),
  firstContactAt: z.string(),
  lastContactAt: z.string(),
});
export type CompanySummary = z.infer<typeof companySummary>;

export const contactsResponse = z.object({
  hiddenByDisplaySetting: z.boolean(),
  contacts: z.array(z.union([externalContactView, internalContactView])),
  companies: z.array(companySummary),
});
export type ContactsResponse = z.infer<typeof contactsResponse>;

export const contactPointsQuery = z.strictObject({ cursor: z.string().max(200).optional() });
export const contactPointsResponse = z.object({
  hiddenByDisplaySetting: z.boolean(),
  items: z.array(timelineItem),
  nextCursor: z.string().nullable(),
});
export type ContactPointsResponse = z.infer<typeof contactPointsResponse>;

export const companyResponse = z.object({
  hiddenByDisplaySetting: z.boolean(),
  company: companySummary.nullable(),
  people: z.array(
    z.object({
      email: z.string(),
      name: z.string().nullable(),
      title: z.string().nullable(),
      sent: z.number(),
      received: z.number(),
      lastContactAt: z.string().nullable(),
    }),
  ),
  colleagues: z.array(colleagueRelationship.omit({ firstContactAt: true })),
});
export type CompanyResponse = z.infer<typeof companyResponse>;

// ---------- relationship search ----------

export const searchKinds = ['person', 'company', 'colleague'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
    kind: z.enum(searchKinds).optional(),
    cursor: z.string().max(200).optional(),
  })
  .refine((query) => !query.cursor || query.kind, { message: 'cursor needs kind', path: ['cursor'] });

/** Someone outside the organisation, as a colleague (or the organisation's strongest colleague) knows them. */
export const relationshipHit = z.object({
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  domain: z.string(),
  title: z.string().nullable(),
  /** 0-100, see README "Relationship strength" */
  strength: z.number(),
  sent: z.number(),
  received: z.number(),
  lastContactAt: z.string().nullable(),
});
export type RelationshipHit = z.infer<typeof relationshipHit>;

/** A person found: the organisation's totals, the strength of the colleague who knows them best. */
export const personHit = relationshipHit.extend({
  knownBestBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
});
export type PersonHit = z.infer<typeof personHit>;

export const colleagueHit = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  contactPoints: z.number(),
});
export type ColleagueHit = z.infer<typeof colleagueHit>;

export const searchResponse = z.object({
  hiddenByDisplaySetting: z.boolean(),
  people: z.array(personHit),
  companies: z.array(companySummary),
  colleagues: z.array(colleagueHit),
  /** the next page of the kind asked for; null on the last page and without `kind` */
  nextCursor: z.string().nullable(),
  /** false when more match than the index lists for so short a query: typing more narrows it */
  complete: z.boolean(),
});
export type SearchResponse = z.infer<typeof searchResponse>;

/** GET /api/colleagues/{userId}: the people and companies one colleague is in touch with, strongest first. */
export const colleagueResponse = z.object({
  hiddenByDisplaySetting: z.boolean(),
  colleague: colleagueHit.nullable(),
  people: z.array(relationshipHit),
  companies: z.array(companySummary),
});
export type ColleagueResponse = z.infer<typeof colleagueResponse>;
