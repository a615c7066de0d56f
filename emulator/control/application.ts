import { z } from 'zod';
import type { EntraApplication } from '../entra/application';

/**
 * A change to the app registration, in the shape of Graph's `PATCH /applications/{id}` body:
 * top-level properties replace the stored ones; `api`, `spa` and `web` merge property by property.
 * Tests use it to switch the emulator from the fresh registration to a configured one (v2.0
 * tokens, `wids`, `acct`), to register redirect URIs or a certificate.
 */

const optionalClaim = z.object({
  name: z.string().max(100),
  source: z.string().nullable().default(null),
  essential: z.boolean().default(false),
  additionalProperties: z.array(z.string()).default([]),
});

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const applicationPatch = z.strictObject({
  displayName: z.string().min(1).max(120).optional(),
  signInAudience: z.enum(['AzureADMyOrg', 'AzureADMultipleOrgs']).optional(),
  identifierUris: z.array(z.string().max(256)).max(20).optional(),
  api: z
    .strictObject({
      requestedAccessTokenVersion: z.union([z.literal(1), z.literal(2), z.null()]).optional(),
      oauth2PermissionScopes: z
        .array(
          z.object({
            id: guid,
            value: z.string().min(1).max(120),
            type: z.enum(['User', 'Admin']),
            isEnabled: z.boolean(),
            adminConsentDisplayName: z.string().max(256),
            adminConsentDescription: z.string().max(1024),
            userConsentDisplayName: z.string().max(256).nullable().default(null),
            userConsentDescription: z.string().max(1024).nullable().default(null),
          }),
        )
        .max(20)
        .optional(),
    })
    .optional(),
  appRoles: z
    .array(
      z.object({
        id: guid,
        value: z.string().min(1).max(120),
        displayName: z.string().max(256),
        description: z.string().max(1024),
        allowedMemberTypes: z.array(z.enum(['User', 'Application'])).min(1),
        isEnabled: z.boolean(),
      }),
    )
    .max(20)
    .optional(),
  groupMembershipClaims: z
    .enum(['None', 'SecurityGroup', 'DirectoryRole', 'ApplicationGroup', 'All'])
    .nullable()
    .optional(),
  optionalClaims: z
    .object({
      accessToken: z.array(optionalClaim).default([]),
      idToken: z.array(optionalClaim).default([]),
      saml2Token: z.array(optionalClaim).default([]),
    })
    .nullable()
    .optional(),
  requiredResourceAccess: z
    .array(
      z.object({
        resourceAppId: z.string(),
        resourceAccess: z.array(z.object({ id: z.string(), type: z.enum(['Scope', 'Role']) })).max(100),
      }),
    )
    .max(20)
    .optional(),
  spa: z.strictObject({ redirectUris: z.array(z.string().max(256)).max(256) }).optional(),
  web: z.strictObject({ redirectUris: z.array(z.string().max(256)).max(256) }).optional(),
  keyCredentials: z
    .array(
      z.object({
        keyId: z.string(),
        type: z.literal('AsymmetricX509Cert'),
        usage: z.literal('Verify'),
        key: z.string().max(20_000),
        customKeyIdentifier: z.string().nullable().default(null),
        displayName: z.string().nullable().default(null),
        startDateTime: z.string().nullable().default(null),
        endDateTime: z.string().nullable().default(null),
      }),
    )
    .max(20)
    .optional(),
});

export function applyApplicationPatch(
  app: EntraApplication,
  patch: z.output<typeof applicationPatch>,
): EntraApplication {
  const { api, spa, web, ...rest } = patch;
  return {
    ...app,
    ...(Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    ) as Partial<EntraApplication>),
    api: { ...app.api, ...(api ?? {}) },
    spa: { ...app.spa, ...(spa ?? {}) },
    web: { ...app.web, ...(web ?? {}) },
  };
}
