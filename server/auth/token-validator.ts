import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { guidPattern } from '../../shared/ids';
import type { Config } from '../config';
import { ApiError } from '../http/errors';
import { adminDirectoryRoles } from './directory-facts';
import { IssuerTemplates, type TokenVersion } from './issuers';

export { adminDirectoryRoles };
export const adminAppRole = 'SmartActivity.Admin';
export const apiScope = 'access_as_user';

/** Who is calling, as proven by a validated Entra access token for our API. */
export interface TokenIdentity {
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  name: string;
  version: TokenVersion;
  /** What the token says about admin rights: null when it cannot tell (no `wids` claim). */
  adminClaim: boolean | null;
  /** What the token says about being a B2B guest: null without the `acct` optional claim. */
  guestClaim: boolean | null;
  /** The identity provider that authenticated the user when it is not the issuer (`idp`). */
  foreignIdp: string | null;
}

/** Admin or not, and where the answer came from; `unavailable` when the directory could not be asked. */
export interface AdminStatus {
  isAdmin: boolean;
  source: 'token' | 'directory' | 'unavailable';
}

/** The caller with what the directory adds to the token (see auth/middleware.ts). */
export interface Principal extends TokenIdentity {
  isGuest: boolean;
  /** Asked only where it matters (admin routes, /api/me), once per request. */
  admin(): Promise<AdminStatus>;
}

const unauthenticated = (code: string, message: string) => new ApiError(401, code, message);

/**
 * Validates bearer tokens issued by Entra ID for our API, in both formats (access-tokens.md):
 * RS256 signature against the authority's published keys; issuer per version as the authority's
 * discovery documents name it (v1.0 `https://sts.windows.net/{tid}/` in the public cloud, v2.0
 * `{authority}/{tid}/v2.0`); audience = our API (client id, or an Application ID URI with or
 * without a trailing slash); expiry and not-before; a delegated token with our scope. A fresh app
 * registration gets v1.0 tokens, with `upn`/`unique_name` instead of `preferred_username`.
 * Nothing in the token is trusted before the signature is.
 */
export class TokenValidator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly issuers: IssuerTemplates;

  constructor(private readonly microsoft: Config['microsoft']) {
    // Entra signs tokens of every tenant and version with the keys published under /common.
    this.keys = createRemoteJWKSet(new URL(`${microsoft.authorityHost}/common/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 24 * 3600_000,
    });
    this.issuers = new IssuerTemplates(microsoft.authorityHost);
  }

  /**
   * Validates an ID token from a v2.0 sign-in to one tenant (id-token-claims-reference.md):
   * signature, that tenant's v2.0 issuer, audience = our client id, lifetime, our nonce.
   */
  async validateIdToken(idToken: string, expected: IdTokenCheck): Promise<SignedInUser> {
    const { payload } = await jwtVerify(idToken, this.keys, {
      algorithms: ['RS256'],
      issuer: await this.issuers.issuerFor('2.0', expected.tenantId),
      audience: this.microsoft.clientId,
      clockTolerance: 60,
      requiredClaims: ['exp', 'iat', 'tid', 'oid', 'nonce'],
    });
    if (payload.nonce !== expected.nonce) throw new Error('The ID token answers another sign-in (nonce).');
    if (String(payload.tid).toLowerCase() !== expected.tenantId)
      throw new Error('The ID token is of another tenant.');
    const wids = Array.isArray(payload.wids) ? payload.wids.map(String) : null;
    const username = String(payload.preferred_username ?? payload.upn ?? payload.email ?? '');
    return {
      tenantId: expected.tenantId,
      userId: String(payload.oid).toLowerCase(),
      userPrincipalName: username,
      name: String(payload.name ?? username),
      adminClaim: wids ? wids.some((w) => adminDirectoryRoles.has(w)) : null,
    };
  }

  async validate(authorization: string | undefined): Promise<TokenIdentity> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!authorization) throw unauthenticated('missing_token', 'Sign in: the request has no bearer token.');
    if (!match) throw unauthenticated('invalid_token', 'The Authorization header is not a bearer JWT.');
    const token = match[1]!;

    let unverified: JWTPayload;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'RS256')
        throw unauthenticated('invalid_token', `Tokens signed with ${String(header.alg)} are not accepted.`);
      unverified = decodeJwt(token);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw unauthenticated('invalid_token', 'The token is not a well-formed JWT.');
    }
    const tid = unverified.tid;
    if (typeof tid !== 'string' || !guidPattern.test(tid))
      throw unauthenticated('invalid_token', 'The token has no valid tenant (tid).');
    const version: TokenVersion = unverified.ver === '1.0' ? '1.0' : '2.0';

    let issuer: string;
    try {
      issuer = await this.issuers.issuerFor(version, tid.toLowerCase());
    } catch {
      throw providerUnavailable();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer,
        audience: this.microsoft.apiAudiences,
        clockTolerance: 60,
        requiredClaims: ['exp', 'iat', 'tid', 'oid', 'ver'],
      }));
    } catch (err) {
      throw describeJoseError(err);
    }

    if (typeof payload.oid !== 'string' || !guidPattern.test(payload.oid))
      throw unauthenticated('invalid_token', 'The token names no valid user (oid).');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(apiScope)) {
      throw unauthenticated(
        'invalid_token',
        `The token must be a user token with the ${apiScope} scope of this API.`,
      );
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
    // `wids` is there only when the registration asks for directory roles; then it is the whole truth.
    const wids = Array.isArray(payload.wids) ? payload.wids.map(String) : null;
    const username = String(payload.preferred_username ?? payload.upn ?? payload.unique_name ?? '');
    const idp = typeof payload.idp === 'string' ? payload.idp : null;
    return {
      tenantId: tid.toLowerCase(),
      userId: String(payload.oid).toLowerCase(),
      userPrincipalName: username,
      name: String(payload.name ?? username),
      version,
      adminClaim: roles.includes(adminAppRole)
        ? true
        : wids
          ? wids.some((w) => adminDirectoryRoles.has(w))
          : null,
      guestClaim: payload.acct === undefined ? null : Number(payload.acct) === 1,
      foreignIdp: idp && idp !== issuer && !idp.includes(tid.toLowerCase()) ? idp : null,
    };
  }
}

/** Who signed in, from a validated ID token (the tenant confirmation's sign-in). */
export interface SignedInUser {
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  name: string;
  /** From `wids` when the registration emits it; null when only the directory can tell. */
  adminClaim: boolean | null;
}

export interface IdTokenCheck {
  tenantId: string;
  nonce: string;
}

const providerUnavailable = () =>
  new ApiError(
    503,
    'identity_provider_unavailable',
    'The signing keys of the identity provider could not be fetched; try again.',
  );

function describeJoseError(err: unknown): ApiError {
  if (err instanceof errors.JWTExpired)
    return unauthenticated('token_expired', 'The access token has expired; get a new one.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    const what =
      claim === 'aud'
        ? 'is not for this API'
        : claim === 'iss'
          ? 'was not issued by the configured authority'
          : `has an invalid "${claim}" claim`;
    return unauthenticated('invalid_token', `The access token ${what}.`);
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return unauthenticated('invalid_token', 'The token is signed with an unknown key.');
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return unauthenticated('invalid_token', 'The token signature is invalid.');
  if (err instanceof errors.JOSEAlgNotAllowed)
    return unauthenticated('invalid_token', 'The token algorithm is not accepted.');
  if (err instanceof errors.JWKSTimeout || (err as { code?: string })?.code === 'ERR_JOSE_GENERIC')
    return providerUnavailable();
  return unauthenticated('invalid_token', 'The access token is not valid.');
}
